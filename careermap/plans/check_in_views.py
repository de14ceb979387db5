"""Recording a check-in on a plan, with its agenda built from the plan."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from careermap import access
from careermap.audit import services as audit
from careermap.core.errors import StaleEdit

from . import queries, services
from .form_views import _stale_copy
from .forms import CheckInForm
from .models import Plan


def _initial(plan: Plan, held_in, upcoming) -> dict:
    """The form as it opens: the next check-in already booked keeps its day and time unless
    someone changes them (a close-out may have booked it); else one cadence from today, at the
    time of the conversation being held."""
    today = timezone.localdate()
    if upcoming is not None:
        nxt = timezone.localtime(upcoming.starts_at)
        next_on, next_at = nxt.date(), nxt.time()
    else:
        next_on = today + dt.timedelta(weeks=plan.check_in_weeks)
        next_at = (
            timezone.localtime(held_in.starts_at).time()
            if held_in
            else services.DEFAULT_CHECK_IN_TIME
        )
    return {
        "held_on": today,
        "goal": plan.goal,
        "next_on": next_on,
        "next_at": next_at.strftime("%H:%M"),
        "version": plan.version,
    }


@login_required
def check_in(request, pk: int):
    """GET: the agenda and the form. POST: record it and book the next one, in one go."""
    person = access.person_for(request.user, pk)
    if not access.can_edit_plan(request.user, person):
        raise Http404
    plan = get_object_or_404(Plan, person=person, status=Plan.ACTIVE)
    plan.person = person
    if request.method != "POST":
        audit.record_view(viewer=request.user, subject=person, what="plan", detail="Check-in")
    held_in = queries.held_in(plan, viewer=request.user, on=timezone.localdate())
    upcoming = queries.upcoming_check_in(plan, besides=held_in)
    form = CheckInForm(
        request.POST if request.method == "POST" else None,
        objectives=list(plan.objectives.all()),
        initial=_initial(plan, held_in, upcoming),
    )
    if request.method == "POST" and form.is_valid():
        return _record(request, plan, form, held_in, upcoming)
    status = 400 if request.method == "POST" else 200
    return _page(request, plan, form, held_in, upcoming, status=status)


def _page(request, plan, form, held_in, upcoming, *, status):
    context = {
        "person": plan.person,
        "plan": plan,
        "form": form,
        "held_in": held_in,
        "upcoming": upcoming,
        "upcoming_url": upcoming.get_absolute_url()
        if upcoming is not None and access.takes_part_in(request.user, upcoming)
        else None,
        "is_me": access.is_self(request.user, plan.person),
        **queries.check_in_agenda(plan),
    }
    return render(request, "plans/check_in_form.html", context, status=status)


def _record(request, plan, form, held_in, upcoming):
    d = form.cleaned_data
    try:
        recorded = services.record_check_in(
            plan,
            actor=request.user,
            version=d["version"],
            held_on=d["held_on"],
            summary=d["summary"],
            roadblocks=d["roadblocks"],
            goal=d["goal"],
            goal_change=d["goal_change"],
            progress=form.progress(),
            next_on=d["next_on"],
            next_at=d["next_at"],
        )
    except StaleEdit as stale:
        # Keep what was typed; the next save carries the goal and version now stored.
        form = _stale_copy(
            CheckInForm,
            request,
            stale.current.version,
            objectives=form.objectives,
            initial={"goal": stale.current.goal},
        )
        form.add_error(
            None,
            "The goal was changed by someone else while you were writing; nothing was saved. "
            "Your text is below: check the goal and record the check-in again.",
        )
        stale.current.person = plan.person
        return _page(request, stale.current, form, held_in, upcoming, status=409)
    note = "Check-in recorded."
    if recorded.next_booked is not None:
        when = timezone.localtime(recorded.next_booked.starts_at)
        note += f" The next one is in both calendars for {when:%-d %B %Y at %H:%M}."
    elif d["next_on"] and plan.person.manager_id is None:
        note += " Nobody to check in with: there is no manager on record to invite."
    elif d["next_on"]:
        note += " Its next date has passed already, so nothing was booked."
    messages.success(request, note)
    return redirect("plans:plan", plan.person_id)
