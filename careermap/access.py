"""Who may see or change what. Nothing else in Careermap decides this.

Every page, API call and command asks here; list pages start from the querysets below so that
scoping happens in SQL, never in templates. Where telling someone "you may not see this" would
reveal that it exists, the answer is a 404, the same as for something that does not exist.

The rules, one per line, with their reasons:
- A person sees themselves.
- A manager sees their direct reports and their reports' reports (skip-level), so a second-line
  manager can support the managers below them.
- HR admins see everyone: they run the career framework and the imports.
- Nobody else sees a person's page: colleagues and peers see nothing unless it is shared with
  them explicitly (sharing arrives with conversations).
- Only HR admins change a person's record (name, title, team, manager), because it mirrors
  the HR system; people change their own password.
- System administrators run the installation (admin site, sign-ins); being one does not by
  itself open anyone's career information.
- The career framework (tracks, roles, skills, moves) is the organisation's shared map: every
  signed-in person reads it; only HR admins change, import or export it.
- A person's career profile (current role, target roles, skill ratings, gaps, paths) is seen
  by whoever may see the person.
- Skill ratings: the person writes their self-assessment, their direct manager writes the
  manager assessment; nobody writes the other's (HR admins and skip-level managers read).
- Target roles, experiences and relationships: the person and their direct manager.
- The current role: HR admins and the direct manager, as it mirrors the HR record.
- The bench for a role (who is closest to it across the organisation): HR admins only.
- A career conversation belongs to its two participants (host and guest): only they see it,
  its agenda, shared notes, next steps and write-up. Managers above them and HR admins do not:
  people speak freely only when they know who will read it.
- A reflection is its author's draft until they share it; then the other participant reads it.
- A private note is seen by its author alone, everywhere: pages, exports, the admin site.
- Anyone schedules a conversation with their direct report, their manager, or (for a peer
  conversation) any colleague.
- Playbooks are read by every signed-in person; HR admins copy and adapt them.
- A development plan is the person's and their managers' (direct and skip-level) to edit;
  HR admins read it; nobody else sees it.
- Development opportunities are the organisation's shared offer, like the framework: every
  signed-in person reads the open ones, and anyone may post one they offer (a mentor offering
  mentoring, a manager a stretch project).
- An opportunity is edited, closed and reopened by whoever posted it, the person it is offered
  by (it is their offer) and HR admins (they look after the offer as a whole).
- A closed opportunity is seen by those editors only: it takes nobody new. Plans that linked it
  keep showing it, marked closed.
- A sign-in with no person (a system administrator) has no place in the offer: the pages answer
  "not found", as they do for the career record.
- Reminders are their recipient's alone: nobody else sees them, not managers, not HR admins;
  system administrators see whether and when one was e-mailed, never what it says.
- Erasing a person's data is for HR admins, on request or for a leaver, current employees
  included (a request can come from anyone the organisation holds data on); never their own
  (another HR admin does it: a second pair of eyes, and nobody locks themselves out by
  mistake). An erased person is nobody: no page lists or opens them.
- The access log (who viewed or changed my plan, assessments and reflections) is seen by the
  person alone: not by managers, and not by HR admins, who are among those it reports on and
  would otherwise be able to watch what managers and colleagues look at.
- Practice (role-play attempts, their transcripts and feedback, lesson progress) is the
  practiser's alone: not their manager's, not HR admins', not system administrators' in the
  app. People practise honestly only where nobody grades them. HR admins see counts of
  attempts per team, never a name or a line, and no figure for a team under five people, where
  a count would point at someone.
- A practice session with a colleague is its two people's: the one who booked it and their
  partner. Only the one playing the team member fills in the checklist and the feedback: the
  leader is the one being observed.
- Scenarios and lessons are for everyone; HR admins copy and adapt them, like the playbooks.
- Insights (the organisation's figures: conversation coverage, plans, steps, gaps, the bench,
  moves) are for HR admins alone: they look after careers across the organisation; managers
  have their own team pages. Counts only, never a name; no figure for a group of fewer than
  five people, where a count would point at someone; nothing private or unshared is counted
  (no private note, no reflection, no conversation's words).
- The home page shows each person only what the rules above already let them see: their own
  conversations, reminders and plan; a manager's reports' plans (direct reports, the ones they
  act on); whether the other participant shared a reflection, never a draft.
- The organisation at a glance (a few counts on the home page) is for HR admins; like the
  practice counts, no figure is shown for a group under five people.
- Rehearsing a real conversation is for its host (the manager, or the peer who booked it),
  while it is scheduled; the persona is built only from what the other participant has shared
  with them (rehearsal.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from careermap.people.models import Person
from careermap.prepared import Prepared

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from careermap.people.models import User


def person_of(user: User | AnonymousUser) -> Person | None:
    """The Person a signed-in user is, or None (anonymous, or an account with no person)."""
    if not user.is_authenticated:
        return None
    try:
        return user.person  # type: ignore[union-attr]
    except Person.DoesNotExist:
        return None


def is_hr_admin(user: User | AnonymousUser) -> bool:
    person = person_of(user)
    return bool(person and person.is_hr_admin)


def is_system_admin(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


def visible_people(user: User | AnonymousUser) -> QuerySet[Person]:
    """Everyone this user may see. List pages and lookups start here."""
    me = person_of(user)
    if me is None:
        return Person.objects.none()
    if me.is_hr_admin:
        # An erased person keeps no reporting line, so only this branch could reach them.
        return Person.objects.filter(erased_at__isnull=True)
    return _seen_by(me.pk)


def _seen_by(me) -> QuerySet[Person]:
    """Who a person who is not an HR admin sees (`me`: their id): themselves, their reports
    and their reports' reports."""
    return Person.objects.filter(Q(pk=me) | Q(manager_id__in=_me_and_my_reports(me)))


