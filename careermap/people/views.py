from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from careermap import access
from careermap.core.errors import StaleEdit
from careermap.htmx import htmx_partial

from . import imports, queries, services
from .forms import ImportForm, PersonForm


@login_required
def detail(request, pk: int):
    person = access.person_for(request.user, pk)
    return render(request, "people/person_detail.html", person_context(request, person))


def person_context(request, person) -> dict:
    """What a person's page shows this viewer. The Me page (careermap/core/views.py) adds the
    viewer's conversations to it."""
    me = access.person_of(request.user)
    return {
        "can_schedule": me is not None
        and person.pk != me.pk
        and access.can_schedule_with(request.user, person, peer=False),
        "person": person,
        "is_me": access.is_self(request.user, person),
        # None: this viewer may not see who reports to this person.
        "reports": list(person.reports.select_related("team"))
        if access.sees_reports_of(request.user, person)
        else None,
        "manager_visible": access.sees_manager_of(request.user, person),
        "can_change": access.can_change_person(request.user, person),
        "can_see_access_log": access.can_see_access_log(request.user, person),
        "can_erase": access.can_erase_person(request.user, person),
    }


@login_required
def team(request):
    person = access.person_of(request.user)
    directs = queries.team_of(access.team_members(request.user), manager=person) if person else []
    skip_count = sum(len(d.reports) for d in directs)
    return render(request, "people/team_list.html", {"directs": directs, "skip_count": skip_count})


@login_required
def directory(request):
    access.require(access.can_see_directory(request.user))
    text = request.GET.get("q", "").strip()
    page = queries.directory_page(
        access.visible_people(request.user),
        text=text,
        page=request.GET.get("page", 1),
        per_page=50,
    )
    template = htmx_partial(request, "people/directory_list.html", "people/_directory_rows.html")
    return render(request, template, {"page": page, "q": text})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    person = access.person_for(request.user, pk, change=True)
    if request.method == "GET":
        form = PersonForm(initial=PersonForm.initial_for(person), person=person, user=request.user)
        return render(request, "people/person_form.html", {"person": person, "form": form})
    form = PersonForm(request.POST, person=person, user=request.user)
    conflict = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.update_person(
                person,
                actor=request.user,
                version=data["version"],
                name=data["name"],
                job_title=data["job_title"],
                team=services.team_named(data["team"]),
                manager=data["manager_email"],
                start_date=data["start_date"],
                is_hr_admin=data["is_hr_admin"],
                left_on=data["left_on"],
            )
        except services.ReportingCycle as exc:
            form.add_error("manager_email", str(exc))
        except StaleEdit as exc:
            # Keep what this user typed, show what the other person saved, and let a second
            # submit (now carrying the new version) decide.
            conflict = exc.current
            form = PersonForm(
                {**request.POST.dict(), "version": conflict.version},
                person=person,
                user=request.user,
            )
            form.is_valid()
        else:
            messages.success(request, f"Saved {data['name']}.")
            return redirect(person)
    return render(
        request,
        "people/person_form.html",
        {"person": person, "form": form, "conflict": conflict},
        status=409 if conflict else 400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_people(request):
    access.require(access.can_import_people(request.user))
    report = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            report = imports.import_people(
                form.cleaned_data["file"].read(),
                actor=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
    else:
        form = ImportForm()
    return render(
        request,
        "people/import_form.html",
        {"form": form, "report": report},
        status=400 if report is not None and not report.ok else 200,
    )
