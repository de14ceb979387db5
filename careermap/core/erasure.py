"""Erasing a person's data: on request (an HR admin, `careermap erase-person`), and for leavers
once CAREERMAP_LEAVER_RETENTION_DAYS have passed since they left (`careermap erase-leavers`
and a daily task). It touches every app, so it lives here, above them.

What goes: everything about the person's own career and everything that names them. Their
name, e-mail, job title, team, start and leaving dates; their sign-in (emptied and disabled);
their current and target roles, skill ratings with their evidence, experiences and
relationships; their development plans with objectives, steps, check-ins and history; their
reminders and reminder settings; their practice (attempts and course progress), and others'
rehearsals of a conversation with them; and in their conversations everything they wrote (their
reflections, private notes, agenda items) and everything the two wrote together (the shared
notes and answers, the summary, the next steps). Others' reminders about them go too.

What stays, because the organisation or someone else needs it:
- the other participant's side of a conversation with them: that it took place, when and with
  which playbook, and what the other person alone wrote in it (their private notes, their own
  reflection, their agenda items). The shared record is removed from both sides' views alike:
  it is as much the erased person's as the other's, and half of a shared text is no record.
- the access log, both the entries about them and the ones where they looked at others: who saw
  or changed what stays answerable, and the erasure itself is entered in it;
- other people's records where the erased person acted (ratings they gave as a manager, steps
  they owned in someone's plan, changes in someone's plan history, playbooks and opportunities
  they created): those are the other people's and the organisation's, and now say "Erased
  person" where they said the name;
- the reporting line of others: their reports move up to the erased person's own manager;
- the system administrators' admin-site log: entries about the person are renamed, entries
  made by their sign-in stay with the emptied sign-in.

The person's row stays as that anonymous "Erased person" (`erased_at` set) for the kept rows to
point to; no page lists or opens it. All of it happens in one transaction: a failure anywhere
leaves everything as it was.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from careermap.audit import services as audit
from careermap.conversations import calendar
from careermap.conversations.models import AgendaItem, Conversation, NextStep, Note, Reflection
from careermap.frameworks.models import Achievement, Assessment, PersonRole, SkillRating, TargetRole
from careermap.frameworks.services import people_changed
from careermap.live.models import Event
from careermap.opportunities.models import Opportunity
from careermap.people.models import Person, User, normalize_email
from careermap.plans.models import Plan, PlanChange, Step
from careermap.practice.models import Attempt, LessonProgress, PairPractice
from careermap.reminders.models import Reminder, ReminderSettings

logger = logging.getLogger(__name__)

ERASED_NAME = "Erased person"

# What erasure does with every relation to a person or a sign-in, with the reason. A test
# (tests/core/test_erasure.py) fails when a model gains a relation that is not listed here:
# whoever adds one decides whether it is the person's content or something others keep.
ERASED, KEPT = "erased", "kept"
RELATIONS = {
    # The person's own career content.
    "frameworks.PersonRole.person": (ERASED, "their current role"),
    "frameworks.TargetRole.person": (ERASED, "the roles they aim for"),
    "frameworks.SkillRating.person": (ERASED, "their skill ratings"),
    "frameworks.Assessment.person": (ERASED, "their assessments, with the evidence"),
    "frameworks.Achievement.person": (ERASED, "their experiences and relationships"),
    "plans.Plan.person": (ERASED, "their plans, with objectives, steps, check-ins, history"),
    "reminders.Reminder.person": (ERASED, "their reminders"),
    "reminders.ReminderSettings.person": (ERASED, "their reminder settings"),
    "conversations.Reflection.author": (ERASED, "what they prepared"),
    "conversations.Note.private_to": (ERASED, "their private notes"),
    "conversations.AgendaItem.author": (ERASED, "the topics they raised"),
    "practice.Attempt.person": (ERASED, "their practice: attempts, transcripts, feedback"),
    "practice.LessonProgress.person": (ERASED, "where they are in the practice course"),
    "practice.PairPractice.organiser": (ERASED, "practice sessions they booked with a colleague"),
    "practice.PairPractice.partner": (ERASED, "practice sessions they joined"),
    "people.Person.user": (ERASED, "their sign-in is emptied, disabled and unlinked"),
    "people.User_groups.user": (ERASED, "the sign-in's groups"),
    "people.User_user_permissions.user": (ERASED, "the sign-in's permissions"),
    # Kept for others, pointing to the anonymous row.
    "conversations.Conversation.host": (KEPT, "the other participant's conversation history"),
    "conversations.Conversation.guest": (KEPT, "the other participant's conversation history"),
    "conversations.Conversation.created_by": (KEPT, "who booked a conversation"),
    "conversations.Note.updated_by": (KEPT, "another person's note they last touched"),
    "conversations.NextStep.owner": (KEPT, "a step they owned in others' conversations"),
    "conversations.CustomPlaybook.created_by": (KEPT, "the organisation's playbooks"),
    "practice.CustomScenario.created_by": (KEPT, "the organisation's scenarios"),
    "practice.CustomLesson.created_by": (KEPT, "the organisation's lessons"),
    "frameworks.TargetRole.added_by": (KEPT, "who chose someone else's target"),
    "frameworks.Assessment.rater": (KEPT, "ratings they gave others, e.g. as their manager"),
    "frameworks.Achievement.recorded_by": (KEPT, "others' achievements they recorded"),
    "plans.Step.owner": (KEPT, "steps they owned in others' plans"),
    "plans.PlanChange.actor": (KEPT, "changes they made to others' plans"),
    "plans.CheckIn.recorded_by": (KEPT, "others' check-ins they recorded"),
    "opportunities.Opportunity.created_by": (KEPT, "the organisation's offer"),
    "audit.AccessEvent.subject": (KEPT, "the access log, the erasure included"),
    "audit.AccessEvent.actor": (KEPT, "the access log: what they saw of others"),
    # Counts of their reports (never of them) until the next hourly refresh, under the
    # emptied name; the refresh counts their reports under their new manager.
    "insights.Cell.manager": (KEPT, "the organisation's figures, counted per manager"),
    "admin.LogEntry.user": (KEPT, "the system administrators' log, with the emptied sign-in"),
    # Changed for others.
    "opportunities.Opportunity.offered_by": (KEPT, "the offer stands, with nobody named"),
    "people.Person.manager": (KEPT, "their reports move up to their own manager"),
}


class CannotErase(ValueError):
    """The erasure was refused: the typed name does not match, or the person is gone."""


@dataclass
class Erased:
    person: Person
    reports_moved: int
    conversations_kept: int


def name_matches(person: Person, typed: str) -> bool:
    """The confirmation: the person's name typed out (any case, any spacing)."""
    return " ".join(typed.split()).casefold() == " ".join(person.name.split()).casefold()


