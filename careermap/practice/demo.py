"""The demo's practice: Daniel rehearsed the aspirations-and-workload scenario last week, so
his practice history is not empty and the feedback page has something to show."""

import datetime as dt

from django.utils import timezone

from careermap.people.models import Person

from . import scenarios, services
from .models import Attempt

SCENARIO = "aspirations-and-workload"
# A fair first try: some open questions, one leading one, little on workload.
LINES = [
    "Thanks for making the time. How have the last few months been for you?",
    "What did you enjoy most about the work you did this year?",
    "You'd like to lead the next project, wouldn't you?",
    "What would you want to learn next?",
]


def load() -> None:
    daniel = Person.objects.filter(email="daniel.okafor@example.com").first()
    scenario = scenarios.library().get(SCENARIO)
    if daniel is None or daniel.user is None or scenario is None:
        return
    attempt = services.start_attempt(actor=daniel.user, scenario=scenario)
    for line in LINES:
        services.say(attempt, actor=daniel.user, text=line)
    services.finish(attempt, actor=daniel.user)
    when = timezone.now() - dt.timedelta(days=6)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=when, finished_at=when + dt.timedelta(minutes=12)
    )