def _me_and_my_reports(me) -> QuerySet[Person]:
    # "Managed by me or by one of my reports" as an IN over an indexed column: the same rows as
    # joining each person to their manager, without scanning the whole organisation.
    return Person.objects.filter(Q(pk=me) | Q(manager_id=me)).values("pk")


def team_members(user: User | AnonymousUser) -> QuerySet[Person]:
    """The people this user manages, direct reports and their reports (skip-level): the part of
    visible_people a manager has by being one. The team page starts here; an HR admin's team
    is their own reports, not everyone they may see."""
    me = person_of(user)
    if me is None:
        return Person.objects.none()
    return Person.objects.filter(manager_id__in=_me_and_my_reports(me.pk))


def sees_by_ids(
    *,
    viewer_id: int,
    viewer_is_hr_admin: bool,
    person_id: int,
    manager_id: int | None,
    skip_id: int | None,
) -> bool:
    """visible_people asked of one person known by ids alone (theirs, their manager's and their
    manager's manager's), for set-based code that loads no rows, such as the reminder sweep
    deciding whether a reminder may link to someone's plan."""
    return viewer_is_hr_admin or viewer_id in {person_id, manager_id, skip_id}


def sees_reports_of(user: User | AnonymousUser, person: Person) -> bool:
    """Whether every report of `person` is visible to this user (the same rules as
    visible_people, asked of one person whose manager is loaded): yes for the person
    themselves, HR admins and the person's manager; a skip-level manager stops one level up."""
    me = person_of(user)
    return bool(me and (me.is_hr_admin or me.pk == person.pk or person.manager_id == me.pk))


def sees_manager_of(user: User | AnonymousUser, person: Person) -> bool:
    """Whether `person`'s manager is visible to this user (as visible_people would say)."""
    me = person_of(user)
    boss = person.manager
    if me is None or boss is None:
        return False
    return me.is_hr_admin or me.pk == boss.pk or boss.manager_id == me.pk


def _person_shown(people: QuerySet[Person], pk) -> QuerySet[Person]:
    return people.select_related("team", "manager", "user").filter(pk=pk)[:1]


# Every person's page asks this; compiled once per process (careermap/prepared.py), it is the
# same query as visible_people(user).filter(pk=pk) with the values put in.
_PERSON_FOR_HR = Prepared(lambda *, variant, pk: _person_shown(Person.objects.all(), pk), pk=int)
_PERSON_FOR = Prepared(lambda *, variant, me, pk: _person_shown(_seen_by(me), pk), me=int, pk=int)


def person_for(user: User | AnonymousUser, pk: int, *, change: bool = False) -> Person:
    """The person with this id if the user may see it (and change it); else 404."""
    me = person_of(user)
    if me is None or not isinstance(pk, int):
        found = list(_person_shown(visible_people(user), pk))
    elif me.is_hr_admin:
        found = _PERSON_FOR_HR.objects(pk=pk)
    else:
        found = _PERSON_FOR.objects(me=me.pk, pk=pk)
    person = found[0] if found else None
    if person is None:
        raise Http404("No such person.")
    if change and not can_change_person(user, person):
        raise Http404("No such person.")
    return person


