"""The insights page and its CSV files: figures worked out on paper for the organisation in
conftest.py, the under-five rule, privacy, filters, and a fixed number of queries."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careermap.conversations.models import Note, Reflection
from careermap.frameworks.models import Role, RoleSkill
from careermap.insights import services, tasks
from careermap.insights.models import Snapshot
from tests.factories import PersonFactory, TeamFactory
from tests.insights.conftest import talk


def table(client, key: str, **filters) -> dict[str, list[str]]:
    """A CSV file of the page, as {first cell: the other cells}."""
    response = client.get(reverse("insights:export", args=[key]), filters)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    return {row[0]: row[1:] for row in rows[1:]}


@pytest.fixture
def hr_client(client, org):
    services.refresh()
    client.force_login(org["hr"].user)
    return client


def test_coverage_by_team_and_by_manager(hr_client):
    """Who was the team member in a closed conversation in the last 3, 6 and 12 months: Mo
    counts for the one Dana held with him, not for the ones he hosted; a scheduled or
    cancelled conversation, a leaver and an erased person count for nothing."""
    teams = table(hr_client, "teams")
    # People, 3 months, 6 months, 12 months, active plans, overdue steps
    assert teams["Platform"] == ["7", "29%", "43%", "57%", "29%", "1"]
    managers = table(hr_client, "managers")
    assert managers["Mo Manager"] == ["6", "17%", "33%", "50%", "33%", "1"]


def test_at_a_glance_over_twelve_months(hr_client):
    summary = table(hr_client, "summary")
    assert summary["People"] == ["12", ""]
    assert summary["Had a career conversation in the last 12 months"] == ["4", "33%"]
    assert summary["Have an active plan"] == ["2", "17%"]
    assert summary["Plans started in the last 12 months"] == ["3", ""]
    assert summary["Active plans checked in on within their agreed cadence"] == [
        "1",
        "50% of active plans",
    ]
    assert summary["Plan steps done in the last 12 months"] == ["2", ""]
    assert summary["Open steps on active plans"] == ["2", ""]
    assert summary["Open steps past their due date"] == ["1", "50% of open steps"]
    assert summary["Moved to another role in the last 12 months"] == ["1", ""]
    assert summary["Took up an opportunity in their active plan"] == ["1", "50% of active plans"]


def test_period_filter_narrows_what_happened_in_it(hr_client):
    summary = table(hr_client, "summary", period=3)
    assert summary["Had a career conversation in the last 3 months"] == ["2", "17%"]
    assert summary["Plan steps done in the last 3 months"] == ["1", ""]


def test_largest_skill_gaps_to_target_roles(hr_client):
    """Report 1 aims at Senior Software Engineer with nothing rated: one person short of each
    of its skills, by all of its proficiency steps, largest first."""
    gaps = table(hr_client, "skill-gaps")
    senior = RoleSkill.objects.filter(role__key="engineering-l4").select_related("skill")
    expected = sorted(senior, key=lambda line: (-line.proficiency, line.skill.name))[:15]
    assert list(gaps) == [line.skill.name for line in expected]
    for line in expected:
        assert gaps[line.skill.name] == ["1", str(line.proficiency)]


def test_bench_strength_per_role(hr_client):
    """Report 3 meets everything an Engineering Manager needs: ready now. The five Software
    Engineers hold their role and are not its bench."""
    bench = table(hr_client, "bench")
    lead = Role.objects.get(key="engineering-management-l3")
    assert bench[lead.name][1:] == ["0", "1", "0"]  # holders, ready now, within a year
    engineer = Role.objects.get(key="engineering-l2")
    assert bench[engineer.name][1:3] == ["5", "0"]


def test_track_and_manager_filters(hr_client):
    """Software engineering is Reports 1-5; Mo's reports are Reports 1-6."""
    teams = table(hr_client, "teams", track="engineering")
    assert teams["Platform"] == ["5", "20%", "40%", "60%", "40%", "1"]
    summary = table(hr_client, "summary", manager="MO@example.org")
    assert summary["People"] == ["6", ""]
    assert summary["Had a career conversation in the last 12 months"] == ["3", "50%"]


