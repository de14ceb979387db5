"""Opportunities: the list (filters, search and "For me"), a page each, posting, editing,
closing and reopening. Who may do what is asked of careermap/access.py.

The list and an opportunity's page also show what the person's plan wants and which of its
objectives an opportunity could serve; plans sit above this app, so careermap/core/views.py
serves those two pages, handing in the plan's part (`wanted_for`, and the context it adds).
"""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from careermap import access
from careermap.core.errors import StaleEdit
from careermap.frameworks import queries as framework_queries
from careermap.frameworks.models import Skill
from careermap.people.models import Person

from . import queries, services
from .forms import EditForm, OpportunityForm
from .models import Opportunity


def _me(request):
    """The signed-in person: the offer is for people in the organisation."""
    if not access.can_post_opportunity(request.user):
        raise Http404("No person.")
    return access.person_of(request.user)


def opportunity_list(request, *, wanted_for: Callable[[Person], queries.Wanted]):
    """The list. "For me" ranks by `wanted_for(person)`: the skills the person's plan works on
    and their gaps, gathered by the caller."""
    me = _me(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in dict(Opportunity.KINDS) else ""
    key = request.GET.get("skill", "")
    skill = Skill.objects.filter(key=key).first() if key else None
    text = request.GET.get("q", "").strip()
    closed = request.GET.get("status") == Opportunity.CLOSED
    for_me = request.GET.get("for") == "me" and not closed
    shown = access.visible_opportunities(request.user).filter(
        status=Opportunity.CLOSED if closed else Opportunity.OPEN
    )
    chosen = queries.filtered(shown, kind=kind, skill=skill, text=text)
    wanted = None
    if for_me:
        wanted = wanted_for(me)
        page = queries.matches_for(me, chosen, wanted=wanted, page=request.GET.get("page", 1))
    else:
        page = queries.list_page(chosen, page=request.GET.get("page", 1))
    return render(
        request,
        "opportunities/opportunity_list.html",
        {
            "page": page,
            "for_me": for_me,
            "wanted": wanted,
            "closed": closed,
            "filters": {"kind": kind, "skill": skill, "q": text},
            "filtered": bool(kind or skill or text),
            "kinds": Opportunity.KINDS,
            # The skill picker, written out in the template (a form widget costs far more).
            "skills": framework_queries.compiled().skills,
        },
    )


def detail_context(request, pk: int) -> dict:
    """What an opportunity's page shows of the opportunity itself (404 if not visible)."""
    me = _me(request)
    opportunity = access.opportunity_for(request.user, pk)
    return {
        "opportunity": opportunity,
        "skills": list(opportunity.skills.all()),
        "can_change": access.can_change_opportunity(request.user, opportunity),
        "me": me,
    }


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    me = _me(request)
    if request.method == "GET":
        form = OpportunityForm(initial={"contact": me.email})
        return render(request, "opportunities/opportunity_form.html", {"form": form})
    form = OpportunityForm(request.POST)
    if not form.is_valid():
        return render(request, "opportunities/opportunity_form.html", {"form": form}, status=400)
    opportunity = services.create_opportunity(actor=request.user, **form.service_fields())
    messages.success(request, f"Posted “{opportunity.title}”.")
    return redirect(opportunity)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    _me(request)
    opportunity = access.opportunity_for(request.user, pk, change=True)
    context = {"opportunity": opportunity}
    if request.method == "GET":
        form = EditForm(initial=EditForm.initial_for(opportunity))
        return render(request, "opportunities/opportunity_form.html", {**context, "form": form})
    form = EditForm(request.POST)
    if not form.is_valid():
        return render(
            request, "opportunities/opportunity_form.html", {**context, "form": form}, status=400
        )
    try:
        services.update_opportunity(
            opportunity,
            actor=request.user,
            version=form.cleaned_data["version"],
            **form.service_fields(),
        )
    except StaleEdit as stale:
        # Keep what was typed; the next save carries the version now stored.
        data = request.POST.copy()
        data["version"] = stale.current.version
        form = EditForm(data)
        form.is_valid()
        form.add_error(None, str(stale))
        return render(
            request, "opportunities/opportunity_form.html", {**context, "form": form}, status=409
        )
    messages.success(request, "Saved.")
    return redirect(opportunity)


@require_POST
@login_required
def close(request, pk: int):
    opportunity = access.opportunity_for(request.user, pk, change=True)
    services.close_opportunity(opportunity, actor=request.user)
    messages.success(request, "Closed: it takes nobody new. Plans that use it keep it.")
    return redirect(opportunity)


@require_POST
@login_required
def reopen(request, pk: int):
    opportunity = access.opportunity_for(request.user, pk, change=True)
    services.reopen_opportunity(opportunity, actor=request.user)
    messages.success(request, "Open again.")
    return redirect(opportunity)
