"""HR admins change the framework in the app; the analysis follows at once."""

from django.urls import reverse

from careermap.frameworks.models import Move, Role, Skill


def _role_form(role, **changes):
    data = {
        "name": role.name,
        "track": role.track_id,
        "level": role.level_id,
        "summary": role.summary,
        "excellent": role.excellent,
        "version": role.version,
    }
    for rs in role.skill_levels.select_related("skill"):
        data[f"skill_{rs.skill.key}"] = rs.proficiency
    data["experiences"] = [e.pk for e in role.experiences.all()]
    data["relationships"] = [r.pk for r in role.relationships.all()]
    data.update(changes)
    return data


def test_hr_raises_a_skill_expectation_and_the_gap_shows_it(client, hr, placed):
    lead = Role.objects.get(key="engineering-management-l3")
    client.force_login(hr.user)
    response = client.post(
        reverse("frameworks:edit_role", args=[lead.key]), _role_form(lead, **{"skill_writing": 5})
    )
    assert response.status_code == 302
    client.force_login(placed.user)
    page = client.get(reverse("frameworks:career", args=[placed.pk])).content.decode()
    assert "Writing" in page  # a new gap, from the edited role


def test_two_hr_admins_editing_one_role_do_not_overwrite_each_other(client, hr, framework):
    from tests.factories import PersonFactory

    other = PersonFactory(is_hr_admin=True)
    role = Role.objects.get(key="engineering-l3")
    stale = _role_form(role, name="Senior Engineer (second admin)")
    client.force_login(other.user)
    client.post(
        reverse("frameworks:edit_role", args=[role.key]),
        _role_form(role, name="Senior Engineer (first admin)"),
    )
    client.force_login(hr.user)
    response = client.post(reverse("frameworks:edit_role", args=[role.key]), stale)
    page = response.content.decode()
    assert response.status_code == 409 and "changed by someone else" in page
    assert "Senior Engineer (second admin)" in page
    assert Role.objects.get(key=role.key).name == "Senior Engineer (first admin)"


def test_a_role_may_not_take_a_track_and_level_that_are_taken(client, hr, framework):
    role = Role.objects.get(key="engineering-l3")
    client.force_login(hr.user)
    other_level = Role.objects.get(key="engineering-l4").level_id
    response = client.post(
        reverse("frameworks:edit_role", args=[role.key]), _role_form(role, level=other_level)
    )
    assert response.status_code == 400 and "already the" in response.content.decode()


def test_new_role_needs_a_free_id_a_free_spot_and_a_skill(client, hr, framework):
    client.force_login(hr.user)
    management = Role.objects.get(key="engineering-management-l3").track_id
    level_two = Role.objects.get(key="engineering-l2").level_id
    data = {
        "key": "engineering-l3",
        "name": "Associate Team Lead",
        "track": management,
        "level": level_two,
        "version": "",
    }
    page = client.post(reverse("frameworks:new_role"), data).content.decode()
    assert "Another role already has this id." in page
    assert "A role expects at least one skill." in page
    data.update(key="engineering-management-l2", skill_planning=2, skill_coaching=2)
    response = client.post(reverse("frameworks:new_role"), data)
    assert response.status_code == 302
    role = Role.objects.get(key="engineering-management-l2")
    assert dict(role.skill_levels.values_list("skill__key", "proficiency")) == {
        "planning": 2,
        "coaching": 2,
    }


def test_retired_role_leaves_the_grid_and_can_come_back(client, hr, framework):
    client.force_login(hr.user)
    client.post(reverse("frameworks:retire", args=["roles", "sales-l5"]))
    assert Role.objects.get(key="sales-l5").retired
    page = client.get(reverse("frameworks:overview")).content.decode()
    assert reverse("frameworks:role", args=["sales-l5"]) not in page
    client.post(reverse("frameworks:retire", args=["roles", "sales-l5"]))
    assert not Role.objects.get(key="sales-l5").retired


def test_hr_adds_a_lateral_move_and_removes_it(client, hr, framework):
    client.force_login(hr.user)
    target = Role.objects.get(key="design-l2")
    client.post(
        reverse("frameworks:add_move", args=["data-l2"]),
        {"target": target.pk, "typical_months": 20},
    )
    move = Move.objects.get(source__key="data-l2", target=target)
    assert move.kind == "lateral" and move.typical_months == 20 and not move.retired
    client.post(reverse("frameworks:remove_move", args=[move.pk]))
    move.refresh_from_db()
    assert move.retired


def test_a_move_down_a_track_is_refused(client, hr, framework):
    client.force_login(hr.user)
    lower = Role.objects.get(key="data-l1")
    response = client.post(
        reverse("frameworks:add_move", args=["data-l3"]),
        {"target": lower.pk, "typical_months": 12},
        follow=True,
    )
    assert "goes up a level" in response.content.decode()
    assert not Move.objects.filter(source__key="data-l3", target=lower).exists()


def test_hr_edits_a_skill_step(client, hr, framework):
    skill = Skill.objects.get(key="coaching")
    client.force_login(hr.user)
    data = {
        "name": skill.name,
        "category": skill.category_id,
        "description": "New words",
        "version": skill.version,
        "step_3": "Coaches the whole team weekly.",
    }
    assert client.post(reverse("frameworks:edit_skill", args=[skill.key]), data).status_code == 302
    skill.refresh_from_db()
    assert (
        skill.description == "New words" and skill.step_text(3) == "Coaches the whole team weekly."
    )