def can_change_person(user: User | AnonymousUser, person: Person) -> bool:
    return is_hr_admin(user)


def can_erase_person(user: User | AnonymousUser, person: Person) -> bool:
    me = person_of(user)
    return bool(me and me.is_hr_admin and me.pk != person.pk and person.erased_at is None)


def can_delete_person_in_admin(user: User | AnonymousUser) -> bool:
    """Nobody, system administrators included. A person's data leaves through erasure
    (careermap/core/erasure.py): it keeps what the organisation must keep, leaves the other
    person's own notes in their shared conversations alone, and is recorded. Deleting the
    record would take every conversation they had, with the other person's notes, with it."""
    return False


def can_see_erasures(user: User | AnonymousUser) -> bool:
    """The list of erasures (when, by whom, why; never whose): HR admins, who answer for them."""
    return is_hr_admin(user)


def can_see_directory(user: User | AnonymousUser) -> bool:
    return is_hr_admin(user)


def can_import_people(user: User | AnonymousUser) -> bool:
    return is_hr_admin(user)


def require(allowed: bool) -> None:
    """For pages whose existence is no secret (the directory, imports): a plain 403."""
    if not allowed:
        raise PermissionDenied


def is_direct_manager(user: User | AnonymousUser, person: Person) -> bool:
    me = person_of(user)
    return bool(me and person.manager_id == me.pk)


def is_self(user: User | AnonymousUser, person: Person) -> bool:
    me = person_of(user)
    return bool(me and me.pk == person.pk)


def can_see_framework(user: User | AnonymousUser) -> bool:
    return person_of(user) is not None or is_system_admin(user)


def can_change_framework(user: User | AnonymousUser) -> bool:
    return is_hr_admin(user)


def can_rate(user: User | AnonymousUser, person: Person, kind: str) -> bool:
    """kind is "self" or "manager": whose column of the skill profile this user may write."""
    if kind == "self":
        return is_self(user, person)
    if kind == "manager":
        return is_direct_manager(user, person)
    return False


def can_plan_career(user: User | AnonymousUser, person: Person) -> bool:
    """Choose target roles and record experiences and relationships."""
    return is_self(user, person) or is_direct_manager(user, person)


def can_set_role(user: User | AnonymousUser, person: Person) -> bool:
    return is_hr_admin(user) or is_direct_manager(user, person)


def can_see_bench(user: User | AnonymousUser) -> bool:
    return is_hr_admin(user)


def visible_conversations(user: User | AnonymousUser):
    """The conversations this user takes part in (host or guest); nobody else's."""
    from careermap.conversations.models import Conversation

    me = person_of(user)
    if me is None:
        return Conversation.objects.none()
    return _conversations_of(me.pk)


def _conversations_of(me):
    from careermap.conversations.models import Conversation

    return Conversation.objects.filter(Q(host_id=me) | Q(guest_id=me))


def _conversation_shown(conversations, pk):
    return conversations.select_related("host", "guest").filter(pk=pk)[:1]


# Every conversation page and save asks this; compiled once per process (careermap/prepared.py),
# the same query as visible_conversations(user).filter(pk=pk) with the values put in.
_CONVERSATION_FOR = Prepared(
    lambda *, variant, me, pk: _conversation_shown(_conversations_of(me), pk), me=int, pk=int
)


def conversation_for(user: User | AnonymousUser, pk: int):
    """The conversation if this user takes part in it; 404 otherwise."""
    me = person_of(user)
    if me is None or not isinstance(pk, int):
        found = list(_conversation_shown(visible_conversations(user), pk))
    else:
        found = _CONVERSATION_FOR.objects(me=me.pk, pk=pk)
    if not found:
        raise Http404("No such conversation.")
    return found[0]


def can_schedule_with(user: User | AnonymousUser, other: Person, *, peer: bool) -> bool:
    me = person_of(user)
    if me is None or other.pk == me.pk:
        return False
    if peer:
        return True
    return other.manager_id == me.pk or me.manager_id == other.pk


