"""HR admins' pages for erasing a person's data (careermap/core/erasure.py) and for the list of
erasures made. Filed among the people pages by careermap/urls.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from careermap import access
from careermap.audit import queries as audit_queries

from . import erasure
from .forms import ErasureForm


@login_required
@require_http_methods(["GET", "POST"])
def erase_person(request, pk: int):
    person = access.person_for(request.user, pk)
    if not access.can_erase_person(request.user, person):
        raise Http404("No such person.")
    form = ErasureForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            erasure.erase_person(
                person,
                actor=request.user,
                confirm=form.cleaned_data["name"],
                reason=form.cleaned_data["reason"] or "On request",
            )
        except erasure.CannotErase as exc:
            form.add_error("name", str(exc))
        else:
            messages.success(request, "Their data is erased. The erasure is in the list below.")
            return redirect("people:erasures")
    context = {"person": person, "form": form, "relations": erasure.RELATIONS}
    return render(request, "core/person_erase.html", context, status=400 if form.errors else 200)


@login_required
def erasures(request):
    access.require(access.can_see_erasures(request.user))
    page = audit_queries.erasures(request.GET.get("page", 1))
    return render(request, "core/erasure_list.html", {"page": page})
