import datetime as dt

import pytest

from careermap.frameworks import services
from careermap.frameworks.models import Experience, Relationship, Role, Skill


@pytest.fixture
def placed(framework, report, manager):
    """The report is a Senior Software Engineer aiming for Engineering Team Lead, with ratings."""
    services.set_current_role(report, actor=None, role=Role.objects.get(key="engineering-l3"))
    services.add_target_role(
        report, actor=report.user, role=Role.objects.get(key="engineering-management-l3")
    )
    levels = {
        "system-design": 4,
        "planning": 3,
        "coaching": 1,
        "giving-feedback": 2,
        "cross-team-collaboration": 4,
    }
    for key, level in levels.items():
        services.rate_skill(
            report,
            actor=report.user,
            skill=Skill.objects.get(key=key),
            kind="self",
            level=level,
            evidence="",
            assessed_on=dt.date.today(),
            version=None,
        )
    services.record_achievement(
        report, actor=report.user, experience=Experience.objects.get(key="mentored-someone")
    )
    services.record_achievement(
        report,
        actor=report.user,
        relationship=Relationship.objects.get(key="cross-functional-peers"),
    )
    return report
