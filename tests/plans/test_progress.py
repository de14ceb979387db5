"""Progress at a glance: skills over time as a chart."""

import datetime as dt
import json
import re

from django.urls import reverse

from careermap.frameworks.models import Assessment, Skill
from careermap.plans import services


def _chart_data(page: str) -> dict:
    found = re.search(r'<script id="skill-chart-data" type="application/json">(.*?)</script>', page)
    return json.loads(found.group(1))


def test_skills_the_plan_works_on_are_charted_over_time(client, report, manager, framework):
    python, other = Skill.objects.all()[:2]
    plan = services.start_plan(report, actor=report.user, goal="Lead")
    services.add_objective(plan, actor=report.user, title="Deepen Python", skills=[python])
    for days_ago, level in [(300, 2), (100, 3)]:
        Assessment.objects.create(
            person=report,
            skill=python,
            kind="manager",
            level=level,
            assessed_on=dt.date.today() - dt.timedelta(days=days_ago),
            rater=manager,
        )
    Assessment.objects.create(
        person=report, skill=other, kind="self", level=4, assessed_on=dt.date.today()
    )
    client.force_login(report.user)
    page = client.get(reverse("plans:plan", args=[report.pk])).content.decode()
    series = _chart_data(page)["series"]
    assert [(s["skill"], s["kind"]) for s in series] == [(python.name, "manager")]
    assert [p["y"] for p in series[0]["points"]] == [2, 3]  # oldest first
    assert "vendor/chartjs/chart.umd.min.js" in page


def test_without_ratings_the_chart_says_where_to_rate(client, report, framework):
    services.start_plan(report, actor=report.user, goal="Lead")
    client.force_login(report.user)
    page = client.get(reverse("plans:plan", args=[report.pk])).content.decode()
    assert "No skill ratings yet" in page and "chart.umd.min.js" not in page
