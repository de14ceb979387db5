import datetime as dt

import pytest
from django.utils import timezone

from careermap.conversations import playbooks
from careermap.conversations import services as conversation_services


@pytest.fixture
def conversation(manager, report):
    """A career aspirations conversation the manager scheduled with their report, next week."""
    return conversation_services.schedule(
        actor=manager.user,
        playbook=playbooks.library()["career-aspirations"],
        other=report,
        starts_at=timezone.now() + dt.timedelta(days=7),
        duration_minutes=45,
        place="Small room",
    )
