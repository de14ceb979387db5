import datetime as dt

import pytest
from django.utils import timezone

from careermap.conversations import playbooks
from careermap.conversations import services as conversations
from careermap.conversations.models import AgendaItem, NextStep, Note, Reflection
from careermap.frameworks.models import Assessment, Skill, SkillRating
from careermap.plans.models import CheckIn, Objective, Plan, Step
from careermap.reminders.models import Reminder

# Every piece of career content below carries this mark, so a page can be searched for it.
SECRET = "SECRET"
KINDS = ["Agenda", "Next step", "Private", "Reflection", "Goal", "Objective", "Step", "Check-in"]
CONTENT = [f"{kind} {SECRET}" for kind in [*KINDS, "Evidence"]]


@pytest.fixture
def career_content(framework, manager, report):
    """The report's career: a conversation with their manager (agenda, next step, a private
    note, a reflection), a plan with an objective, a step and a check-in, a skill assessment,
    and a reminder. Made directly, as the pages would have saved them."""
    conversation = conversations.schedule(
        actor=manager.user,
        playbook=playbooks.library()["career-aspirations"],
        other=report,
        starts_at=timezone.now() + dt.timedelta(days=7),
        duration_minutes=45,
        place="Room 4",
    )
    AgendaItem.objects.create(conversation=conversation, author=report, text="Agenda SECRET")
    NextStep.objects.create(conversation=conversation, what="Next step SECRET")
    Note.objects.create(conversation=conversation, private_to=report, text="Private SECRET")
    Reflection.objects.create(
        conversation=conversation, author=report, answers={"hopes": "Reflection SECRET"}
    )
    plan = Plan.objects.create(person=report, goal="Goal SECRET")
    objective = Objective.objects.create(plan=plan, title="Objective SECRET")
    Step.objects.create(objective=objective, what="Step SECRET")
    CheckIn.objects.create(plan=plan, held_on=timezone.localdate(), summary="Check-in SECRET")
    skill = Skill.objects.filter(retired=False).first()
    SkillRating.objects.create(person=report, skill=skill, self_level=3, effective=3)
    Assessment.objects.create(
        person=report,
        skill=skill,
        kind=Assessment.SELF,
        level=3,
        evidence="Evidence SECRET",
        assessed_on=timezone.localdate(),
    )
    Reminder.objects.create(person=report, kind=Reminder.STEP_DUE, key="k1", text="Step SECRET")
    return conversation
