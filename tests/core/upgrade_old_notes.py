"""Run by tests/core/test_upgrade.py with the *previous* release's code first on the path: writes
notes the way that release did (plain text, its own save_note) into its demo database, and
prints what it wrote as JSON for the test to find again after the upgrade."""

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careermap.settings")
django.setup()

from careermap.conversations import services  # noqa: E402
from careermap.conversations.models import Conversation  # noqa: E402

MANAGER, REPORT = "daniel.okafor@example.com", "maya.chen@example.com"

conversation = (
    Conversation.objects.filter(
        status=Conversation.SCHEDULED, host__email=MANAGER, guest__email=REPORT
    ).first()
    or Conversation.objects.filter(status=Conversation.SCHEDULED, host__email=MANAGER).first()
)
host, guest = conversation.host, conversation.guest
question = next(iter(services.hold_questions(conversation)), "")
written = [
    (host, False, "", "Shared: Maya wants to lead the platform migration — Überblick first 💡"),
    (guest, True, "", "Private to the guest: ask about the staff track before Friday"),
    (host, True, "", "Private to the host: she is ready for a stretch project"),
]
if question:
    written.append((guest, False, question, "Answer: mentoring two juniors this quarter"))
notes = []
for author, private, key, text in written:
    services.save_note(
        conversation,
        actor=author.user,
        private=private,
        text=text,
        base_version=0,
        base_text="",
        question_key=key,
    )
    notes.append(
        {
            "conversation": conversation.pk,
            "participants": [host.email, guest.email],
            "private_to": author.email if private else None,
            "question_key": key,
            "text": text,
        }
    )
print(json.dumps(notes))
