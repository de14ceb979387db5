"""The cast every test draws on: a small organisation with one of each kind of viewer.

director ── manager ──┬── report ── (nobody)
                      └── peer
hr (HR admin)    stranger (another team)    sysadmin (sign-in with no person)
"""

import pytest

from tests.factories import PersonFactory, TeamFactory, UserFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The default framework takes half a second to import: load it once for the session.
    from careermap.frameworks import services

    with django_db_blocker.unblock():
        services.load_default_framework()


@pytest.fixture(autouse=True)
def _fresh_caches():
    # Each test's changes roll back, so a version number can come round again with different
    # content: never let one test see another's compiled framework.
    from django.core.cache import caches

    from careermap.conversations import playbooks
    from careermap.frameworks import queries

    queries._compiled.clear()
    queries.forget_version()
    for cache in caches.all():  # the shared cache is files, which outlive a test's rollback
        cache.clear()
    playbooks._custom_cache.clear()
    from careermap.practice import queries as practice_queries

    practice_queries._custom_cache.clear()
    practice_queries._custom_lessons.clear()


@pytest.fixture
def framework(db):
    """The default framework (browser tests flush the database, so load it again if gone)."""
    from careermap.frameworks import services
    from careermap.frameworks.models import FrameworkInfo, Role

    if not Role.objects.filter(retired=False).exists():
        services.load_default_framework()
    return FrameworkInfo.objects.get()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def team(db):
    return TeamFactory(name="Platform")


@pytest.fixture
def director(db):
    return PersonFactory(name="Dora Director", job_title="Director of Engineering")


@pytest.fixture
def manager(director, team):
    return PersonFactory(
        name="Manny Manager", job_title="Engineering Manager", manager=director, team=team
    )


@pytest.fixture
def report(manager, team):
    return PersonFactory(
        name="Rita Report", job_title="Software Engineer", manager=manager, team=team
    )


@pytest.fixture
def peer(manager, team):
    return PersonFactory(
        name="Pete Peer", job_title="Software Engineer", manager=manager, team=team
    )


@pytest.fixture
def hr(db):
    return PersonFactory(name="Hana HR", job_title="People Partner", is_hr_admin=True)


@pytest.fixture
def stranger(db):
    return PersonFactory(name="Sam Stranger", job_title="Account Executive")


@pytest.fixture
def sysadmin(db):
    return UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
