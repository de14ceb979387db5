from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from careermap import access

from . import queries, record, services
from .forms import GrowForm, ObjectiveForm, StartForm, StatusForm, StepForm
from .models import Objective, Plan, Step


def _editable(request, pk):
    person = access.person_for(request.user, pk)
    if not access.can_edit_plan(request.user, person):
        raise Http404
    return person


def _people(person):
    """Who a step can belong to: the person, their manager, their manager's manager."""
    chain = [person, person.manager, person.manager.manager if person.manager else None]
    return [p for p in chain if p is not None]


@login_required
def plan(request, pk: int):
    person = access.person_for(request.user, pk)
    active = queries.active_plan(person)
    can_edit = access.can_edit_plan(request.user, person)
    context = {
        "person": person,
        "can_edit": can_edit,
        "is_me": access.is_self(request.user, person),
    }
    if active is None:
        context.update(start_form=StartForm(), waiting=[])
        return render(request, "plans/plan_detail.html", context)
    if can_edit:
        services.mark_looked_at(active)
    context.update(queries.plan_page(active))
    context.update(
        waiting=list(services.waiting_next_steps(active)) if can_edit else [],
        grow_form=GrowForm(
            initial={
                **{f: getattr(active, f) for f in services.GROW_FIELDS},
                "version": active.version,
            }
        ),
        objective_form=ObjectiveForm(),
        step_people=_people(person),
    )
    return render(request, "plans/plan_detail.html", context)


@require_POST
@login_required
def start(request, pk: int):
    person = _editable(request, pk)
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            active = services.start_plan(person, actor=request.user, goal=form.cleaned_data["goal"])
            services.bring_in_next_steps(active, actor=request.user)
        except ValueError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "Write the long-term goal to start the plan.")
    return redirect("plans:plan", pk)


@require_POST
@login_required
def update(request, pk: int):
    person = _editable(request, pk)
    active = get_object_or_404(Plan, person=person, status="active")
    form = GrowForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.update_plan(active, actor=request.user, **data)
        except services.Stale:
            messages.error(
                request,
                "The plan was changed by someone else while you were "
                "editing; your text is below, not saved. Check and save "
                "again.",
            )
            return _with_form(request, person, active, form, status=409)
        messages.success(request, "Plan saved.")
        return redirect("plans:plan", pk)
    return _with_form(request, person, active, form, status=400)


def _with_form(request, person, active, form, *, status):
    context = {
        "person": person,
        "can_edit": True,
        "is_me": access.is_self(request.user, person),
        **queries.plan_page(active),
        "grow_form": form,
        "objective_form": ObjectiveForm(),
        "step_people": _people(person),
        "waiting": [],
        "grow_open": True,
    }
    if status == 409:
        # Keep what was typed; the next save carries the version now stored.
        data = form.data.copy()
        data["version"] = queries.active_plan(person).version
        context["grow_form"] = GrowForm(data)
    return render(request, "plans/plan_detail.html", context, status=status)


@require_POST
@login_required
def add_objective(request, pk: int):
    person = _editable(request, pk)
    active = get_object_or_404(Plan, person=person, status="active")
    form = ObjectiveForm(request.POST)
    if form.is_valid():
        services.add_objective(active, actor=request.user, **form.cleaned_data)
    else:
        messages.error(
            request,
            "The objective was not added: "
            + " ".join(e for errors in form.errors.values() for e in errors),
        )
    return redirect("plans:plan", pk)


@require_POST
@login_required
def add_step(request, pk: int, objective_pk: int):
    person = _editable(request, pk)
    objective = get_object_or_404(Objective, pk=objective_pk, plan__person=person)
    form = StepForm(request.POST, people=_people(person))
    if form.is_valid():
        services.add_step(objective, actor=request.user, **form.cleaned_data)
    else:
        messages.error(
            request,
            "The step was not added: "
            + " ".join(e for errors in form.errors.values() for e in errors),
        )
    return redirect("plans:plan", pk)


@require_POST
@login_required
def set_status(request, pk: int, step_pk: int):
    person = _editable(request, pk)
    step = get_object_or_404(Step, pk=step_pk, objective__plan__person=person)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.set_step_status(step, actor=request.user, **form.cleaned_data)
        except services.Stale:
            messages.error(
                request,
                f"“{step.what}” was updated by someone else meanwhile; check it and try again.",
            )
        except ValueError as exc:
            messages.error(request, f"“{step.what}” was not updated: {exc}")
    else:
        messages.error(request, "Choose a status.")
    return redirect(f"{step.objective.plan.get_absolute_url()}#step-{step.pk}")


@require_POST
@login_required
def bring_in(request, pk: int):
    person = _editable(request, pk)
    active = get_object_or_404(Plan, person=person, status="active")
    created = services.bring_in_next_steps(active, actor=request.user)
    messages.success(
        request, f"Brought in {len(created)} next step{'s' if len(created) != 1 else ''}."
    )
    return redirect("plans:plan", pk)


@login_required
def team(request):
    """For managers: every report's conversations and plan at a glance, sortable."""
    me = access.person_of(request.user)
    if me is None:
        raise Http404
    sort = request.GET.get("sort", "name")
    return render(
        request,
        "plans/team_glance.html",
        {
            "rows": queries.team_at_a_glance(me, sort=sort),
            "sort": sort if sort in queries.SORTS else "name",
        },
    )


@login_required
def write_up(request, pk: int):
    """The plan as a clean page, PDF or Markdown, for the person to keep."""
    person = access.person_for(request.user, pk)
    active = queries.active_plan(person)
    if active is None:
        raise Http404("No plan yet.")
    context = {"person": person, **queries.write_up(active)}
    fmt = request.GET.get("format")
    if fmt == "md":
        text = render(request, "plans/plan_write_up.md", context).content
        response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="development-plan.md"'
        return response
    if fmt == "pdf":
        from weasyprint import HTML  # loads Pango only when a PDF is asked for

        html = render(request, "plans/plan_write_up_pdf.html", context).content.decode()
        response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="development-plan.pdf"'
        return response
    return render(request, "plans/plan_write_up.html", context)


@login_required
def my_record(request):
    """Everything Careermap holds about my own development, as JSON or PDF, to keep."""
    me = access.person_of(request.user)
    if me is None:
        raise Http404
    data = record.career_record(me)
    if request.GET.get("format") == "pdf":
        from weasyprint import HTML

        html = render(request, "plans/record_pdf.html", {"record": data}).content.decode()
        response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="my-career-record.pdf"'
        return response
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="my-career-record.json"'
    return response
