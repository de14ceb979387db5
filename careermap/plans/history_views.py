"""A plan's history: every change, and the plan after any two of them compared."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from careermap import access
from careermap.audit import services as audit

from . import history
from .models import Plan, PlanChange


@login_required
def plan_history(request, pk: int):
    person = access.person_for(request.user, pk)
    plan = Plan.objects.filter(person=person, status=Plan.ACTIVE).first()
    if plan is None:
        raise Http404("No plan yet.")
    audit.record_view(viewer=request.user, subject=person, what="plan", detail="Plan history")
    changes = plan.changes.select_related("actor").defer("snapshot")
    page = Paginator(changes, 50).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)  # read once, by the table and the ticks below
    context = {
        "person": person,
        "plan": plan,
        "page": page,
        "is_me": access.is_self(request.user, person),
    }
    older, newer = request.GET.get("from"), request.GET.get("to")
    if older and newer:
        context.update(_comparison(plan, older, newer))
    # The two changes ticked: those compared, else the newest two on the page.
    shown = [c.pk for c in page.object_list[:2]]
    context["checked_to"] = context["newer"].pk if "newer" in context else shown[0] if shown else 0
    context["checked_from"] = (
        context["older"].pk if "older" in context else shown[1] if len(shown) > 1 else 0
    )
    return render(request, "plans/plan_history.html", context)


def _comparison(plan, older_pk, newer_pk) -> dict:
    found = {
        c.pk: c
        for c in PlanChange.objects.filter(
            plan=plan, pk__in=[_int(older_pk), _int(newer_pk)]
        ).select_related("actor")
    }
    if len(found) != 2:
        return {"compare_error": "Choose two changes from this plan's history to compare."}
    older, newer = sorted(found.values(), key=lambda c: (c.at, c.pk))
    lines = history.compare(older, newer)
    if lines is None:
        return {
            "compare_error": "One of these changes was saved before Careermap kept the whole "
            "plan with each change; choose later ones."
        }
    return {"older": older, "newer": newer, "diff": lines}


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
