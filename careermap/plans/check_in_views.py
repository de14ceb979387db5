"""Recording a check-in on a plan, with its agenda built from the plan."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from careermap import access

from . import queries, services
from .form_views import _stale_copy
from .forms import CheckInForm
from .models import Plan

DEFAULT_TIME = dt.time(10, 0)


def _initial(plan: Plan, booked) -> dict:
    today = timezone.localdate()
    when = timezone.localtime(booked.starts_at).time() if booked else DEFAULT_TIME
    return {
        "held_on": today,
        "goal": plan.goal,
        "next_on": today + dt.timedelta(weeks=plan.check_in_weeks),
        "next_at": when.strftime("%H:%M"),
        "version": plan.version,
    }


@login_required
def check_in(request, pk: int):
    """GET: the agenda and the form. POST: record it and book the next one."""
    person = access.person_for(request.user, pk)
    if not access.can_edit_plan(request.user, person):
        raise Http404
    plan = get_object_or_404(Plan, person=person, status=Plan.ACTIVE)
    booked = services.open_check_in(plan)
    objectives = list(plan.objectives.all())
    initial = _initial(plan, booked)
    form = CheckInForm(
        request.POST if request.method == "POST" else None,
        objectives=objectives,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        return _record(request, plan, form, booked)
    return _page(request, plan, form, booked, status=400 if request.method == "POST" else 200)


def _page(request, plan, form, booked, *, status):
    context = {
        "person": plan.person,
        "plan": plan,
        "form": form,
        "booked": booked,
        "is_me": access.is_self(request.user, plan.person),
        **queries.check_in_agenda(plan),
    }
    return render(request, "plans/check_in_form.html", context, status=status)


def _record(request, plan, form, booked):
    d = form.cleaned_data
    try:
        services.record_check_in(
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
            conversation=booked,
        )
    except services.Stale as stale:
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
        return _page(request, stale.current, form, booked, status=409)
    note = "Check-in recorded."
    if d["next_on"]:
        at = d["next_at"] or DEFAULT_TIME
        starts_at = timezone.make_aware(dt.datetime.combine(d["next_on"], at))
        nxt = services.book_next_check_in(plan, actor=request.user, starts_at=starts_at)
        if nxt is None:
            note += " Nobody to check in with: there is no manager on record to invite."
        else:
            note += f" The next one is in both calendars for {d['next_on']:%-d %B %Y}."
    messages.success(request, note)
    return redirect("plans:plan", plan.person_id)
