"""The conversations the load test's users hold, and the check of what they were told was saved.

    CAREERMAP_DATA_DIR=... python benchmarks/load_data.py book PAIRS.json
        books a career conversation between each demo manager and each of their direct
        reports, and writes who meets whom (conversation id, manager, report) to PAIRS.json
    CAREERMAP_DATA_DIR=... python benchmarks/load_data.py check CONFIRMED_DIR
        reads what every load-test user was told was saved (one JSON-lines file per user) and
        checks it in the database; prints what is missing and exits 1 if anything is

Run by benchmarks/load.py.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careermap.settings")

import django

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from careermap.conversations import playbooks  # noqa: E402
from careermap.conversations import services as conversations  # noqa: E402
from careermap.conversations.models import AgendaItem, Note, Reflection  # noqa: E402
from careermap.people.models import Person  # noqa: E402


@transaction.atomic
def book(pairs_file: Path) -> None:
    playbook = playbooks.library()["career-aspirations"]
    pairs = []
    managers = Person.objects.filter(reports__isnull=False, user__isnull=False).distinct()
    for manager in managers.order_by("pk"):
        for report in manager.reports.filter(user__isnull=False).order_by("pk"):
            if report.reports.exists():
                continue  # managers take part as managers
            talk = conversations.book(
                actor=manager.user,
                playbook=playbook,
                host=manager,
                guest=report,
                starts_at=timezone.now() + dt.timedelta(days=2),
            )
            pairs.append({"conversation": talk.pk, "host": manager.email, "guest": report.email})
    pairs_file.write_text(json.dumps(pairs, indent=1))
    print(f"booked {len(pairs)} conversations")


def check(folder: Path) -> None:
    notes: set[str] = set()
    agenda, reflections, missing = 0, 0, []
    for path in sorted(folder.glob("*.jsonl")):
        last_reflection: dict[int, dict] = {}
        for line in path.read_text().splitlines():
            saved = json.loads(line)
            kind, talk = saved["kind"], saved["conversation"]
            if kind == "notes":
                text = Note.objects.get(conversation_id=talk, private_to=None, question_key="").text
                for token in saved["tokens"]:
                    notes.add(token)
                    if token not in text:
                        missing.append(f"{path.stem}: note text {token} in conversation {talk}")
            elif kind == "agenda":
                agenda += 1
                if not AgendaItem.objects.filter(conversation_id=talk, text=saved["text"]):
                    missing.append(f"{path.stem}: agenda item {saved['text']!r}")
            elif kind == "reflection":
                reflections += 1
                if saved["version"] >= last_reflection.get(talk, {}).get("version", -1):
                    last_reflection[talk] = saved
        for talk, saved in last_reflection.items():
            # Each report writes their own reflection alone: the last version they were told
            # was saved is the one stored, or a later one of theirs.
            stored = Reflection.objects.get(conversation_id=talk, author__email=saved["author"])
            if stored.version < saved["version"] or (
                stored.version == saved["version"] and stored.answers != saved["answers"]
            ):
                missing.append(f"{path.stem}: reflection version {saved['version']} of {talk}")
    print(
        f"confirmed writes checked: {len(notes):,} note edits, {agenda:,} agenda items, "
        f"{reflections:,} reflection saves; lost: {len(missing)}"
    )
    for line in missing[:20]:
        print("  LOST", line)
    if missing:
        raise SystemExit(1)


if __name__ == "__main__":
    what, where = sys.argv[1], Path(sys.argv[2])
    book(where) if what == "book" else check(where)
