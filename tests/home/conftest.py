import datetime as dt

import pytest
from django.utils import timezone

from careermap.conversations import playbooks
from careermap.conversations import services as conversation_services
from careermap.frameworks.models import Skill
from careermap.opportunities import services as opportunity_services
from careermap.plans import services as plan_services
from careermap.plans.models import Plan
from careermap.reminders.models import Reminder


@pytest.fixture
def talk(manager, report):
    """Career aspirations, booked by the manager with Rita in three days."""
    return conversation_services.schedule(
        actor=manager.user,
        playbook=playbooks.library()["career-aspirations"],
        other=report,
        starts_at=timezone.now() + dt.timedelta(days=3),
        duration_minutes=45,
        place="Room 2",
    )


@pytest.fixture
def rita_busy(framework, manager, report, talk):
    """Rita's week: a shared reflection and a topic on the agenda of the conversation to come,
    a plan with a blocked step, an overdue one and one due soon, a check-in due, an
    opportunity that grows a skill her plan works on, and an unread reminder."""
    conversation_services.save_reflection(
        talk, actor=report.user, answers={"strengths": "Integrating systems"}, version=0, share=True
    )
    conversation_services.add_agenda_item(talk, actor=report.user, text="Leading a team next year")
    plan = plan_services.start_plan(report, actor=report.user, goal="Lead a team")
    Plan.objects.filter(pk=plan.pk).update(check_in_weeks=1)
    planning = Skill.objects.get(key="planning")
    objective = plan_services.add_objective(
        plan, actor=report.user, title="Plan a release", skills=[planning]
    )
    today = timezone.localdate()
    blocked = plan_services.add_step(objective, actor=report.user, what="Shadow the release lead")
    plan_services.set_step_status(
        blocked, actor=report.user, version=1, status="blocked", roadblock="On-call all month"
    )
    plan_services.add_step(
        objective,
        actor=report.user,
        what="Write the rollout plan",
        due_on=today - dt.timedelta(days=3),
    )
    plan_services.add_step(
        objective, actor=report.user, what="Present the plan", due_on=today + dt.timedelta(days=2)
    )
    plan_services.add_step(
        objective, actor=report.user, what="Far away step", due_on=today + dt.timedelta(days=60)
    )
    opportunity_services.create_opportunity(
        actor=manager.user,
        kind="stretch",
        title="Run the spring release",
        description="Plan and run it.",
        skills=[planning],
    )
    Reminder.objects.create(
        person=report,
        kind=Reminder.STEP_OVERDUE,
        key="k1",
        text="Write the rollout plan is overdue",
    )
    return plan
