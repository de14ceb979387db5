"""The plan's edit forms: the goal and GROW record, objectives, steps, a step's status, the
opportunities linked to an objective.

Each form is fetched when the person asks for it (HTMX, or a page of its own without
JavaScript), which keeps the plan page light. A refused save comes back as the form's page
with what was typed and the problem next to its field; a save over someone else's change
(a stale version) is refused the same way, never written over it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from careermap import access
from careermap.audit import services as audit
from careermap.core.errors import StaleEdit
from careermap.htmx import htmx_partial
from careermap.opportunities import queries as opportunities

from . import services
from .forms import GrowForm, LinkOpportunityForm, ObjectiveForm, StatusForm, StepForm
from .models import Objective, Plan, Step


def _editable(request, pk):
    person = access.person_for(request.user, pk)
    if not access.can_edit_plan(request.user, person):
        raise Http404
    if request.method == "GET":
        # An edit form shows part of the plan as it is: a look like any other.
        audit.record_view(viewer=request.user, subject=person, what="plan", detail="Plan form")
    return person


def _people(person):
    """Who a step can belong to: the person, their manager, their manager's manager."""
    chain = [person, person.manager, person.manager.manager if person.manager else None]
    return [p for p in chain if p is not None]


def _aims(person):
    """The target roles on the person's career page, offered when the plan names none."""
    from careermap.frameworks.models import TargetRole

    return [t.role for t in TargetRole.objects.filter(person=person).select_related("role")]


def _form(request, page_template, context, *, status=200):
    """The form alone for an HTMX request, else the form's own page."""
    partial = page_template.replace("/", "/_", 1).replace("_page.html", "_form.html")
    template = htmx_partial(request, page_template, partial) if status == 200 else page_template
    return render(request, template, context, status=status)


def _stale_copy(form_class, request, version, **kwargs):
    """The form as it was posted, carrying the version now stored, so saving again works."""
    data = request.POST.copy()
    data["version"] = version
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


@login_required
def update(request, pk: int):
    person = _editable(request, pk)
    plan = get_object_or_404(Plan, person=person, status=Plan.ACTIVE)
    context = {"person": person, "plan": plan}
    if request.method != "POST":
        initial = {
            **{f: getattr(plan, f) for f in services.GROW_FIELDS},
            "target_roles": list(plan.target_roles.all()) or _aims(person),
            "version": plan.version,
        }
        return _form(
            request, "plans/grow_page.html", {**context, "form": GrowForm(initial=initial)}
        )
    form = GrowForm(request.POST)
    if not form.is_valid():
        return _form(request, "plans/grow_page.html", {**context, "form": form}, status=400)
    try:
        services.update_plan(plan, actor=request.user, **form.cleaned_data)
    except StaleEdit as stale:
        form = _stale_copy(GrowForm, request, stale.current.version)
        form.add_error(
            None,
            "The plan was changed by someone else while you were editing; your text is below, "
            "not saved. Check it against the plan and save again.",
        )
        return _form(request, "plans/grow_page.html", {**context, "form": form}, status=409)
    messages.success(request, "Plan saved.")
    return redirect("plans:plan", pk)


@login_required
def add_objective(request, pk: int):
    person = _editable(request, pk)
    plan = get_object_or_404(Plan, person=person, status=Plan.ACTIVE)
    context = {"person": person, "plan": plan}
    if request.method != "POST":
        return _form(request, "plans/objective_page.html", {**context, "form": ObjectiveForm()})
    form = ObjectiveForm(request.POST)
    if not form.is_valid():
        return _form(request, "plans/objective_page.html", {**context, "form": form}, status=400)
    services.add_objective(plan, actor=request.user, **form.cleaned_data)
    return redirect("plans:plan", pk)


@login_required
def add_step(request, pk: int, objective_pk: int):
    person = _editable(request, pk)
    objective = get_object_or_404(Objective, pk=objective_pk, plan__person=person)
    people = _people(person)
    context = {"person": person, "objective": objective}
    if request.method != "POST":
        form = StepForm(people=people, initial={"owner": person.pk})
        return _form(request, "plans/step_add_page.html", {**context, "form": form})
    form = StepForm(request.POST, people=people)
    if not form.is_valid():
        return _form(request, "plans/step_add_page.html", {**context, "form": form}, status=400)
    step = services.add_step(objective, actor=request.user, **form.cleaned_data)
    return redirect(f"{objective.plan.get_absolute_url()}#step-{step.pk}")


@login_required
def set_status(request, pk: int, step_pk: int):
    person = _editable(request, pk)
    step = get_object_or_404(
        Step.objects.select_related("objective__plan"), pk=step_pk, objective__plan__person=person
    )
    context = {"person": person, "step": step}
    if request.method != "POST":
        form = StatusForm(initial={**model_to_dict(step), "version": step.version})
        return _form(request, "plans/step_status_page.html", {**context, "form": form})
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _form(request, "plans/step_status_page.html", {**context, "form": form}, status=400)
    try:
        services.set_step_status(step, actor=request.user, **form.cleaned_data)
    except StaleEdit as stale:
        form = _stale_copy(StatusForm, request, stale.current.version)
        form.add_error(
            None,
            f"“{step.what}” was updated by someone else meanwhile (it is now "
            f"{stale.current.get_status_display().lower()}). What you typed is below: "
            "check it and save again.",
        )
        return _form(request, "plans/step_status_page.html", {**context, "form": form}, status=409)
    return redirect(f"{step.objective.plan.get_absolute_url()}#step-{step.pk}")


def _objective(person, objective_pk: int) -> Objective:
    return get_object_or_404(
        Objective.objects.select_related("plan"), pk=objective_pk, plan__person=person
    )


def _at(objective: Objective) -> str:
    return f"{objective.plan.get_absolute_url()}#objective-{objective.pk}"


@login_required
def link_opportunity(request, pk: int, objective_pk: int):
    """The suggestions for the objective first, with why, then every open opportunity."""
    person = _editable(request, pk)
    objective = _objective(person, objective_pk)
    data = request.POST if request.method == "POST" else None
    form = LinkOpportunityForm(data, objective=objective)
    if request.method == "POST" and form.is_valid():
        opportunity = form.cleaned_data["opportunity"]
        services.link_opportunity(objective, actor=request.user, opportunity=opportunity)
        return redirect(_at(objective))
    suggestions = opportunities.suggestions_for(objective)
    context = {
        "person": person,
        "objective": objective,
        "form": form,
        "suggestions": suggestions,
        "has_skills": bool(suggestions) or objective.skills.exists(),
        "linked": list(objective.opportunities.all()),
    }
    status = 400 if request.method == "POST" else 200
    return _form(request, "plans/opportunity_link_page.html", context, status=status)


@require_POST
@login_required
def unlink_opportunity(request, pk: int, objective_pk: int, opportunity_pk: int):
    person = _editable(request, pk)
    objective = _objective(person, objective_pk)
    opportunity = get_object_or_404(objective.opportunities.all(), pk=opportunity_pk)
    services.unlink_opportunity(objective, actor=request.user, opportunity=opportunity)
    return redirect(_at(objective))
