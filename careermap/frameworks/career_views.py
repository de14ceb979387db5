"""A person's career page, skill profile and career map."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careermap import access

from . import career, queries, services
from .forms import AchievementForm, CurrentRoleForm, RatingForm, TargetRoleForm
from .models import Role, Skill


@login_required
def career_page(request, pk: int):
    person = access.person_for(request.user, pk)
    view = career.career_view(person, target_key=request.GET.get("target") or None)
    context = {
        "view": view,
        "person": person,
        "is_me": access.is_self(request.user, person),
        "can_plan": access.can_plan_career(request.user, person),
        "can_set_role": access.can_set_role(request.user, person),
        "target_form": TargetRoleForm(),
        "role_form": CurrentRoleForm(
            initial={
                "role": view.current.role if view.current else None,
                "since": view.current.since if view.current else None,
            }
        ),
    }
    if request.GET.get("panel"):
        # The career map asks for one role's gap analysis to show beside the map.
        return render(request, "frameworks/_map_panel.html", context)
    return render(request, "frameworks/career_detail.html", context)


@require_POST
@login_required
def add_target(request, pk: int):
    person = access.person_for(request.user, pk)
    if not access.can_plan_career(request.user, person):
        raise Http404
    form = TargetRoleForm(request.POST)
    if form.is_valid():
        role = form.cleaned_data["role"]
        services.add_target_role(person, actor=request.user, role=role)
        return redirect(f"{reverse('frameworks:career', args=[pk])}?target={role.key}")
    messages.error(request, "Choose a role from the list to aim for.")
    return redirect("frameworks:career", pk)


@require_POST
@login_required
def remove_target(request, pk: int, key: str):
    person = access.person_for(request.user, pk)
    if not access.can_plan_career(request.user, person):
        raise Http404
    role = get_object_or_404(Role, key=key)
    services.remove_target_role(person, actor=request.user, role=role)
    messages.success(request, f"{role.name} is no longer a target role.")
    return redirect("frameworks:career", pk)


@require_POST
@login_required
def set_role(request, pk: int):
    person = access.person_for(request.user, pk)
    if not access.can_set_role(request.user, person):
        raise Http404
    form = CurrentRoleForm(request.POST)
    if form.is_valid():
        services.set_current_role(
            person,
            actor=request.user,
            role=form.cleaned_data["role"],
            since=form.cleaned_data["since"] or dt.date.today(),
        )
        messages.success(request, "Current role saved.")
    else:
        messages.error(
            request,
            "That role could not be saved: "
            + " ".join(e for errors in form.errors.values() for e in errors),
        )
    return redirect("frameworks:career", pk)


@login_required
def skills_page(request, pk: int):
    person = access.person_for(request.user, pk)
    roles = career.RolesInView.of(person)
    experiences, relationships = career.relevant_achievements(person, roles)
    context = {
        "person": person,
        "groups": career.skill_profile(person, roles),
        "can_self": access.can_rate(request.user, person, "self"),
        "can_manager": access.can_rate(request.user, person, "manager"),
        "can_plan": access.can_plan_career(request.user, person),
        "experiences": experiences,
        "relationships": relationships,
        "achievement_form": AchievementForm(),
        "today": dt.date.today(),
        "scale": queries.scale(),
    }
    return render(request, "frameworks/skills_list.html", context)


@require_POST
@login_required
def rate_skill(request, pk: int, key: str):
    person = access.person_for(request.user, pk)
    skill = get_object_or_404(Skill, key=key, retired=False)
    form = RatingForm(request.POST)
    kind = request.POST.get("kind")
    if not access.can_rate(request.user, person, kind):
        raise Http404
    conflict = None
    status = 200
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.rate_skill(
                person,
                actor=request.user,
                skill=skill,
                kind=kind,
                level=data["level"],
                evidence=data["evidence"],
                assessed_on=data["assessed_on"],
                version=data["version"],
            )
        except services.StaleRating as exc:
            conflict, status = exc.current, 409
    else:
        status = 400
    if not request.htmx:
        if status == 200:
            messages.success(request, f"Saved your rating of {skill.name}.")
        else:
            messages.error(
                request,
                f"Your rating of {skill.name} was not saved: "
                + (
                    "it was rated again meanwhile; check the new value and save again."
                    if conflict
                    else "check the form."
                ),
            )
        return redirect("frameworks:skills", pk)
    row = career.skill_row(person, skill)
    context = {
        "person": person,
        "row": row,
        "form": form if status != 200 else None,
        "form_kind": kind,
        "conflict": conflict,
        "saved": status == 200,
        "can_self": access.can_rate(request.user, person, "self"),
        "can_manager": access.can_rate(request.user, person, "manager"),
        "today": dt.date.today(),
        "scale": queries.scale(),
    }
    return render(request, "frameworks/_skill_row.html", context, status=status)


@require_POST
@login_required
def add_achievement(request, pk: int):
    person = access.person_for(request.user, pk)
    if not access.can_plan_career(request.user, person):
        raise Http404
    form = AchievementForm(request.POST)
    if form.is_valid():
        services.record_achievement(person, actor=request.user, **form.cleaned_data)
        messages.success(request, "Recorded.")
    else:
        messages.error(request, " ".join(form.non_field_errors()) or "Check the form.")
    return redirect("frameworks:skills", pk)


@require_POST
@login_required
def remove_achievement(request, pk: int, achievement_pk: int):
    person = access.person_for(request.user, pk)
    if not access.can_plan_career(request.user, person):
        raise Http404
    achievement = get_object_or_404(person.achievements, pk=achievement_pk)
    services.remove_achievement(
        person,
        actor=request.user,
        experience=achievement.experience,
        relationship=achievement.relationship,
    )
    return redirect("frameworks:skills", pk)


@login_required
def career_map(request, pk: int):
    person = access.person_for(request.user, pk)
    view = career.career_view(person, target_key=request.GET.get("target") or None)
    graph = career.map_graph(view)
    return render(
        request,
        "frameworks/career_map.html",
        {
            "person": person,
            "view": view,
            "graph": graph,
            "is_me": access.is_self(request.user, person),
        },
    )
