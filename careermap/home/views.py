"""The home page, the landing page after sign-in: what each person has to do this week.

A person can be several roles at once; the page shows each section that applies, the
manager's first (their week is mostly their team's), then the organisation for HR admins,
then the person's own development. An organisation with nobody in it yet, or a manager who
has not started with their team, sees the first steps instead.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from careermap import access
from careermap.people.links import fast_url

from . import queries
from .queries import SHOWN, Action


@login_required
def home(request):
    me = access.person_of(request.user)
    if me is None:
        return render(request, "people/person_missing.html")
    now = timezone.now()
    today = timezone.localdate(now)
    conversations = queries.my_conversations(request.user, me, now)
    reports = queries.direct_reports(request.user, me, now)
    hr = _hr(request.user, now, today) if access.can_see_organisation_glance(request.user) else None
    # Nobody here but the first HR admin: the first steps are the whole page.
    empty = hr is not None and hr["glance"]["people"] <= 1
    manager = _manager(request.user, me, now, today, reports, conversations) if reports else None
    context = {
        "me": me,
        "today": today,
        "manager": manager,
        "hr": hr,
        "empty_organisation": empty,
        "first_steps": _organisation_first_steps() if empty else [],
        "manager_first_steps": _manager_first_steps(reports[0])
        if manager and manager["first_run"]
        else [],
        "member": None if empty else _member(request.user, me, now, today, conversations),
    }
    return render(request, "home/home.html", context)


def _manager(user, me, now, today, reports, conversations) -> dict:
    week_end = now + queries.WEEK
    hosting = [c for c in conversations if c.host_id == me.pk and c.starts_at < week_end][:SHOWN]
    agenda = queries.agenda_of(hosting)
    prepare = [_prepare(c, agenda[c.pk]) for c in hosting]
    plans = queries.reports_plans(user, me, now)
    steps = queries.stuck_steps(user, me, today)
    quiet = [p for p in reports if _quiet(p, now)]
    first_run = not plans and not any(p.ever_talked for p in reports)
    return {
        "reports": reports,
        "first_run": first_run,
        "prepare": prepare,
        "quiet": [_book_talk(p) for p in quiet[:SHOWN]],
        "quiet_more_text": _more(len(quiet) - SHOWN, "See your whole team"),
        "steps": [_update_step(s) for s in steps[:SHOWN]],
        "steps_more_text": "See every report's plan at a glance" if len(steps) > SHOWN else "",
        "check_ins": _check_ins_due(plans, today),
    }


def _more(count: int, text: str) -> str:
    return f"{text} ({count} more)" if count > 0 else ""


def _organisation_first_steps() -> list[tuple[str, str, str]]:
    """An organisation with nobody but its first HR admin: what to do, in order."""
    return [
        (
            "Import your people from a spreadsheet",
            fast_url("people:import"),
            "Names, e-mails, teams and managers: reporting lines decide who sees whom.",
        ),
        (
            "Check the career framework",
            fast_url("frameworks:overview"),
            "Tracks, roles and skills: adapt the starting framework to your own roles.",
        ),
        (
            "Look through the conversation playbooks",
            fast_url("conversations:playbooks"),
            "Each guides one kind of career conversation; adapt them to your words.",
        ),
        (
            "Book a first career conversation",
            fast_url("conversations:schedule"),
            "With someone who reports to you, once your people are in.",
        ),
    ]


def _manager_first_steps(report) -> list[tuple[str, str, str]]:
    """A manager with reports and nothing started with any of them yet."""
    return [
        (
            "Look at your team",
            fast_url("people:team"),
            "Who reports to you, their roles and where they are on the career framework.",
        ),
        (
            "Read the career aspirations playbook",
            fast_url("conversations:playbook", "career-aspirations"),
            "What to ask, why it matters and what comes next, in a few minutes.",
        ),
        (
            "Practise the conversation first",
            fast_url("practice:home"),
            "A rehearsal nobody grades: only you ever see it.",
        ),
        (
            f"Book a career conversation with {report.name}",
            fast_url("conversations:schedule") + f"?with={report.pk}",
            "They prepare a reflection and you both add to the agenda before you meet.",
        ),
    ]


def _quiet(report, now) -> bool:
    """No career conversation held with me in 90 days, and none booked."""
    if report.booked_talk is not None:
        return False
    return report.last_talk is None or report.last_talk < now - queries.TALK_EVERY


def _prepare(conversation, topics) -> Action:
    other = conversation.guest
    verb = "Close" if conversation.overdue else "Prepare"
    anchor = "#close" if conversation.overdue else ""
    extra = []
    if conversation.their_reflection_shared:
        extra.append(f"{other.name} shared a reflection: read it before you meet.")
    if topics:
        shown = "; ".join(topics[: queries.AGENDA_SHOWN])
        more = len(topics) - queries.AGENDA_SHOWN
        extra.append(f"Agenda: {shown}" + (f" (and {more} more)" if more > 0 else ""))
    return Action(
        text=f"{verb}: {conversation.title} with {other.name}",
        url=conversation.get_absolute_url() + anchor,
        detail=_when(conversation.starts_at),
        extra=extra,
        late=conversation.overdue,
    )


def _book_talk(report) -> Action:
    last = report.last_talk
    return Action(
        text=f"Book a career conversation with {report.name}",
        url=fast_url("conversations:schedule") + f"?with={report.pk}",
        detail=f"Last one {_day(last)}" if last else "No career conversation yet",
    )


def _update_step(step) -> Action:
    blocked = step["status"] == "blocked"
    detail = "Blocked" if blocked else f"Overdue since {_day(step['due_on'])}"
    return Action(
        text=f"Update step: {step['what']}",
        url=fast_url("plans:set_status", step["person_id"], step["pk"]),
        detail=f"{step['person_name']} · {detail}",
        late=True,
    )


def _check_ins_due(plans, today) -> list[Action]:
    """Check-ins due within the week (or late) that nobody booked yet: a booked one is among
    the conversations to prepare."""
    due = []
    for plan in plans:
        on = queries.check_in_on(plan, today)
        if plan.booked_at is not None or on > today + queries.WEEK:
            continue
        due.append(
            Action(
                text=f"Book a check-in with {plan.person.name}",
                url=fast_url("conversations:schedule")
                + f"?with={plan.person_id}&playbook={queries.CHECK_IN_PLAYBOOK}",
                detail=f"Was due {_day(on)}" if on < today else f"Due {_day(on)}",
                late=on < today,
            )
        )
    return due[:SHOWN]


def _hr(user, now, today) -> dict:
    return {"glance": queries.organisation(user, now, today), "insights": queries.insights_url()}


def _member(user, me, now, today, conversations) -> dict:
    mine = [
        c
        for c in conversations
        if not c.overdue and (c.host_id != me.pk or c.playbook_data.get("led_by") == "peers")
    ]
    plan = queries.my_plan(user, me)
    steps = queries.my_steps(plan, today) if plan else []
    return {
        "next": _next(user, me, mine[0]) if mine else None,
        "book_url": fast_url("conversations:schedule") + f"?with={me.manager_id}"
        if me.manager_id
        else "",
        "plan": plan,
        "plan_url": fast_url("plans:plan", me.pk),
        "steps": [_my_step(me, s, today) for s in steps[:SHOWN]],
        "steps_more_text": "See the rest on your plan" if len(steps) > SHOWN else "",
        "check_in": queries.my_check_in(plan, user) if plan else None,
        "opportunities": queries.opportunities_for(user, me),
        "reminders": queries.unread_reminders(user),
    }


def _my_step(me, step, today) -> Action:
    due = step["due_on"]
    if step["status"] == "blocked":
        detail = "Blocked"
    elif due is None:
        detail = ""
    elif due < today:
        detail = f"Overdue since {_day(due)}"
    else:
        detail = f"Due {_day(due)}"
    return Action(
        text=f"Update step: {step['what']}",
        url=fast_url("plans:set_status", me.pk, step["pk"]),
        detail=detail,
        late=step["status"] == "blocked" or (due is not None and due < today),
    )


def _next(user, me, conversation) -> dict:
    """My next conversation and what to prepare for it: my reflection, when I write one, and
    the agenda."""
    url = conversation.get_absolute_url()
    other = conversation.other(me)
    todo = []
    if access.writes_reflection(user, conversation):
        if conversation.my_reflection_shared:
            todo.append(Action(text="Reread your shared reflection", url=url + "#prepare"))
        elif conversation.my_reflection:
            todo.append(Action(text="Finish and share your reflection", url=url + "#prepare"))
        else:
            todo.append(Action(text="Write your reflection", url=url + "#prepare"))
    count = conversation.agenda_count
    todo.append(
        Action(
            text="Add a topic to the agenda",
            url=url + "#agenda",
            detail=f"{count} on it so far" if count else "Nothing on it yet",
        )
    )
    return {
        "conversation": conversation,
        "title": f"{conversation.title} with {other.name}",
        "when": _when(conversation.starts_at),
        "url": url,
        "todo": todo,
    }


def _when(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local:%a} {_day(local.date())}, {local:%H:%M}"


def _day(value) -> str:
    if hasattr(value, "hour"):
        value = timezone.localtime(value).date()
    return f"{value.day} {value:%b %Y}"
