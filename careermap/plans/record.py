"""A person's portable career record: everything Careermap holds about their own development.

It is theirs to keep (for example when they leave). What someone else wrote only for
themselves never appears: the other person's private notes, or a reflection they did not share.
What it holds of conversations is what careermap/access.py lets its owner read.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone

from careermap import access
from careermap.conversations.models import Note, Reflection
from careermap.frameworks.models import Achievement, Assessment, PersonRole, SkillRating
from careermap.people.models import Person

from .models import Plan, PlanChange


def _date(value):
    return value.isoformat() if value else None


def career_record(user) -> dict:
    """The signed-in user's own record."""
    person = access.person_of(user)
    role = PersonRole.objects.filter(person=person).select_related("role").first()
    return {
        "format": "careermap-record/1",
        "exported_at": timezone.now().isoformat(),
        "person": {
            "name": person.name,
            "email": person.email,
            "job_title": person.job_title,
            "team": person.team.name if person.team else None,
            "manager": person.manager.name if person.manager else None,
            "start_date": _date(person.start_date),
        },
        "current_role": role.role.name if role else None,
        "target_roles": [t.role.name for t in person.target_roles.select_related("role")],
        "skills": _skills(person),
        "experiences_and_relationships": [
            {
                "kind": "experience" if a.experience_id else "relationship",
                "name": (a.experience or a.relationship).name,
                "note": a.note,
                "recorded_on": _date(a.recorded_on),
            }
            for a in Achievement.objects.filter(person=person).select_related(
                "experience", "relationship"
            )
        ],
        "conversations": _conversations(user, person),
        "plans": _plans(person),
    }


def _skills(person):
    history: dict[int, list] = {}
    for a in (
        Assessment.objects.filter(person=person).select_related("rater").order_by("created_at")
    ):
        history.setdefault(a.skill_id, []).append(
            {
                "kind": a.kind,
                "level": a.level,
                "evidence": a.evidence,
                "date": _date(a.assessed_on),
                "by": a.rater.name if a.rater else None,
            }
        )
    return [
        {
            "skill": r.skill.name,
            "own_rating": r.self_level,
            "manager_rating": r.manager_level,
            "history": history.get(r.skill_id, []),
        }
        for r in SkillRating.objects.filter(person=person).select_related("skill")
    ]


def _conversations(user, person: Person):
    out = []
    conversations = (
        access.visible_conversations(user)
        .select_related("host", "guest")
        .prefetch_related("agenda", "next_steps__owner")
    )
    by_conversation: dict[int, list[Note]] = {}
    for note in access.readable_notes(user):
        by_conversation.setdefault(note.conversation_id, []).append(note)
    reflections = access.readable_reflections(user).select_related("author")
    reflections_by: dict[int, list[Reflection]] = {}
    for reflection in reflections:
        reflections_by.setdefault(reflection.conversation_id, []).append(reflection)
    for c in conversations:
        mine = by_conversation.get(c.pk, [])
        out.append(
            {
                "playbook": c.title,
                "with": c.other(person).name,
                "starts_at": c.starts_at.isoformat(),
                "status": c.status,
                "summary": c.summary,
                "follow_up_on": _date(c.follow_up_on),
                "agenda": [a.text for a in c.agenda.all()],
                "shared_notes": next(
                    (n.text for n in mine if n.private_to_id is None and not n.question_key), ""
                ),
                "answers": {
                    n.question_key: n.text
                    for n in mine
                    if n.private_to_id is None and n.question_key
                },
                "my_private_note": next((n.text for n in mine if n.private_to_id == person.pk), ""),
                "reflections": [
                    {"by": r.author.name, "shared": r.shared_at is not None, "answers": r.answers}
                    for r in reflections_by.get(c.pk, [])
                ],
                "next_steps": [
                    {"what": s.what, "who": s.who, "due_on": _date(s.due_on), "support": s.support}
                    for s in c.next_steps.all()
                ],
            }
        )
    return out


def _plans(person):
    plans = Plan.objects.filter(person=person).prefetch_related(
        "objectives__steps__owner",
        "objectives__opportunities",
        Prefetch("changes", queryset=PlanChange.objects.select_related("actor").defer("snapshot")),
        "check_ins__progress__objective",
        "target_roles",
    )
    return [
        {
            "status": p.status,
            "goal": p.goal,
            "target_roles": [r.name for r in p.target_roles.all()],
            "reality": p.reality,
            "options": p.options,
            "this_week": p.this_week,
            "this_month": p.this_month,
            "likelihood": p.likelihood,
            "support": p.support,
            "hours_agreed": p.hours_agreed,
            "objectives": [
                {
                    "title": o.title,
                    "measure": o.measure,
                    "due_on": _date(o.due_on),
                    "opportunities": [
                        {
                            "title": x.title,
                            "kind": x.get_kind_display(),
                            "hours_per_week": x.hours_per_week,
                            "status": x.status,
                        }
                        for x in o.opportunities.all()
                    ],
                    "steps": [
                        {
                            "what": s.what,
                            "who": s.who,
                            "due_on": _date(s.due_on),
                            "status": s.status,
                            "roadblock": s.roadblock,
                            "evidence": s.evidence,
                            "reflection": s.reflection,
                            "done_on": _date(s.done_on),
                        }
                        for s in o.steps.all()
                    ],
                }
                for o in p.objectives.all()
            ],
            "check_ins": [
                {
                    "held_on": _date(c.held_on),
                    "summary": c.summary,
                    "progress": [
                        {"objective": p.objective.title, "status": p.status, "note": p.note}
                        for p in c.progress.all()
                    ],
                    "roadblocks": c.roadblocks,
                    "goal_change": c.goal_change,
                    "next_on": _date(c.next_on),
                }
                for c in p.check_ins.all()
            ],
            "history": [
                {"at": c.at.isoformat(), "what": c.summary, "by": c.actor.name if c.actor else None}
                for c in p.changes.all()
            ],
        }
        for p in plans
    ]
