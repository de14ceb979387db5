"""The built-in playbooks load, are complete, and render as pages and printable guides."""

import copy

import pytest
import yaml
from django.urls import reverse

from careermap.conversations import playbooks

EXPECTED = [
    "career-aspirations",
    "career-mapping",
    "peer-career-mapping",
    "career-vision-grow",
    "employee-led-discussion",
    "development-check-in",
]


def test_the_six_playbooks_load_in_order():
    assert list(playbooks.library()) == EXPECTED


def test_grow_playbook_walks_goal_reality_options_way_forward():
    grow = playbooks.library()["career-vision-grow"]
    assert [s.key for s in grow.sections] == ["goal", "reality", "options", "way-forward"]
    assert {"grow-strengths", "grow-weaknesses", "grow-vision"} <= {q.key for q in grow.reflection}


def test_employee_led_discussion_has_criteria_topics_and_a_close_out():
    led = playbooks.library()["employee-led-discussion"]
    assert led.led_by == "participant"
    assert len(led.success_criteria) >= 5 and len(led.suggested_topics) >= 8
    assert led.phase("close").checklist


def test_every_question_says_why_and_how_to_follow_up():
    for playbook in playbooks.library().values():
        for question in playbook.questions():
            assert question.text and question.why and question.follow_up, question.key


def _data(key="career-aspirations"):
    return copy.deepcopy(playbooks.library()[key].data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("purpose"), "“purpose” is missing"),
        (lambda d: d.update(led_by="director"), "led_by must be one of"),
        (lambda d: d["phases"].reverse(), "phases must be prepare, hold, close, follow-up"),
        (
            lambda d: d["phases"][1]["sections"][0]["questions"][0].update(
                id=d["phases"][0]["questions"][0]["id"]
            ),
            "duplicate question id",
        ),
        (lambda d: d["phases"][0]["questions"][0].update(asked_by="hr"), "asked_by must be"),
        (lambda d: d.update(duration_minutes=5), "duration_minutes must be"),
    ],
)
def test_a_broken_playbook_is_refused_with_the_reason(change, message):
    data = _data()
    change(data)
    with pytest.raises(playbooks.PlaybookError) as caught:
        playbooks.parse(data, "test.yaml")
    assert any(message in p for p in caught.value.problems), caught.value.problems


def test_file_name_must_match_the_id(tmp_path):
    path = tmp_path / "another-name.yaml"
    path.write_text(yaml.safe_dump(_data()))
    with pytest.raises(playbooks.PlaybookError, match="must match the file name"):
        playbooks.load(path)


def test_playbook_pages_render_for_a_team_member(client, report):
    client.force_login(report.user)
    page = client.get(reverse("conversations:playbooks")).content.decode()
    assert ("Career vision" in page and "Employee" in page) or "led" in page
    for key in EXPECTED:
        detail = client.get(reverse("conversations:playbook", args=[key]))
        assert detail.status_code == 200
        guide = client.get(reverse("conversations:guide", args=[key])).content.decode()
        assert "Print or save as PDF" in guide and "Why:" in guide


def test_unknown_playbook_is_not_found(client, report):
    client.force_login(report.user)
    assert client.get(reverse("conversations:playbook", args=["nope"])).status_code == 404


def test_hr_copies_and_adapts_a_playbook_and_conversations_keep_their_version(
    client, hr, manager, report
):
    import datetime as dt

    from django.utils import timezone

    from careermap.conversations import services

    client.force_login(hr.user)
    form = client.get(reverse("conversations:adapt", args=["career-aspirations"]))
    source = form.context["form"].initial["source"]
    adapted = source.replace("Career aspirations (our version)", "Career aspirations (sales)")
    response = client.post(
        reverse("conversations:adapt", args=["career-aspirations"]),
        {"key": "career-aspirations-sales", "source": adapted},
    )
    assert response.status_code == 302
    assert (
        "Career aspirations (sales)"
        in client.get(reverse("conversations:playbooks")).content.decode()
    )

    custom = playbooks.available()["career-aspirations-sales"]
    conversation = services.schedule(
        actor=manager.user,
        playbook=custom,
        other=report,
        starts_at=timezone.now() + dt.timedelta(days=1),
        duration_minutes=45,
        place="Room",
    )
    renamed = adapted.replace("Career aspirations (sales)", "Career aspirations (sales, v2)")
    client.post(
        reverse("conversations:adapt", args=["career-aspirations-sales"]),
        {"key": "career-aspirations-sales", "source": renamed, "version": 1},
    )
    assert playbooks.available()["career-aspirations-sales"].version == 2
    conversation.refresh_from_db()
    assert conversation.playbook_version == 1
    assert conversation.playbook_data["name"] == "Career aspirations (sales)"


def test_a_broken_adaptation_is_refused_with_the_reasons_and_kept(client, hr):
    client.force_login(hr.user)
    response = client.post(
        reverse("conversations:adapt", args=["career-aspirations"]),
        {"key": "broken-one", "source": "format: 1\nid: x\nname: Broken\n"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "“purpose” is missing" in page and "Broken" in page
    assert "broken-one" not in playbooks.available()


def test_two_hr_admins_editing_one_adaptation_do_not_overwrite_each_other(client, hr):
    from tests.factories import PersonFactory

    client.force_login(hr.user)
    source = (
        client.get(reverse("conversations:adapt", args=["career-mapping"]))
        .context["form"]
        .initial["source"]
    )
    client.post(
        reverse("conversations:adapt", args=["career-mapping"]),
        {"key": "career-mapping-ours", "source": source},
    )
    url = reverse("conversations:adapt", args=["career-mapping-ours"])
    client.force_login(PersonFactory(is_hr_admin=True).user)
    client.post(
        url,
        {
            "key": "career-mapping-ours",
            "version": 1,
            "source": source.replace("(our version)", "(first)"),
        },
    )
    client.force_login(hr.user)
    response = client.post(
        url,
        {
            "key": "career-mapping-ours",
            "version": 1,
            "source": source.replace("(our version)", "(second)"),
        },
    )
    assert response.status_code == 409 and "(second)" in response.content.decode()
    assert playbooks.available()["career-mapping-ours"].name.endswith("(first)")


def test_only_hr_admins_adapt_playbooks(client, manager):
    client.force_login(manager.user)
    assert client.get(reverse("conversations:adapt", args=["career-mapping"])).status_code == 403
