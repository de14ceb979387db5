from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careermap import access
from careermap.audit import services as audit

from . import queries, record, services
from .form_views import _editable
from .forms import StartForm
from .models import Plan


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
    active.person = person  # loaded already, with their manager
    if can_edit:
        services.mark_looked_at(active)
    audit.record_view(viewer=request.user, subject=person, what="plan", detail="Plan page")
    context.update(queries.plan_page(active, viewer=request.user))
    waiting = queries.waiting_next_steps(active, viewer=request.user) if can_edit else None
    # What each one is: the page names the first three and counts them all.
    context["waiting"] = list(waiting.values_list("what", flat=True)) if can_edit else []
    return render(request, "plans/plan_detail.html", context)


@require_POST
@login_required
def start(request, pk: int):
    person = _editable(request, pk)
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            services.start_plan(
                person, actor=request.user, goal=form.cleaned_data["goal"], bring_in=True
            )
        except ValueError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "Write the long-term goal to start the plan.")
    return redirect("plans:plan", pk)


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
    rows = queries.team_at_a_glance(me, sort=sort)
    # Each row shows part of a report's plan: its progress and last roadblocks.
    audit.record_views(viewer=me, subjects=rows, what="plan", detail="Team at a glance")
    return render(
        request,
        "plans/team_glance.html",
        {
            "rows": rows,
            "sort": sort if sort in queries.SORTS else "name",
            "schedule_url": reverse("conversations:schedule"),
        },
    )


@login_required
def write_up(request, pk: int):
    """The plan as a clean page, PDF or Markdown, for the person to keep."""
    person = access.person_for(request.user, pk)
    active = queries.active_plan(person)
    if active is None:
        raise Http404("No plan yet.")
    audit.record_view(viewer=request.user, subject=person, what="plan", detail="Plan write-up")
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
    if access.person_of(request.user) is None:
        raise Http404
    data = record.career_record(request.user)
    if request.GET.get("format") == "pdf":
        from weasyprint import HTML

        html = render(request, "plans/record_pdf.html", {"record": data}).content.decode()
        response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="my-career-record.pdf"'
        return response
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="my-career-record.json"'
    return response