@transaction.atomic
def erase_person(person: Person, *, actor, confirm: str, reason: str) -> Erased:
    """Erase `person`'s data (see the module's docstring for what goes and what stays), once
    `confirm` is their name. `actor` is the HR admin's sign-in, or None for a command or the
    retention task; `reason` goes into the access log (no name in it)."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.erased_at is not None:
        raise CannotErase("This person's data has already been erased.")
    if not name_matches(person, confirm):
        raise CannotErase(f"Type the person's name, {person.name}, exactly to confirm.")
    conversations = Conversation.objects.filter(Q(host=person) | Q(guest=person))
    conversation_ids = list(conversations.values_list("pk", flat=True))
    plan_ids = list(Plan.objects.filter(person=person).values_list("pk", flat=True))

    # Others' reminders about the person: their steps, their plan, check-ins with them.
    step_ids = Step.objects.filter(objective__plan_id__in=plan_ids).values_list("pk", flat=True)
    about = [f"step-due:{pk}:" for pk in step_ids] + [f"step-overdue:{pk}:" for pk in step_ids]
    about += [f"plan-stale:{pk}:" for pk in plan_ids]
    about += [f"check-in:{pk}:" for pk in conversation_ids]
    for prefix in about:
        Reminder.objects.filter(key__startswith=prefix).delete()

    # Their conversations: what they wrote, and what the two wrote together.
    Reflection.objects.filter(author=person).delete()
    AgendaItem.objects.filter(author=person).delete()
    Note.objects.filter(conversation_id__in=conversation_ids).filter(
        Q(private_to=person) | Q(private_to__isnull=True)
    ).delete()
    NextStep.objects.filter(conversation_id__in=conversation_ids).delete()
    conversations.update(summary="", place="", video_link="", version=F("version") + 1)
    # One still to come will not take place: it shows as cancelled on the other's page, and
    # the other's calendar gets the cancellation (once all this has committed).
    to_come = conversations.filter(status=Conversation.SCHEDULED, starts_at__gt=timezone.now())
    cancelled = [(pk, host == person.pk) for pk, host in to_come.values_list("pk", "host")]
    to_come.update(status=Conversation.CANCELLED, ics_sequence=F("ics_sequence") + 1)
    transaction.on_commit(lambda: _send_cancellations(cancelled))
    channels = Q()
    for pk in conversation_ids:
        channels |= Q(channel=f"conversation-{pk}") | Q(channel__startswith=f"conversation-{pk}-")
    if conversation_ids:
        Event.objects.filter(channels).delete()  # live updates still waiting to be read

    # Their practice, and others' rehearsals of a conversation with them: a rehearsal's
    # persona is built from what they shared, so it goes with the shared record.
    Attempt.objects.filter(Q(person=person) | Q(conversation_id__in=conversation_ids)).delete()
    LessonProgress.objects.filter(person=person).delete()
    PairPractice.objects.filter(Q(organiser=person) | Q(partner=person)).delete()

    # Their career content.
    Plan.objects.filter(pk__in=plan_ids).delete()
    for model in (PersonRole, TargetRole, SkillRating, Assessment, Achievement):
        model.objects.filter(person=person).delete()
    Reminder.objects.filter(person=person).delete()
    ReminderSettings.objects.filter(person=person).delete()
    Opportunity.objects.filter(offered_by=person).update(offered_by=None)

    # Others' plan histories name the owner of each step as it was ("who"): those were theirs.
    touched = set(Step.objects.filter(owner=person).values_list("objective__plan", flat=True))
    touched |= set(PlanChange.objects.filter(actor=person).values_list("plan", flat=True))
    renamed = []
    for change in PlanChange.objects.filter(plan__in=touched, snapshot__isnull=False):
        steps = [s for o in change.snapshot.get("objectives", []) for s in o.get("steps", [])]
        for step in steps:
            if step.get("who") == person.name:
                step["who"] = ERASED_NAME
                renamed.append(change)
    PlanChange.objects.bulk_update(set(renamed), ["snapshot"], batch_size=500)

    # The reporting line: their reports now report to their own manager.
    moved = Person.objects.filter(manager=person).update(
        manager=person.manager_id, version=F("version") + 1, updated_at=timezone.now()
    )

    # The sign-in: emptied and disabled, so its admin-site log has someone to point to.
    if person.user_id is not None:
        user = User.objects.get(pk=person.user_id)
        user.email = normalize_email(f"erased-user-{user.pk}@erased.invalid")
        user.set_unusable_password()
        user.is_active = user.is_staff = user.is_superuser = False
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        _rename_in_admin_log(User, user.pk, user.email)

    # The person: nobody in particular from now on.
    Person.objects.filter(pk=person.pk).update(
        name=ERASED_NAME,
        email=f"erased-{person.pk}@erased.invalid",
        job_title="",
        team=None,
        manager=None,
        start_date=None,
        left_on=None,
        is_hr_admin=False,
        user=None,
        erased_at=timezone.now(),
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    _rename_in_admin_log(Person, person.pk, ERASED_NAME)
    people_changed()  # the bench and other organisation-wide results forget them
    person.refresh_from_db()
    audit.record_erasure(actor=actor, subject=person, detail=reason)
    return Erased(person, reports_moved=moved, conversations_kept=len(conversation_ids))


def _send_cancellations(cancelled: list[tuple[int, bool]]) -> None:
    for pk, erased_hosted in cancelled:
        conversation = Conversation.objects.select_related("host", "guest").get(pk=pk)
        other = conversation.guest if erased_hosted else conversation.host
        calendar.send_invite(conversation, to=[other.email])


def _rename_in_admin_log(model, pk: int, text: str) -> None:
    # The admin site's log names the records it changed as they were named then.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=str(pk)
    ).update(object_repr=text, change_message="")


# Leavers --------------------------------------------------------------------------------------


def leavers_due(today: dt.date | None = None):
    """Leavers whose data has been kept for the retention time; none when it is unset."""
    days = settings.CAREERMAP_LEAVER_RETENTION_DAYS
    if days is None:
        return Person.objects.none()
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=days)
    return Person.objects.filter(erased_at__isnull=True, left_on__lte=cutoff).order_by("pk")


def erase_leavers(today: dt.date | None = None) -> list[int]:
    """Erase each leaver due, each in its own transaction: one that fails is logged and left
    for the next run, and the others are erased all the same. Returns the ids erased; raises
    at the end when any failed, so the task shows as failed."""
    days = settings.CAREERMAP_LEAVER_RETENTION_DAYS
    erased, failed = [], []
    for person in leavers_due(today):
        try:
            erase_person(
                person,
                actor=None,
                confirm=person.name,
                reason=f"Retention: left on {person.left_on:%Y-%m-%d}, kept {days} days",
            )
        except Exception:
            logger.exception(
                "Could not erase the data of person %s; nothing of it changed.", person.pk
            )
            failed.append(person.pk)
        else:
            erased.append(person.pk)
    if failed:
        raise RuntimeError(f"Could not erase {len(failed)} leaver(s): {failed}; see the log.")
    return erased
