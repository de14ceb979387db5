"""Skill ratings: the person rates themselves, their manager rates them, history is kept."""

import datetime as dt

from django.urls import reverse

from careermap.frameworks import services
from careermap.frameworks.models import Assessment, Skill, SkillRating


def _rate(client, person, kind, level, version="", evidence="Led the integration", **extra):
    return client.post(
        reverse("frameworks:rate", args=[person.pk, "planning"]),
        {
            "kind": kind,
            "level": level,
            "evidence": evidence,
            "assessed_on": dt.date.today().isoformat(),
            "version": version,
        },
        **extra,
    )


def test_person_rates_themselves_and_manager_rates_them(client, placed, manager):
    rating = SkillRating.objects.get(person=placed, skill__key="planning")
    client.force_login(placed.user)
    assert _rate(client, placed, "self", 2, rating.version).status_code == 302
    rating.refresh_from_db()
    client.force_login(manager.user)
    assert _rate(client, placed, "manager", 3, rating.version).status_code == 302
    rating.refresh_from_db()
    assert (rating.self_level, rating.manager_level, rating.effective) == (2, 3, 3)
    kinds = list(
        Assessment.objects.filter(person=placed, skill__key="planning").values_list("kind", "level")
    )
    assert kinds == [("manager", 3), ("self", 2), ("self", 3)]  # newest first, nothing lost


def test_disagreement_is_visible_on_the_skills_page(client, placed, manager):
    rating = SkillRating.objects.get(person=placed, skill__key="planning")
    client.force_login(manager.user)
    _rate(client, placed, "manager", 4, rating.version)
    page = client.get(reverse("frameworks:skills", args=[placed.pk])).content.decode()
    assert "ratings differ" in page
    history = client.get(
        reverse("frameworks:history", args=[placed.pk, "planning"]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Led the integration" in history and "Manager's rating by Manny Manager" in history


def test_nobody_writes_the_other_persons_column(client, placed, manager, director, hr, peer):
    for user, kind in [
        (placed.user, "manager"),
        (manager.user, "self"),
        (director.user, "manager"),
        (hr.user, "manager"),
        (peer.user, "self"),
    ]:
        client.force_login(user)
        assert _rate(client, placed, kind, 5).status_code == 404, (user, kind)
    rating = SkillRating.objects.get(person=placed, skill__key="planning")
    assert rating.manager_level is None and rating.self_level == 3


def test_stale_rating_is_refused_and_what_was_typed_is_kept(client, placed, manager):
    rating = SkillRating.objects.get(person=placed, skill__key="planning")
    opened = rating.version
    client.force_login(manager.user)
    _rate(client, placed, "manager", 4, opened)
    client.force_login(placed.user)
    response = _rate(
        client, placed, "self", 1, opened, evidence="My own words", HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "Rated again while you were editing" in body and "My own words" in body
    rating.refresh_from_db()
    assert rating.self_level == 3 and rating.manager_level == 4


def test_bad_rating_input_is_refused_next_to_the_field(client, placed):
    client.force_login(placed.user)
    response = client.post(
        reverse("frameworks:rate", args=[placed.pk, "planning"]),
        {"kind": "self", "level": 9, "evidence": "kept", "assessed_on": "yesterday"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 400 and 'class="field-error"' in body and "kept" in body


def test_skills_page_shows_what_roles_expect(client, placed):
    client.force_login(placed.user)
    page = client.get(reverse("frameworks:skills", args=[placed.pk])).content.decode()
    assert "Coaching" in page and "target" in page and "now" in page
    assert "Has mentored someone over several months" in page


def test_skills_page_query_count_does_not_grow_with_ratings_or_history(
    client, placed, django_assert_num_queries
):
    client.force_login(placed.user)
    url = reverse("frameworks:skills", args=[placed.pk])
    client.get(url)  # the framework is compiled once per process, not per page
    # 1 the signed-in user with their person, 2 the person if visible to them, 3 their current
    # role, 4 their target roles, 5 their achievements, 6 the experiences and 7 relationships
    # those roles expect or they have, 8 the current role's skills, 9 the target roles' skills,
    # 10 their ratings, 11 the skills shown with their categories, 12 the framework version,
    # 13 the unread reminders in the navigation
    with django_assert_num_queries(13):
        client.get(url)
    for key in ["testing", "security", "writing", "hiring", "mentoring", "facilitation"]:
        for level in (2, 3):
            services.rate_skill(
                placed,
                actor=placed.user,
                skill=Skill.objects.get(key=key),
                kind="self",
                level=level,
                evidence="more",
                version=None,
                assessed_on=dt.date.today(),
            )
    with django_assert_num_queries(13):  # the same with six more skills rated twice each
        page = client.get(url).content.decode()
    assert "Security" in page
