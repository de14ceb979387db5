"""The embedded SQLite database takes writes from several processes at once (gunicorn workers,
several browser tabs) without "database is locked" errors and without losing any of them."""

import os
import subprocess
import sys
import textwrap

WRITER = textwrap.dedent("""
    import os, sys
    os.environ["DJANGO_SETTINGS_MODULE"] = "careermap.settings"
    import django
    django.setup()
    from django.db import transaction
    from careermap.people.models import Person, Team
    worker = sys.argv[1]
    team = Team.objects.get(name="Shared")
    for i in range(40):
        with transaction.atomic():
            # Read, then write in the same transaction: the pattern that fails with
            # "database is locked" when transactions do not take the write lock up front.
            count = Person.objects.count()
            Person.objects.create(name=f"{worker}-{i}", email=f"{worker}-{i}@example.org",
                                  team=team, job_title=str(count))
""")


def test_four_processes_writing_at_once_all_succeed(tmp_path):
    env = {**os.environ, "CAREERMAP_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "careermap", "migrate", "-v0"], env=env, check=True)
    setup = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='careermap.settings';"
        "django.setup(); from careermap.people.models import Team;"
        "Team.objects.create(name='Shared')"
    )
    subprocess.run([sys.executable, "-c", setup], env=env, check=True)
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    workers = [
        subprocess.Popen(
            [sys.executable, str(script), f"w{n}"], env=env, stderr=subprocess.PIPE, text=True
        )
        for n in range(4)
    ]
    errors = [w.communicate(timeout=120)[1] for w in workers]
    assert all(w.returncode == 0 for w in workers), errors
    count = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='careermap.settings';"
        "django.setup(); from careermap.people.models import Person;"
        "print(Person.objects.count())"
    )
    out = subprocess.run(
        [sys.executable, "-c", count], env=env, check=True, capture_output=True, text=True
    ).stdout
    assert out.strip() == "160"
