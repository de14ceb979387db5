"""What gets into the access log: others viewing or changing my assessments and reflections."""

import datetime as dt
import time
from types import SimpleNamespace

import pytest
from django.core.cache.backends import base as cache_base
from django.core.cache.backends import locmem
from django.urls import reverse

from careermap.audit import services
from careermap.audit.models import AccessEvent


def _log(client, person) -> str:
    client.force_login(person.user)
    return client.get(reverse("audit:log")).content.decode()


def _rate(client, person, kind, level):
    return client.post(
        reverse("frameworks:rate", args=[person.pk, "planning"]),
        {
            "kind": kind,
            "level": level,
            "evidence": "",
            "assessed_on": dt.date.today().isoformat(),
            "version": "",
        },
    )


def test_a_managers_rating_is_logged_as_a_change(client, framework, manager, report):
    client.force_login(manager.user)
    assert _rate(client, report, "manager", 3).status_code == 302
    page = _log(client, report)
    assert "Manny Manager" in page and "changed" in page
    assert "manager rating of Planning: 3" in page


def test_rating_myself_is_not_logged(client, framework, report):
    client.force_login(report.user)
    assert _rate(client, report, "self", 2).status_code == 302
    assert not AccessEvent.objects.exists()


def test_a_reflection_read_by_the_other_participant_is_logged(
    client, conversation, manager, report
):
    client.force_login(report.user)
    url = reverse("conversations:reflection", args=[conversation.pk])
    client.post(url, {"version": 0, "answer-strengths": "Integrating systems"})
    client.force_login(manager.user)
    client.get(conversation.get_absolute_url())
    assert "Nobody has looked yet" in _log(client, report)  # a draft is not shown, so not read

    client.post(url, {"version": 1, "answer-strengths": "Integrating systems", "share": "1"})
    client.force_login(manager.user)
    client.get(conversation.get_absolute_url())
    page = _log(client, report)
    assert "Manny Manager" in page and "Your reflection" in page
    assert "Career aspirations" in page
    assert "Rita Report" not in _log(client, manager)  # reading my own reflection is not logged


def test_a_view_is_logged_once_an_hour(client, framework, manager, report, monkeypatch):
    client.force_login(manager.user)
    skills = reverse("frameworks:skills", args=[report.pk])
    for _ in range(3):
        client.get(skills)
    assert AccessEvent.objects.filter(what="assessments").count() == 1
    # Another kind of information is another entry.
    services.record_view(viewer=manager, subject=report, what="plan")
    assert AccessEvent.objects.count() == 2

    an_hour_later = SimpleNamespace(time=lambda: time.time() + 3601)
    monkeypatch.setattr(locmem, "time", an_hour_later)
    monkeypatch.setattr(cache_base, "time", an_hour_later)
    client.get(skills)
    assert AccessEvent.objects.filter(what="assessments").count() == 2


def test_changes_are_never_throttled(manager, report):
    for level in (2, 3, 4):
        services.record_change(
            actor=manager.user, subject=report, what="assessments", detail=f"level {level}"
        )
    assert AccessEvent.objects.count() == 3


def test_an_unknown_kind_of_information_is_refused(manager, report):
    with pytest.raises(ValueError, match="salary"):
        services.record_change(actor=manager, subject=report, what="salary")


@pytest.fixture
def planned(report):
    from careermap.plans import services as plans

    plan = plans.start_plan(report, actor=report.user, goal="Lead")
    plans.add_step(plans.add_objective(plan, actor=report.user, title="O"), actor=None, what="S")
    return plan


PAGES = [
    # (what is logged, detail, address for the report)
    (
        "assessments",
        "History of Planning",
        lambda r: reverse("frameworks:history", args=[r.pk, "planning"]),
    ),
    ("assessments", "Career page", lambda r: reverse("frameworks:career", args=[r.pk])),
    ("assessments", "Career map", lambda r: reverse("frameworks:map", args=[r.pk])),
    ("plan", "Check-in", lambda r: reverse("plans:check_in", args=[r.pk])),
    ("plan", "Plan form", lambda r: reverse("plans:update", args=[r.pk])),
    ("plan", "Plan history", lambda r: reverse("plans:history", args=[r.pk])),
    ("plan", "Plan write-up", lambda r: reverse("plans:write_up", args=[r.pk])),
]


@pytest.mark.parametrize(("what", "detail", "address"), PAGES, ids=[p[1] for p in PAGES])
def test_every_page_showing_a_plan_or_assessments_logs_the_look(
    client, framework, manager, report, planned, what, detail, address
):
    client.force_login(manager.user)
    assert client.get(address(report)).status_code == 200
    seen = AccessEvent.objects.get()
    assert (seen.subject, seen.actor, seen.action) == (report, manager, "viewed")
    assert (seen.what, seen.detail) == (what, detail)
    assert detail in _log(client, report)