def writes_reflection(user: User | AnonymousUser, conversation) -> bool:
    """Whether this participant prepares a reflection for the conversation: the team member
    (the guest), or each of two peers. The manager prepares in their private note instead, so
    that what the team member shares is theirs alone."""
    me = person_of(user)
    if me is None or not takes_part_in(user, conversation):
        return False
    if not conversation.playbook_data["phases"][0].get("questions"):
        return False  # this playbook asks nobody to prepare in writing
    return me.pk == conversation.guest_id or conversation.playbook_data.get("led_by") == "peers"


def takes_part_in(user: User | AnonymousUser, conversation) -> bool:
    """Whether the user is one of the conversation's two participants: the rule of
    visible_conversations, asked of one conversation already loaded."""
    me = person_of(user)
    return bool(me and me.pk in (conversation.host_id, conversation.guest_id))


def _in_conversations(user: User | AnonymousUser, conversation, model):
    """`model`'s rows in the conversations this user takes part in (or in `conversation`
    alone, when given, without a subquery)."""
    if conversation is not None:
        if not takes_part_in(user, conversation):
            return model.objects.none()
        return model.objects.filter(conversation=conversation)
    return model.objects.filter(conversation__in=visible_conversations(user).values("pk"))


def readable_reflections(user: User | AnonymousUser, conversation=None):
    """Reflections this user may read: in their own conversations, their own (draft or
    shared) and the other participant's once shared; only `conversation`'s when given. Pages,
    write-ups and the career record all read through here."""
    from careermap.conversations.models import Reflection

    me = person_of(user)
    if me is None:
        return Reflection.objects.none()
    return _in_conversations(user, conversation, Reflection).filter(
        Q(author_id=me.pk) | Q(shared_at__isnull=False)
    )


def readable_notes(user: User | AnonymousUser, conversation=None):
    """Notes this user may read: in their own conversations, the shared notes and answers
    and their own private notes, never anyone else's private note; only `conversation`'s
    when given."""
    from careermap.conversations.models import Note

    me = person_of(user)
    if me is None:
        return Note.objects.none()
    return _in_conversations(user, conversation, Note).filter(
        Q(private_to__isnull=True) | Q(private_to_id=me.pk)
    )


def readable_next_steps(user: User | AnonymousUser):
    """The next steps agreed in the user's own conversations. A manager above the two who
    talked reads them only once they are steps of a plan they may see."""
    from careermap.conversations.models import NextStep

    return _in_conversations(user, None, NextStep)


def live_channels(user: User | AnonymousUser, conversation) -> list[str]:
    """What an open conversation page may listen to: the conversation's shared changes, and
    the viewer's own private note (their other tabs). The caller has checked the viewer takes
    part (conversation_for)."""
    me = person_of(user)
    if me is None:
        return []
    return [f"conversation-{conversation.pk}", f"conversation-{conversation.pk}-person-{me.pk}"]


def can_change_playbooks(user: User | AnonymousUser) -> bool:
    return is_hr_admin(user)


def can_edit_plan(user: User | AnonymousUser, person: Person) -> bool:
    me = person_of(user)
    if me is None:
        return False
    boss = person.manager
    return me.pk == person.pk or (
        boss is not None and (boss.pk == me.pk or boss.manager_id == me.pk)
    )


def can_see_access_log(user: User | AnonymousUser, person: Person) -> bool:
    """Only the person's own log: there is no page for anyone else's."""
    return is_self(user, person)


def visible_reminders(user: User | AnonymousUser):
    """The user's own reminders; nobody else's."""
    from careermap.reminders.models import Reminder

    me = person_of(user)
    if me is None:
        return Reminder.objects.none()
    return reminders_of(me.pk)


def reminders_of(person_id):
    """visible_reminders for the person with this id (or a prepared query's slot for it)."""
    from careermap.reminders.models import Reminder

    return Reminder.objects.filter(person_id=person_id)


def visible_opportunities(user: User | AnonymousUser):
    """The open opportunities, and the closed ones this user may edit."""
    from careermap.opportunities.models import Opportunity

    me = person_of(user)
    if me is None:
        return Opportunity.objects.none()
    if me.is_hr_admin:
        return Opportunity.objects.all()
    return Opportunity.objects.filter(
        Q(status=Opportunity.OPEN) | Q(created_by_id=me.pk) | Q(offered_by_id=me.pk)
    )


def opportunity_for(user: User | AnonymousUser, pk: int, *, change: bool = False):
    """The opportunity if this user may see it (and change it); else 404."""
    found = (
        visible_opportunities(user).select_related("offered_by", "created_by").filter(pk=pk).first()
    )
    if found is None or (change and not can_change_opportunity(user, found)):
        raise Http404("No such opportunity.")
    return found


