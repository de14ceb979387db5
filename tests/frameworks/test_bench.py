"""The bench for a role: who across the organisation is closest to it, and what each lacks."""

import datetime as dt

from django.core.cache import cache
from django.urls import reverse

from careermap.engine.gaps import gap_report
from careermap.frameworks import queries, services
from careermap.frameworks.models import Experience, Role, Skill
from careermap.people.models import Person
from tests.factories import PersonFactory


def _rate(person, **levels):
    for key, level in levels.items():
        services.rate_skill(
            person,
            actor=None,
            skill=Skill.objects.get(key=key),
            kind="self",
            level=level,
            evidence="",
            assessed_on=dt.date.today(),
            version=None,
        )


def test_bench_ranks_the_closest_people_and_leaves_out_holders(client, hr, framework):
    lead = Role.objects.get(key="engineering-management-l3")
    near = PersonFactory(name="Nell Near")
    far = PersonFactory(name="Fay Far")
    holder = PersonFactory(name="Hal Holder")
    _rate(near, coaching=3, planning=3, facilitation=3, **{"giving-feedback": 3})
    _rate(far, coaching=1)
    _rate(holder, coaching=5, planning=5)
    services.set_current_role(holder, actor=None, role=lead)
    client.force_login(hr.user)
    page = client.get(reverse("frameworks:bench", args=[lead.key])).content.decode()
    assert page.index("Nell Near") < page.index("Fay Far")
    assert "Hal Holder" not in page
    assert "Team building +3" in page  # what Nell still lacks


def test_bench_scores_match_each_persons_own_gap_analysis(framework):
    lead = "engineering-management-l3"
    people = PersonFactory.create_batch(6)
    for i, person in enumerate(people):
        _rate(person, coaching=1 + i % 5, planning=5 - i % 4, hiring=2, writing=4)
    services.record_achievement(
        people[2], actor=None, experience=Experience.objects.get(key="led-a-team")
    )
    entries = queries.bench_for(lead, limit=20)
    framework_ = queries.compiled_framework()
    for entry in entries:
        person = Person.objects.get(pk=entry.person_id)
        expected = gap_report(framework_, queries.profile_of(person), lead)
        assert entry.readiness == expected.readiness
        assert [g.skill for g in entry.gaps] == [g.skill for g in expected.gaps]
    scores = [e.readiness for e in entries]
    assert scores == sorted(scores, reverse=True) and len(entries) >= 6


def test_bench_query_count_does_not_grow_with_the_organisation(
    client, hr, framework, django_assert_num_queries
):
    lead = Role.objects.get(key="engineering-management-l3")
    client.force_login(hr.user)
    url = reverse("frameworks:bench", args=[lead.key])
    for person in PersonFactory.create_batch(5):
        _rate(person, coaching=2)
    client.get(url)
    cache.clear()  # measure the computation, not the cached answer (sessions are elsewhere)
    # 1 the signed-in user with their person; the role page's part: 2 the role, 3 its skills,
    # 4 experiences, 5 relationships, 6 moves out, 7 moves in; the bench's cache key: 8 the
    # framework and people versions, 9 the head count; the computation: 10 the framework
    # version, 11 the role's skills, 12 everyone's ids, 13 who holds the role, 14 everyone's
    # proficiency steps met (summed by the database), 15 experiences and 16 relationships
    # counted per person, then for the top people only: 17 ratings, 18 experiences,
    # 19 relationships, 20 names; 21 skill names, 22 the unread reminders in the navigation
    with django_assert_num_queries(22):
        client.get(url)
    for person in PersonFactory.create_batch(40):
        _rate(person, coaching=2, planning=2)
    cache.clear()
    with django_assert_num_queries(22):  # the same with 45 people rated instead of 5
        client.get(url)


def test_bench_is_reused_until_someone_is_rated_again(
    client, hr, framework, django_assert_num_queries
):
    lead = Role.objects.get(key="engineering-management-l3")
    url = reverse("frameworks:bench", args=[lead.key])
    client.force_login(hr.user)
    first = PersonFactory(name="Fran First")
    _rate(first, coaching=2)
    client.get(url)
    # 1 the signed-in user with their person, 2 the role, 3 its skills, 4 experiences,
    # 5 relationships, 6 moves out, 7 moves in, 8 the framework and people versions and 9 the
    # head count (the bench's cache key), 10 the names of the people on the bench, 11 skill
    # names, 12 the unread reminders: the bench itself comes from the cache
    with django_assert_num_queries(12):
        page = client.get(url).content.decode()
    assert "Fran First" in page
    newcomer = PersonFactory(name="Nico Newcomer")
    _rate(newcomer, coaching=3, planning=3, hiring=2)
    # The same, and the bench computed again (10 queries more: see the test above)
    with django_assert_num_queries(22):
        page = client.get(url).content.decode()
    assert page.index("Nico Newcomer") < page.index("Fran First")
