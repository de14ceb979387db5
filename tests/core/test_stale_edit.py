"""One exception for "someone changed this since you opened it", whichever app raises it, so
views, commands and tasks answer it the same way; it carries the record as it is now."""

import datetime as dt

import pytest

from careermap.core.errors import StaleEdit
from careermap.frameworks import services as frameworks
from careermap.frameworks.models import Skill, SkillRating
from careermap.opportunities import services as opportunities
from careermap.people import services as people


def test_a_stale_person_edit_raises_the_shared_exception(hr, report):
    people.update_person(
        report,
        actor=hr.user,
        version=report.version,
        name="Rita R",
        job_title="Engineer",
        team=None,
        manager=report.manager,
        start_date=None,
        is_hr_admin=False,
    )
    with pytest.raises(StaleEdit, match="This person was changed") as stale:
        people.update_person(
            report,
            actor=hr.user,
            version=report.version,
            name="Rita Other",
            job_title="",
            team=None,
            manager=report.manager,
            start_date=None,
            is_hr_admin=False,
        )
    assert stale.value.current.name == "Rita R"


def test_a_stale_rating_raises_the_shared_exception(framework, report):
    skill = Skill.objects.get(key="coaching")
    rate = dict(
        actor=report.user, skill=skill, kind="self", evidence="", assessed_on=dt.date.today()
    )
    frameworks.rate_skill(report, level=2, version=None, **rate)
    with pytest.raises(StaleEdit, match="rated again") as stale:
        frameworks.rate_skill(report, level=4, version=0, **rate)
    assert stale.value.current.self_level == 2
    assert SkillRating.objects.get(person=report, skill=skill).self_level == 2


def test_a_stale_framework_edit_raises_the_shared_exception(framework, hr):
    skill = Skill.objects.get(key="coaching")
    fields = dict(category=skill.category, description=skill.description, steps=skill.steps)
    frameworks.save_skill(skill, actor=hr.user, version=skill.version, name="Coaching 2", **fields)
    with pytest.raises(StaleEdit, match="changed by someone else") as stale:
        frameworks.save_skill(skill, actor=hr.user, version=skill.version - 1, name="X", **fields)
    assert stale.value.current.name == "Coaching 2"


def test_a_stale_opportunity_edit_raises_the_shared_exception(framework, manager):
    offer = opportunities.create_opportunity(
        actor=manager.user, kind="project", title="Run the hack week", description="Plan it."
    )
    opportunities.update_opportunity(offer, actor=manager.user, version=offer.version, title="Hack")
    with pytest.raises(StaleEdit, match="Someone else changed this opportunity") as stale:
        opportunities.update_opportunity(offer, actor=manager.user, version=1, title="Mine")
    assert stale.value.current.title == "Hack"
