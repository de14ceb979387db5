"""A person's career page, skill profile and career map."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from careermap import access
from careermap.audit import services as audit
from careermap.core.errors import StaleEdit
from careermap.htmx import htmx_partial

from . import career, queries, services
from .forms import AchievementForm, CurrentRoleForm, RatingForm, TargetRoleForm
from .models import Role, Skill


@login_required
def career_page(request, pk: int):
    person = access.person_for(request.user, pk)
    # The gap analysis shows the person's current level of each skill.
    audit.record_view(viewer=request.user, subject=person, what="assessments", detail="Career page")
    view = career.career_view(person, target_key=request.GET.get("target") or None)
    context = {
        "view": view,
        "person": person,
        "is_me": access.is_self(request.user, person),
        "can_plan": access.can_plan_career(request.user, person),
        "can_set_role": access.can_set_role(request.user, person),
        # Both role pickers list the same roles; written out in the template, not as form
        # widgets, which would render each option through the template engine.
        "roles": queries.compiled().roles,
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
    audit.record_view(viewer=request.user, subject=person, what="assessments", detail="Skills page")
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
        # Written out in the template rather than as form widgets, which cost far more.
        "all_experiences": queries.compiled().experiences,
        "all_relationships": queries.compiled().relationships,
        "today": dt.date.today(),
        "scale": queries.scale(),
    }
    return render(request, "frameworks/skills_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def rate_skill(request, pk: int, key: str):
    person = access.person_for(request.user, pk)
    skill = get_object_or_404(Skill, key=key, retired=False)
    can_self = access.can_rate(request.user, person, "self")
    can_manager = access.can_rate(request.user, person, "manager")
    context = {
        "person": person,
        "can_self": can_self,
        "can_manager": can_manager,
        "today": dt.date.today(),
        "scale": queries.scale(),
    }
    if request.method == "GET":
        # The form is fetched when someone starts rating, so the skills page stays light.
        if not (can_self or can_manager):
            raise Http404
        context["row"] = career.skill_row(person, skill)
        template = htmx_partial(
            request, "frameworks/rating_page.html", "frameworks/_rating_form.html"
        )
        return render(request, template, context)
    kind = request.POST.get("kind")
    if not access.can_rate(request.user, person, kind):
        raise Http404
    form = RatingForm(request.POST)
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
        except StaleEdit as exc:
            conflict, status = exc.current, 409
    else:
        status = 400
    if not request.htmx:
        if status == 200:
            messages.success(request, f"Saved the rating of {skill.name}.")
            return redirect("frameworks:skills", pk)
        # Back to the form with everything that was typed, and why it was not saved.
        context.update(row=career.skill_row(person, skill), form=form, conflict=conflict)
        return render(request, "frameworks/rating_page.html", context, status=status)
    context.update(
        row=career.skill_row(person, skill),
        form=form if status != 200 else None,
        conflict=conflict,
        saved=status == 200,
    )
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
    # How ready the person is for each role comes from their skill ratings.
    audit.record_view(viewer=request.user, subject=person, what="assessments", detail="Career map")
    view = career.career_view(person, target_key=request.GET.get("target") or None, for_map=True)
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


@login_required
def skill_history(request, pk: int, key: str):
    person = access.person_for(request.user, pk)
    skill = get_object_or_404(Skill, key=key)
    # Every rating of the skill with its evidence: the assessments themselves.
    audit.record_view(
        viewer=request.user, subject=person, what="assessments", detail=f"History of {skill.name}"
    )
    template = htmx_partial(
        request, "frameworks/skill_history.html", "frameworks/_skill_history.html"
    )
    return render(
        request,
        template,
        {"person": person, "skill": skill, "history": career.skill_history(person, skill)},
    )
