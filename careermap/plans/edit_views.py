"""Editing and removing a plan's objectives and steps (see edits.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from careermap.core.errors import StaleEdit

from . import edits
from .form_views import _editable, _form, _people, _stale_copy
from .forms import ObjectiveEditForm, StepEditForm
from .models import Objective, Step


def _objective(request, pk, objective_pk):
    person = _editable(request, pk)
    objective = get_object_or_404(
        Objective.objects.select_related("plan"), pk=objective_pk, plan__person=person
    )
    return person, objective


def _step(request, pk, step_pk):
    person = _editable(request, pk)
    step = get_object_or_404(
        Step.objects.select_related("objective__plan"), pk=step_pk, objective__plan__person=person
    )
    return person, step


def _version(request) -> int:
    # A missing or garbled version is simply not the current one: the removal is refused.
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else 0


STALE = "changed by someone else while you were editing; your text is below, not saved. "


@login_required
def edit_objective(request, pk: int, objective_pk: int):
    person, objective = _objective(request, pk, objective_pk)
    context = {"person": person, "objective": objective}
    page = "plans/objective_edit_page.html"
    if request.method != "POST":
        initial = {
            **model_to_dict(objective, exclude=["skills", "opportunities"]),
            "skills": list(objective.skills.all()),
            "opportunities": list(objective.opportunities.all()),
        }
        form = ObjectiveEditForm(initial=initial, objective=objective)
        return _form(request, page, {**context, "form": form})
    form = ObjectiveEditForm(request.POST, objective=objective)
    if not form.is_valid():
        return _form(request, page, {**context, "form": form}, status=400)
    try:
        edits.update_objective(objective, actor=request.user, **form.cleaned_data)
    except StaleEdit as stale:
        form = _stale_copy(ObjectiveEditForm, request, stale.current.version, objective=objective)
        form.add_error(None, "The objective was " + STALE + "Check it and save again.")
        return _form(request, page, {**context, "form": form}, status=409)
    except ValueError as exc:  # a newly linked opportunity closed meanwhile
        form.add_error("opportunities", str(exc))
        return _form(request, page, {**context, "form": form}, status=400)
    return redirect(f"{objective.plan.get_absolute_url()}#objective-{objective.pk}")


@require_POST
@login_required
def remove_objective(request, pk: int, objective_pk: int):
    _, objective = _objective(request, pk, objective_pk)
    return _remove(request, edits.remove_objective, objective, objective.title, "objective")


@login_required
def edit_step(request, pk: int, step_pk: int):
    person, step = _step(request, pk, step_pk)
    people = _people(person)
    context = {"person": person, "step": step}
    page = "plans/step_edit_page.html"
    if request.method != "POST":
        initial = {**model_to_dict(step), "owner": step.owner_id or ""}
        return _form(
            request, page, {**context, "form": StepEditForm(initial=initial, people=people)}
        )
    form = StepEditForm(request.POST, people=people)
    if not form.is_valid():
        return _form(request, page, {**context, "form": form}, status=400)
    try:
        edits.update_step(step, actor=request.user, **form.cleaned_data)
    except StaleEdit as stale:
        form = _stale_copy(StepEditForm, request, stale.current.version, people=people)
        form.add_error(None, "The step was " + STALE + "Check it and save again.")
        return _form(request, page, {**context, "form": form}, status=409)
    return redirect(f"{step.objective.plan.get_absolute_url()}#step-{step.pk}")


@require_POST
@login_required
def remove_step(request, pk: int, step_pk: int):
    _, step = _step(request, pk, step_pk)
    return _remove(request, edits.remove_step, step, step.what, "step")


def _remove(request, remove, item, name: str, anchor: str):
    plan = item.objective.plan if isinstance(item, Step) else item.plan
    plan_url = plan.get_absolute_url()
    try:
        remove(item, actor=request.user, version=_version(request))
    except StaleEdit:
        messages.error(request, f"“{name}” changed meanwhile: check it before removing.")
        return redirect(f"{plan_url}#{anchor}-{item.pk}")
    messages.success(request, f"Removed “{name}”; it stays in the plan's history.")
    return redirect(plan_url)
