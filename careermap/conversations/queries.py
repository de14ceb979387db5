"""Reads for conversation pages."""

from django.db.models import Q
from django.utils import timezone

from careermap import access

from .models import Conversation, Note, Reflection


def my_conversations(user, *, playbook: str = "", since=None, until=None):
    """Upcoming, needing attention (time passed but not closed) and past, for this user."""
    mine = access.visible_conversations(user).select_related("host", "guest")
    if playbook:
        mine = mine.filter(playbook_key=playbook)
    if since:
        mine = mine.filter(starts_at__date__gte=since)
    if until:
        mine = mine.filter(starts_at__date__lte=until)
    now = timezone.now()
    scheduled = mine.filter(status=Conversation.SCHEDULED)
    return {
        "upcoming": list(scheduled.filter(starts_at__gte=now).order_by("starts_at")[:50]),
        "overdue": list(scheduled.filter(starts_at__lt=now).order_by("starts_at")[:50]),
        "past": list(mine.exclude(status=Conversation.SCHEDULED).order_by("-starts_at")[:100]),
    }


def coming_up(user, *, limit: int = 5):
    """For a person's own page: the next few conversations and those left unclosed."""
    now = timezone.now()
    # One query: the next ones and any left unclosed from the last few months, split here.
    scheduled = list(
        access.visible_conversations(user)
        .filter(status=Conversation.SCHEDULED, starts_at__gte=now - timezone.timedelta(days=90))
        .select_related("host", "guest")
        .order_by("starts_at")[: limit * 4]
    )
    return {
        "upcoming": [c for c in scheduled if c.starts_at >= now][:limit],
        "overdue": [c for c in scheduled if c.starts_at < now][:limit],
    }


def session(conversation, viewer):
    """What the conversation page shows this viewer, and nothing it must not."""
    reflections = list(Reflection.objects.filter(conversation=conversation))
    mine = next((r for r in reflections if r.author_id == viewer.pk), None)
    theirs = next((r for r in reflections if r.author_id != viewer.pk and r.shared_at), None)
    shared, private = {}, None
    for note in Note.objects.filter(conversation=conversation).filter(
        Q(private_to__isnull=True) | Q(private_to=viewer, question_key="")
    ):
        if note.private_to_id is None:
            shared[note.question_key] = note
        else:
            private = note
    return {
        "my_reflection": mine,
        "their_reflection": theirs,
        "shared_note": shared.get(""),
        "answers": shared,  # question id -> the shared answer written under it
        "private_note": private,
        "agenda": list(conversation.agenda.select_related("author")),
        "next_steps": list(conversation.next_steps.select_related("owner")),
    }


def write_up(conversation):
    """Only what both people share: never a private note, never an unshared reflection."""
    playbook_questions = {
        q["id"]: q["text"] for q in conversation.playbook_data["phases"][0].get("questions", [])
    }
    reflections = [
        (r.author, [(playbook_questions.get(k, k), v) for k, v in r.answers.items() if v.strip()])
        for r in Reflection.objects.filter(
            conversation=conversation, shared_at__isnull=False
        ).select_related("author")
    ]
    shared = {
        n.question_key: n.text
        for n in Note.objects.filter(conversation=conversation, private_to__isnull=True)
    }
    hold = next(p for p in conversation.playbook_data["phases"] if p["id"] == "hold")
    answers = [
        (
            section["name"],
            [
                (q["text"], shared[q["id"]])
                for q in section.get("questions", [])
                if shared.get(q["id"], "").strip()
            ],
        )
        for section in hold.get("sections", [])
    ]
    return {
        "agenda": list(conversation.agenda.select_related("author")),
        "shared_notes": shared.get("", ""),
        "answers": [(name, items) for name, items in answers if items],
        "reflections": reflections,
        "next_steps": list(conversation.next_steps.select_related("owner")),
    }
