"""Rehearse a real conversation: a scenario whose persona is the other participant, built only
from what they have shared with the host.

What goes in, each read through careermap/access.py as the host:
- their reflection for this conversation, once they have shared it (never a draft);
- the agenda (both participants see it: that is what it is for);
- their career page's visible parts, if the host may see it: current role, target roles;
- the conversation's playbook (its name, and whether it follows GROW).
What never goes in: a reflection they have not shared, anyone's private note, their plan,
skill ratings or anything else the host would not see on the conversation page. A persona
cannot reveal what it was never given, so the rule is kept by what this module reads.
"""

from __future__ import annotations

from careermap import access
from careermap.conversations import playbooks
from careermap.frameworks.models import PersonRole, TargetRole

from . import classifier, scenarios
from .scenarios import Fact, Goal, Persona, Scenario

# What a rehearsal asks of the host, whichever playbook: the topics of the course.
GOALS = (
    ("past", "Hear what they enjoyed and did well in their recent work", ("past",)),
    ("future", "Learn where they want to go next", ("future",)),
    ("skills", "Talk about the skills they want to use or build", ("skills",)),
    ("opportunities", "Explore an opportunity that fits them", ("opportunities",)),
    ("support", "Agree the support they need, their workload included", ("support", "workload")),
)

# The preparation questions of the built-in playbooks, by the topic their answers speak to;
# other questions (an HR admin's playbook) are read by the classifier.
QUESTION_TOPICS = {
    "strengths": ("skills", "past"),
    "areas-to-grow": ("skills", "support"),
    "proudest-achievement": ("past",),
    "enjoyed-work": ("past",),
    "five-to-ten-years": ("future",),
    "curious-about": ("future", "opportunities"),
}


def build(user, conversation) -> Scenario:
    """The rehearsal scenario for `conversation`, as its host `user` may know the other."""
    other = conversation.guest
    playbook = playbooks.parse(conversation.playbook_data, conversation.playbook_key)
    questions = {q.key: q for q in playbook.reflection}
    shared = (
        access.readable_reflections(user, conversation)
        .filter(author_id=other.pk, shared_at__isnull=False)
        .first()
    )
    answers = [
        (questions[key], text.strip())
        for key, text in (shared.answers.items() if shared else [])
        if key in questions and text.strip()
    ]
    agenda = list(conversation.agenda.all())
    career = access.sees_career_of(user, other)
    current = (
        PersonRole.objects.filter(person=other).select_related("role").first() if career else None
    )
    targets = (
        [t.role.name for t in TargetRole.objects.filter(person=other).select_related("role")]
        if career
        else []
    )
    facts = [
        Fact(
            key=f"reflection-{question.key}",
            text=text,
            topics=_topics(QUESTION_TOPICS.get(question.key), question.text),
            needs="open",
            hint=question.text,
        )
        for question, text in answers
    ]
    theirs = [item for item in agenda if item.author_id == other.pk]
    facts += [
        Fact(
            key=f"agenda-{item.pk}",
            text=f"I put “{item.text}” on the agenda because it matters to me right now.",
            topics=_topics(None, item.text),
            needs="open",
            hint=f"You put “{item.text}” on the agenda: what would you like from talking about it?",
        )
        for item in theirs
    ]
    if targets:
        facts.append(
            Fact(
                key="target-roles",
                text=f"I've been looking at {_listed(targets)} as where I'd like to go.",
                topics=("future", "opportunities"),
                needs="open",
                hint="Where would you like your career to take you next?",
            )
        )
    role = current.role.name if current else (other.job_title if career else "Colleague")
    persona = Persona(
        name=other.name,
        role=role,
        history=_history(other.name, shared is not None, len(theirs), bool(targets)),
        enjoys=tuple(text for q, text in answers if q.key in ("enjoyed-work", "strengths")),
        aspirations=tuple(targets)
        + tuple(text for q, text in answers if q.key == "five-to-ten-years"),
        worries=tuple(text for q, text in answers if q.key == "areas-to-grow"),
        temperament="open" if answers else "reserved",
    )
    return Scenario(
        key=f"rehearsal-{conversation.pk}",
        title=f"Rehearsal: {playbook.name} with {other.name}",
        summary=(
            f"A rehearsal of your {playbook.name.lower()} conversation, with a persona who "
            f"knows only what {other.name} has shared with you."
        ),
        audience="peer" if playbook.led_by == "peers" else "manager",
        playbook=conversation.playbook_key,
        persona=persona,
        situation=_situation(conversation, playbook, other.name, agenda, shared is not None),
        goals=tuple(Goal(key=k, text=t, topics=topics) for k, t, topics in GOALS),
        facts=tuple(facts),
        opening=(
            "Hi, thanks for making the time. I've had a think about this one; "
            "where would you like to start?"
        ),
        replies=_replies(),
        grow=conversation.playbook_key == "career-vision-grow",
    )


def _topics(known, text: str) -> tuple[str, ...]:
    if known:
        return tuple(known)
    found = classifier.classify(text).topics
    return tuple(found) or ("future",)


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _history(name: str, reflected: bool, agenda_items: int, targets: bool) -> str:
    known = []
    if reflected:
        known.append("the reflection they shared")
    if agenda_items:
        known.append("the topics they put on the agenda")
    if targets:
        known.append("the target roles on their career page")
    if not known:
        return f"{name} has not shared anything for this conversation yet."
    return f"Built from {_listed(known)}; nothing else."


def _situation(conversation, playbook, name: str, agenda, reflected: bool) -> str:
    lines = [
        f"You are about to hold a {playbook.name.lower()} conversation with {name} "
        f"({conversation.starts_at:%-d %B})."
    ]
    if agenda:
        lines.append("On the agenda: " + "; ".join(f"“{a.text}”" for a in agenda) + ".")
    lines.append(
        f"{name} has shared a reflection: ask well and the persona will tell you what it says."
        if reflected
        else f"{name} has not shared a reflection, so the persona knows little: "
        "open questions will still tell you how the conversation could go."
    )
    return " ".join(lines)


def _replies() -> dict[str, tuple[str, ...]]:
    """The engine's neutral lines: about nobody in particular, so they can never carry
    something the team member did not share."""
    return {key: tuple(lines) for key, lines in scenarios.DEFAULT_REPLIES.items()}
