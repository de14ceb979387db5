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