def test_no_figure_for_fewer_than_five(hr_client):
    """Tiny has three people and Dana four reports: their rows say "fewer than 5" and nothing
    else; a filter down to them shows no figure at all, in the page or its files."""
    teams = table(hr_client, "teams")
    assert teams["Tiny"] == ["fewer than 5"] * 6
    assert table(hr_client, "managers")["Dana Director"] == ["fewer than 5"] * 6
    assert table(hr_client, "summary", team="tiny") == {"People": ["fewer than 5", ""]}
    page = hr_client.get(reverse("insights:page")).content.decode()
    assert (
        '<th scope="row">Tiny</th><td colspan="6" class="muted insight-small">fewer than 5' in page
    )
    assert table(hr_client, "skill-gaps", team="Tiny") == {}
    assert table(hr_client, "bench", team="Tiny") == {}
    page = hr_client.get(reverse("insights:page"), {"team": "Tiny"}).content.decode()
    assert "This selection has fewer than 5 people" in page
    assert "%</td>" not in page


def test_the_page_shows_charts_tables_and_when_computed(hr_client):
    page = hr_client.get(reverse("insights:page")).content.decode()
    snapshot = Snapshot.objects.get()
    assert "Figures computed" in page and "across 12 people" in page
    for key in ("teams", "skill-gaps", "bench"):
        assert f'<canvas id="chart-{key}"' in page
        assert f'<script id="chart-{key}-data" type="application/json">' in page
    assert "vendor/chartjs/chart.umd.min.js" in page and "js/insights.js" in page
    assert "<script>" not in page  # no inline script: the data travels in json_script
    assert page.count('<table class="small insight-table"') == 5
    assert reverse("insights:export", args=["teams"]) in page
    assert snapshot.people == 12


def test_nobody_is_named_but_managers_of_groups(hr_client, org):
    """Counts only: the page names teams and the managers whose reports a row counts, never
    the people counted."""
    page = hr_client.get(reverse("insights:page")).content.decode()
    assert "Mo Manager" in page
    for person in org["reports"] + org["tiny"]:
        assert person.name not in page


def test_nothing_private_or_unshared_is_read(org):
    """Computing the figures never reads a note (private or shared), a reflection (shared or
    not) or a conversation's words, so nothing private can be counted; adding a private note
    and a draft reflection changes no figure."""
    mo, report = org["mo"], org["reports"][4]
    held = talk(mo, report, days=5)
    Note.objects.create(conversation=held, private_to=mo, text="Only mine")
    Reflection.objects.create(conversation=held, author=report, answers={"a": "Draft"})
    with CaptureQueriesContext(connection) as queries:
        services.refresh()
    sql = " ".join(q["sql"].lower() for q in queries.captured_queries)
    assert "conversations_note" not in sql and "conversations_reflection" not in sql
    assert '"conversations_conversation"."summary"' not in sql and "playbook_data" not in sql
    assert "conversations_agendaitem" not in sql


def test_csv_cells_that_start_like_a_formula_are_text(client, org):
    """A team named like a formula is written with a leading apostrophe: a spreadsheet shows
    it as text and never runs it."""
    for name in ["=HYPERLINK(1)", "+1", "-1", "@SUM(1)"]:
        team = TeamFactory(name=name)
        PersonFactory.create_batch(5, team=team)
    services.refresh()
    client.force_login(org["hr"].user)
    teams = table(client, "teams")
    for name in ["=HYPERLINK(1)", "+1", "-1", "@SUM(1)"]:
        assert f"'{name}" in teams and name not in teams
        assert teams[f"'{name}"][0] == "5"


def test_an_unknown_table_is_not_found(hr_client):
    assert hr_client.get(reverse("insights:export", args=["salaries"])).status_code == 404


def test_before_the_first_computation_the_page_says_so(client, hr):
    client.force_login(hr.user)
    page = client.get(reverse("insights:page")).content.decode()
    assert "have not been computed yet" in page


def test_the_hourly_task_replaces_the_snapshot(org):
    services.refresh()
    first = Snapshot.objects.get()
    tasks.refresh_insights.call_local()
    assert Snapshot.objects.get().pk != first.pk  # only the newest is kept


@pytest.mark.parametrize("extra_people", [0, 40])
def test_page_query_count_is_flat(hr_client, org, extra_people, django_assert_num_queries):
    for i in range(extra_people):
        PersonFactory(team=TeamFactory(name=f"Extra {i}"), manager=org["mo"])
    services.refresh()
    url = reverse("insights:page")
    # 1 the user with their person, 2 the latest snapshot; adding up this filter's figures:
    # 3 the selection's totals, 4 per team, 5 per manager, 6 the largest skill gaps, 7 the
    # bench per role, 8 the team menu, 9 the track menu; then 10 unread reminders (the menu)
    with django_assert_num_queries(10):
        hr_client.get(url)
    # The same filters again: the figures come from the cache.
    with django_assert_num_queries(3):
        hr_client.get(url)