def can_post_opportunity(user: User | AnonymousUser) -> bool:
    return person_of(user) is not None


def can_change_opportunity(user: User | AnonymousUser, opportunity) -> bool:
    me = person_of(user)
    return bool(
        me
        and (
            me.is_hr_admin
            or opportunity.created_by_id == me.pk
            or opportunity.offered_by_id == me.pk
        )
    )


def can_practise(user: User | AnonymousUser) -> bool:
    """Everyone with a person practises; a sign-in with no person has no practice to keep."""
    return person_of(user) is not None


def visible_attempts(user: User | AnonymousUser):
    """The user's own practice attempts; nobody else's, whoever asks."""
    from careermap.practice.models import Attempt

    me = person_of(user)
    if me is None:
        return Attempt.objects.none()
    return Attempt.objects.filter(person_id=me.pk)


def attempt_for(user: User | AnonymousUser, pk: int):
    """The attempt if this user practised it; 404 otherwise (someone else's looks missing)."""
    found = visible_attempts(user).filter(pk=pk).first()
    if found is None:
        raise Http404("No such practice attempt.")
    return found


def can_see_practice_counts(user: User | AnonymousUser) -> bool:
    """How much each team practises, in counts only: HR admins, who run the course."""
    return is_hr_admin(user)


# A team smaller than this gets no practice figure on the HR page: with three people, "two
# attempts" says nearly who practised.
PRACTICE_COUNT_MIN_TEAM = 5


def can_see_insights(user: User | AnonymousUser) -> bool:
    """The organisation's figures (careermap/insights): HR admins, who answer for careers
    across the organisation."""
    return is_hr_admin(user)


# No insights figure for a group smaller than this: among four people, "three had a
# conversation" nearly says who did not.
INSIGHTS_MIN_GROUP = PRACTICE_COUNT_MIN_TEAM  # one smallest group everywhere (MIN_GROUP)


def can_rehearse(user: User | AnonymousUser, conversation) -> bool:
    """Rehearse a scheduled conversation: its host only (the manager who will lead it)."""
    me = person_of(user)
    return bool(
        me and conversation.host_id == me.pk and conversation.status == conversation.SCHEDULED
    )


def sees_career_of(user: User | AnonymousUser, person: Person) -> bool:
    """Whether this user may see `person`'s career page (current and target roles): the rule
    of visible_people, asked of one person."""
    return visible_people(user).filter(pk=person.pk).exists()


def visible_pairs(user: User | AnonymousUser):
    """Practice sessions with a colleague that this user takes part in; nobody else's."""
    from careermap.practice.models import PairPractice

    me = person_of(user)
    if me is None:
        return PairPractice.objects.none()
    return PairPractice.objects.filter(Q(organiser_id=me.pk) | Q(partner_id=me.pk))


def pair_for(user: User | AnonymousUser, pk: int):
    """The practice session if this user is one of its two people; 404 otherwise."""
    found = visible_pairs(user).select_related("organiser", "partner").filter(pk=pk).first()
    if found is None:
        raise Http404("No such practice session.")
    return found


def plays_persona(user: User | AnonymousUser, pair) -> bool:
    """Whether this user plays the team member in the session (and so observes and writes the
    feedback)."""
    me = person_of(user)
    return bool(me and pair.player.pk == me.pk)


def can_change_scenarios(user: User | AnonymousUser) -> bool:
    return is_hr_admin(user)


def visible_plans(user: User | AnonymousUser):
    """Development plans this user may see: those of the people they may see (visible_people),
    written without a subquery over everyone for HR admins."""
    from careermap.plans.models import Plan

    me = person_of(user)
    if me is None:
        return Plan.objects.none()
    if me.is_hr_admin:
        return Plan.objects.filter(person__erased_at__isnull=True)
    return Plan.objects.filter(
        Q(person_id=me.pk) | Q(person__manager_id__in=_me_and_my_reports(me.pk))
    )


def can_see_organisation_glance(user: User | AnonymousUser) -> bool:
    """The organisation's counts on the home page: HR admins, who look after the whole."""
    return is_hr_admin(user)


# The smallest group a count is shown for: under it, a figure starts to point at people.
MIN_GROUP = PRACTICE_COUNT_MIN_TEAM


def shows_figures_for(group_size: int) -> bool:
    return group_size >= MIN_GROUP
