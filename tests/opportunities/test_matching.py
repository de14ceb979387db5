"""Matching: "For me" ranks open opportunities by the skills a person's plan works on and
their gaps, and says why; an objective gets suggestions the same way."""

from django.urls import reverse

from careermap.frameworks.models import Role, Skill, SkillRating, TargetRole
from careermap.plans import services as plans


def _skills(*keys):
    return list(Skill.objects.filter(key__in=keys))


def test_for_me_ranks_by_plan_skills_and_gaps_and_says_why(client, manager, report, post):
    plan = plans.start_plan(report, actor=report.user, goal="Lead a team")
    plans.add_objective(
        plan, actor=report.user, title="Coach", skills=_skills("coaching", "planning")
    )
    TargetRole.objects.create(person=report, role=Role.objects.get(key="engineering-management-l3"))
    # The team lead role expects facilitation at 3: rated 3, it is no gap.
    SkillRating.objects.create(
        person=report, skill=Skill.objects.get(key="facilitation"), self_level=3, effective=3
    )
    post(manager, "One plan skill", skills=["coaching"])
    post(manager, "Plan skills and a gap", skills=["coaching", "planning", "hiring"])
    post(manager, "Two gaps", skills=["hiring", "team-building"])
    post(manager, "Not a gap", skills=["facilitation"])
    post(manager, "Nothing wanted", skills=["prospecting"])
    post(report, "Her own offer", skills=["coaching", "planning", "hiring"])
    client.force_login(report.user)
    page = client.get(reverse("opportunities:list"), {"for": "me"}).content.decode()
    order = ["Plan skills and a gap", "Two gaps", "One plan skill"]
    assert [page.index(t) for t in order] == sorted(page.index(t) for t in order)
    for absent in ("Not a gap", "Nothing wanted", "Her own offer"):
        assert absent not in page
    assert (
        "Grows Planning and Coaching, which your plan works on, and Hiring, a gap of yours for "
        "Engineering Team Lead." in page
    )
    assert "Grows Hiring and Team building, gaps of yours for Engineering Team Lead." in page
    assert "Grows Coaching, which your plan works on." in page


def test_the_roles_a_plan_names_count_as_aims_too(client, manager, report, post):
    plan = plans.start_plan(report, actor=report.user, goal="Move into data")
    plan.target_roles.set([Role.objects.get(key="data-l2")])
    post(manager, "Data rotation", kind="rotation", skills=["data-pipelines"])
    client.force_login(report.user)
    page = client.get(reverse("opportunities:list"), {"for": "me"}).content.decode()
    assert "Grows Data pipelines, a gap of yours for Data Analyst." in page


def test_for_me_with_nothing_to_match_says_how_to_get_matches(client, report, framework):
    client.force_login(report.user)
    page = client.get(reverse("opportunities:list"), {"for": "me"}).content.decode()
    assert "Nothing to match yet" in page and "choose a target role" in page


def test_suggestions_for_an_objective_are_ranked_and_say_why(client, manager, report, post):
    plan = plans.start_plan(report, actor=report.user, goal="Lead a team")
    objective = plans.add_objective(
        plan, actor=report.user, title="Run projects", skills=_skills("planning", "security")
    )
    post(manager, "Planning clinic", skills=["planning", "coaching"])
    post(manager, "Security review lead", skills=["planning", "security"])
    post(manager, "Coaching circle", skills=["coaching"])
    closed = post(manager, "Closed but fitting", skills=["planning", "security"])
    closed.status = "closed"
    closed.save()
    client.force_login(report.user)
    url = reverse("plans:link_opportunity", args=[report.pk, objective.pk])
    fetched = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fetched
    suggested = fetched.split("Suggested for")[1].split("All open opportunities")[0]
    assert suggested.index("Security review lead") < suggested.index("Planning clinic")
    assert "Coaching circle" not in suggested and "Closed but fitting" not in fetched
    assert "Grows Security and Planning, which this objective works on." in suggested
    assert "Grows Planning, which this objective works on." in suggested
    assert "Coaching circle (project)" in fetched  # still among every open one
    assert "<html" in client.get(url).content.decode()  # a page of its own without JavaScript


def test_an_opportunity_page_shows_which_of_my_objectives_it_could_serve(
    client, manager, report, post
):
    plan = plans.start_plan(report, actor=report.user, goal="Lead a team")
    plans.add_objective(plan, actor=report.user, title="Coach juniors", skills=_skills("coaching"))
    plans.add_objective(plan, actor=report.user, title="Ship faster", skills=_skills("testing"))
    opportunity = post(manager, "Mentoring circle", kind="mentoring", skills=["coaching"])
    client.force_login(report.user)
    page = client.get(opportunity.get_absolute_url()).content.decode()
    assert "Coach juniors" in page and "both grow Coaching" in page
    assert "Ship faster" not in page
    assert "Link it to this objective" in page
