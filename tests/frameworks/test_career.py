"""A person's career page: next roles, the gap to a target, and the routes there."""

import datetime as dt
import json
import re

from django.urls import reverse

from careermap.frameworks import services
from careermap.frameworks.models import Skill, SkillRating, TargetRole
from tests.factories import PersonFactory


def test_career_page_shows_gaps_and_a_route_to_the_target(client, placed):
    client.force_login(placed.user)
    page = client.get(reverse("frameworks:career", args=[placed.pk])).content.decode()
    assert "Senior Software Engineer" in page  # current role
    assert "Engineering Team Lead" in page  # the target, shown by default
    assert "% ready" in page
    assert "Coaching" in page  # a gap: rated 1, the role needs 3
    assert "Has led a team of people day to day" in page  # an experience still to gain
    assert "Route 1: 1 step, about 24 months" in page
    assert "Where you could go next" in page and "Staff Software Engineer" in page


def test_readiness_is_explained_from_its_parts(client, placed):
    client.force_login(placed.user)
    page = client.get(reverse("frameworks:career", args=[placed.pk])).content.decode()
    assert "How the score is made" in page
    assert "proficiency steps (weight 0.70)" in page


def test_manager_sees_the_same_analysis_for_their_report(client, placed, manager):
    client.force_login(manager.user)
    url = reverse("frameworks:career", args=[placed.pk])
    page = client.get(url, {"target": "engineering-l4"}).content.decode()
    assert "Staff Software Engineer" in page and "Route 1:" in page
    assert "Rita Report" in page


def test_any_role_can_be_compared_and_unknown_ones_are_ignored(client, placed):
    client.force_login(placed.user)
    url = reverse("frameworks:career", args=[placed.pk])
    page = client.get(url, {"target": "data-l3"}).content.decode()
    assert "Senior Data Analyst" in page and "% ready" in page
    page = client.get(url, {"target": "no-such-role"}).content.decode()
    assert "Engineering Team Lead" in page  # falls back to the first target


def test_person_chooses_and_drops_a_target_role(client, placed):
    client.force_login(placed.user)
    from careermap.frameworks.models import Role

    data = Role.objects.get(key="data-l3")
    client.post(reverse("frameworks:add_target", args=[placed.pk]), {"role": data.pk})
    assert TargetRole.objects.filter(person=placed, role=data).exists()
    client.post(reverse("frameworks:remove_target", args=[placed.pk, "data-l3"]))
    assert not TargetRole.objects.filter(person=placed, role=data).exists()


def test_a_peer_cannot_change_someone_elses_targets(client, placed, peer):
    client.force_login(peer.user)
    from careermap.frameworks.models import Role

    response = client.post(
        reverse("frameworks:add_target", args=[placed.pk]),
        {"role": Role.objects.get(key="data-l3").pk},
    )
    assert response.status_code == 404
    assert placed.target_roles.count() == 1


def test_manager_sets_the_current_role(client, placed, manager):
    client.force_login(manager.user)
    from careermap.frameworks.models import Role

    staff = Role.objects.get(key="engineering-l4")
    client.post(reverse("frameworks:set_role", args=[placed.pk]), {"role": staff.pk})
    placed.career_role.refresh_from_db()
    assert placed.career_role.role == staff


def test_map_marks_current_target_and_route(client, placed):
    client.force_login(placed.user)
    response = client.get(reverse("frameworks:map", args=[placed.pk]))
    page = response.content.decode()
    found = re.search(r'<script id="map-elements" type="application/json">(.*?)</script>', page)
    elements = json.loads(found.group(1))
    nodes = {e["data"]["id"]: e for e in elements if "source" not in e["data"]}
    assert "current" in nodes["engineering-l3"]["classes"]
    assert "target" in nodes["engineering-management-l3"]["classes"]
    assert "path" in nodes["engineering-management-l3"]["classes"]
    route = [e for e in elements if "source" in e["data"] and "path" in e["classes"]]
    assert [(e["data"]["source"], e["data"]["target"]) for e in route] == [
        ("engineering-l3", "engineering-management-l3")
    ]
    # The accessible table says the same.
    assert "aiming for, on the suggested route" in page


def test_map_panel_answers_with_the_gap_only(client, placed):
    client.force_login(placed.user)
    response = client.get(
        reverse("frameworks:career", args=[placed.pk]), {"target": "engineering-l4", "panel": "1"}
    )
    body = response.content.decode()
    assert "Staff Software Engineer" in body and "<html" not in body


def test_career_page_query_count_does_not_grow_with_ratings(
    client, placed, manager, django_assert_num_queries
):
    client.force_login(placed.user)
    url = reverse("frameworks:career", args=[placed.pk])
    client.get(url)  # the framework is compiled once per process, not per page
    # 1 the signed-in user with their person, 2 the person if visible to them, 3 the framework
    # version (the compiled framework is kept per version), 4 the person's ratings, 5 their
    # experiences and relationships, 6 their current role, 7 their target roles, 8 the roles
    # shown (current, targets, next), 9 the unread reminders in the navigation
    with django_assert_num_queries(9):
        client.get(url)
    skills = Skill.objects.exclude(ratings__person=placed).order_by("pk")[:30]
    for skill in skills:
        for actor, kind in [(placed.user, "self"), (manager.user, "manager")]:
            services.rate_skill(
                placed,
                actor=actor,
                skill=skill,
                kind=kind,
                level=2,
                evidence="more",
                version=SkillRating.objects.filter(person=placed, skill=skill)
                .values_list("version", flat=True)
                .first(),
                assessed_on=dt.date.today(),
            )
    assert SkillRating.objects.filter(person=placed).count() == 35
    with django_assert_num_queries(9):  # the same nine with seven times the ratings
        page = client.get(url).content.decode()
    assert "% ready" in page


def test_empty_state_without_targets_or_role(client, framework):
    loner = PersonFactory()
    client.force_login(loner.user)
    page = client.get(reverse("frameworks:career", args=[loner.pk])).content.decode()
    assert "No role in the career framework yet" in page
    assert "Pick a role to see the gap" in page


def test_map_and_career_queries_do_not_grow_with_the_organisation(
    client, placed, django_assert_num_queries
):
    from careermap.frameworks.models import Role

    client.force_login(placed.user)
    career = reverse("frameworks:career", args=[placed.pk])
    career_map = reverse("frameworks:map", args=[placed.pk])
    client.get(career)  # the framework is compiled once per process, not per page
    # Each page: 1 the signed-in user with their person, 2 the person if visible to them,
    # 3 the framework version, 4 the person's ratings, 5 their experiences and relationships,
    # 6 their current role, 7 their target roles, 8 the roles shown, 9 the unread reminders
    with django_assert_num_queries(9):
        client.get(career_map)
    with django_assert_num_queries(9):
        client.get(career)
    role = Role.objects.get(key="engineering-l2")
    for person in PersonFactory.create_batch(30):
        services.set_current_role(person, actor=None, role=role)
    with django_assert_num_queries(9):  # the same nine with thirty more people in the framework
        client.get(career_map)
    with django_assert_num_queries(9):
        client.get(career)
