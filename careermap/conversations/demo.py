"""The demo's conversations: Daniel has booked a career aspirations conversation with Maya,
and the year before it holds the closed conversations most managers had with their reports."""

import datetime as dt
import random

from django.utils import timezone

from careermap.people.models import Person

from . import playbooks, services
from .models import Conversation, Note


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


# The named demo organisation gets a past; the extra people a benchmark adds do not (their
# pages are measured as they were).
HISTORY_PEOPLE = 300
HISTORY_PLAYBOOKS = ["career-mapping", "career-vision-grow", "employee-led-discussion"]


def load_history(*, seed: int = 2026) -> int:
    """Closed conversations over the last fourteen months between the first demo people and
    their managers: each manager keeps their own pace, so teams differ on the insights page.
    Maya's first is the one Daniel booked. Returns how many were made."""
    rng = random.Random(seed)
    library = playbooks.library()
    pace: dict[int, float] = {}
    now = timezone.now()
    made = []
    people = (
        Person.objects.filter(manager__isnull=False, erased_at__isnull=True)
        .exclude(email="maya.chen@example.com")
        .order_by("pk")[:HISTORY_PEOPLE]
    )
    for person in people:
        share = pace.setdefault(person.manager_id, rng.uniform(0.2, 0.95))
        for _ in range(2):
            if rng.random() > share:
                continue
            playbook = library[rng.choice(HISTORY_PLAYBOOKS)]
            held = now - dt.timedelta(days=rng.randint(7, 420), hours=rng.randint(0, 6))
            made.append(
                Conversation(
                    playbook_key=playbook.key,
                    playbook_version=playbook.version,
                    playbook_data=playbook.data,
                    host_id=person.manager_id,
                    guest=person,
                    starts_at=held,
                    status=Conversation.CLOSED,
                    closed_at=held + dt.timedelta(hours=1),
                    created_by_id=person.manager_id,
                )
            )
    Conversation.objects.bulk_create(made)
    Note.objects.bulk_create([Note(conversation=c) for c in made])
    return len(made)
