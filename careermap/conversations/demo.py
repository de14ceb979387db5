"""The demo's conversation: Daniel has booked a career aspirations conversation with Maya."""

import datetime as dt

from django.utils import timezone

from careermap.people.models import Person

from . import playbooks, services


def load() -> None:
    daniel = Person.objects.filter(email="daniel.okafor@example.com").first()
    maya = Person.objects.filter(email="maya.chen@example.com").first()
    if daniel is None or maya is None:
        return
    day = timezone.localdate() + dt.timedelta(days=3)
    conversation = services.schedule(
        actor=daniel.user,
        playbook=playbooks.library()["career-aspirations"],
        other=maya,
        starts_at=timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0))),
        duration_minutes=45,
        place="Small meeting room, third floor",
    )
    services.add_agenda_item(
        conversation,
        actor=daniel.user,
        text="What you enjoyed about last year's platform integration",
    )
    services.add_agenda_item(conversation, actor=maya.user, text="Moving towards leading a team")
