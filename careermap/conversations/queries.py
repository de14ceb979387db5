"""Reads for conversation pages."""

import base64

from django.db.models import Max
from django.utils import timezone

from careermap import access

from .models import Conversation


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


def session(user, conversation):
    """What the conversation page shows this viewer, and nothing it must not: their own
    reflection, the other's once shared, the shared notes and their own private note."""
    me = access.person_of(user)
    reflections = list(access.readable_reflections(user, conversation))
    mine = next((r for r in reflections if r.author_id == me.pk), None)
    theirs = next((r for r in reflections if r.author_id != me.pk), None)
    shared, private = {}, None
    for note in access.readable_notes(user, conversation):
        if note.private_to_id is None:
            shared[note.question_key] = note
        elif not note.question_key:
            private = note
    documents = {
        ("answer-" + key if key else "notes"): _document(note) for key, note in shared.items()
    }
    if private is not None:
        documents["private"] = _document(private)
    return {
        "my_reflection": mine,
        "their_reflection": theirs,
        # Each text area's document as the page starts it: its text, and its merged state
        # for the page's script (careermap/static/js/conversation.js).
        "documents": documents,
        "agenda": list(conversation.agenda.select_related("author")),
        "next_steps": list(conversation.next_steps.select_related("owner")),
    }


def write_up(user, conversation):
    """What both people share, and only that: never a private note (not even the viewer's
    own), never a reflection that was not shared."""
    playbook_questions = {
        q["id"]: q["text"] for q in conversation.playbook_data["phases"][0].get("questions", [])
    }
    reflections = [
        (r.author, [(playbook_questions.get(k, k), v) for k, v in r.answers.items() if v.strip()])
        for r in access.readable_reflections(user, conversation)
        .filter(shared_at__isnull=False)
        .select_related("author")
    ]
    shared = {
        n.question_key: n.text
        for n in access.readable_notes(user, conversation).filter(private_to__isnull=True)
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


def _document(note) -> dict:
    return {"text": note.text, "state": base64.b64encode(bytes(note.state)).decode()}


def last_closed_as_guest(since):
    """(person id, when the latest was held) for everyone who was the team member (the guest) of
    a closed conversation held since `since`: for the organisation's figures, which count who
    had a conversation and never read what was said in it."""
    return (
        Conversation.objects.filter(status=Conversation.CLOSED, starts_at__gte=since)
        .values("guest_id")
        .annotate(last=Max("starts_at"))
        .values_list("guest_id", "last")
    )
