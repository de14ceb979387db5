from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from careermap import access

from . import exports, queries, services
from .forms import FrameworkImportForm, MoveForm
from .models import Skill


@login_required
def overview(request):
    access.require(access.can_see_framework(request.user))
    context = {
        "grid": queries.role_grid(),
        "categories": queries.categories_with_skills(),
        "scale": queries.scale(),
        "can_change": access.can_change_framework(request.user),
    }
    return render(request, "frameworks/framework_overview.html", context)


@login_required
def role(request, key: str):
    access.require(access.can_see_framework(request.user))
    found = queries.role_detail(key)
    if found is None:
        raise Http404("No such role.")
    scale = {s.value: s for s in queries.scale()}
    context = {
        "role": found,
        "expectations": [
            (rs, scale.get(rs.proficiency), rs.skill.step_text(rs.proficiency))
            for rs in found.skill_levels.all()
        ],
        "viewer_person": access.person_of(request.user),
        "can_bench": access.can_see_bench(request.user),
        "can_change": access.can_change_framework(request.user),
        "move_form": MoveForm(),
    }
    return render(request, "frameworks/role_detail.html", context)


@login_required
def skill(request, key: str):
    access.require(access.can_see_framework(request.user))
    found = Skill.objects.filter(key=key).select_related("category").first()
    if found is None:
        raise Http404("No such skill.")
    roles = (
        found.role_levels.filter(role__retired=False)
        .select_related("role__track", "role__level")
        .order_by("role__track__position", "role__level__rank")
    )
    steps = [(s, found.step_text(s.value)) for s in queries.scale()]
    return render(
        request,
        "frameworks/skill_detail.html",
        {
            "skill": found,
            "steps": steps,
            "role_levels": roles,
            "can_change": access.can_change_framework(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_framework(request):
    access.require(access.can_change_framework(request.user))
    result = None
    if request.method == "POST":
        form = FrameworkImportForm(request.POST, request.FILES)
        if form.is_valid():
            result = services.import_framework(
                form.cleaned_data["file"].read(),
                actor=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
    else:
        form = FrameworkImportForm()
    status = 400 if result is not None and not result.ok else 200
    return render(
        request, "frameworks/framework_import.html", {"form": form, "result": result}, status=status
    )


@login_required
def export_framework(request):
    access.require(access.can_change_framework(request.user))
    response = HttpResponse(exports.framework_yaml(), content_type="application/yaml")
    response["Content-Disposition"] = 'attachment; filename="career-framework.yaml"'
    return response


@login_required
def bench(request, key: str):
    access.require(access.can_see_bench(request.user))
    found = queries.role_detail(key)
    if found is None or found.retired:
        raise Http404("No such role.")
    entries = queries.bench_for(key, limit=20)
    # The bench ranks everyone; show only those this viewer may see (all of them, for the HR
    # admins who see benches today).
    shown = access.visible_people(request.user).filter(pk__in=[e.person_id for e in entries])
    people = {p.pk: p for p in shown.select_related("team", "career_role__role")}
    skills = dict(Skill.objects.values_list("key", "name"))
    rows = [
        (people[e.person_id], e, [(skills.get(g.skill, g.skill), g) for g in e.gaps])
        for e in entries
        if e.person_id in people
    ]
    return render(request, "frameworks/role_bench.html", {"role": found, "rows": rows})


@require_POST
@login_required
def load_default(request):
    access.require(access.can_change_framework(request.user))
    result = services.load_default_framework(actor=request.user)
    messages.success(request, result.summary())
    return redirect("frameworks:overview")
