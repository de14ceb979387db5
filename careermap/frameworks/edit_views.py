"""HR admins edit the framework in the app: roles, skills and the moves between roles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from careermap import access
from careermap.core.errors import StaleEdit

from . import services
from .forms import MoveForm, RoleForm, SkillForm
from .models import Move, Role, ScaleStep, Skill


def _require_hr(request):
    access.require(access.can_change_framework(request.user))


@login_required
@require_http_methods(["GET", "POST"])
def edit_role(request, key: str | None = None):
    _require_hr(request)
    role = get_object_or_404(Role, key=key) if key else Role()
    if request.method == "GET":
        form = RoleForm(initial=RoleForm.initial_for(role) if key else {}, new=not key)
        return render(
            request,
            "frameworks/role_form.html",
            {"role": role, "form": form, "scale": ScaleStep.objects.all()},
        )
    form = RoleForm(request.POST, new=not key)
    conflict = None
    if form.is_valid():
        data = form.cleaned_data
        if not key:
            role.key = data["key"]
        try:
            services.save_role(
                role,
                actor=request.user,
                version=data["version"],
                name=data["name"],
                track=data["track"],
                level=data["level"],
                summary=data["summary"],
                excellent=data["excellent"],
                skills=data["skills"],
                experiences=data["experiences"],
                relationships=data["relationships"],
            )
        except StaleEdit as exc:
            conflict = exc.current
            # Keep what this admin typed; the next save carries the new version.
            resubmit = request.POST.copy()
            resubmit["version"] = conflict.version
            form = RoleForm(resubmit)
            form.is_valid()
        except ValueError as exc:
            form.add_error("level", str(exc))
        else:
            messages.success(request, f"Saved {role.name}.")
            return redirect(role)
    return render(
        request,
        "frameworks/role_form.html",
        {"role": role, "form": form, "conflict": conflict, "scale": ScaleStep.objects.all()},
        status=409 if conflict else 400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_skill(request, key: str):
    _require_hr(request)
    skill = get_object_or_404(Skill, key=key)
    if request.method == "GET":
        form = SkillForm(initial=SkillForm.initial_for(skill))
        return render(request, "frameworks/skill_form.html", {"skill": skill, "form": form})
    form = SkillForm(request.POST)
    conflict = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.save_skill(
                skill,
                actor=request.user,
                version=data["version"],
                name=data["name"],
                category=data["category"],
                description=data["description"],
                steps=form.steps(),
            )
        except StaleEdit as exc:
            conflict = exc.current
            resubmit = request.POST.copy()
            resubmit["version"] = conflict.version
            form = SkillForm(resubmit)
            form.is_valid()
        else:
            messages.success(request, f"Saved {skill.name}.")
            return redirect(skill)
    return render(
        request,
        "frameworks/skill_form.html",
        {"skill": skill, "form": form, "conflict": conflict},
        status=409 if conflict else 400,
    )


@require_POST
@login_required
def retire(request, kind: str, key: str):
    _require_hr(request)
    model = {"roles": Role, "skills": Skill}.get(kind)
    if model is None:
        raise Http404
    item = get_object_or_404(model, key=key)
    try:
        services.set_retired(item, actor=request.user, retired=not item.retired)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{item.name} is {'retired' if item.retired else 'back'}.")
    return redirect(item)


@require_POST
@login_required
def add_move(request, key: str):
    _require_hr(request)
    source = get_object_or_404(Role, key=key, retired=False)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.save_move(
                actor=request.user,
                source=source,
                target=form.cleaned_data["target"],
                typical_months=form.cleaned_data["typical_months"],
            )
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Added the move to {form.cleaned_data['target'].name}.")
    else:
        messages.error(
            request,
            "The move was not added: "
            + " ".join(f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items()),
        )
    return redirect(source)


@require_POST
@login_required
def remove_move(request, pk: int):
    _require_hr(request)
    move = get_object_or_404(Move.objects.select_related("source"), pk=pk)
    services.retire_move(move, actor=request.user)
    messages.success(request, "Move removed.")
    return redirect(move.source)
