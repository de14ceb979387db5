"""Pages composed above the apps: each gathers several apps' parts through those apps' own
queries, so that no app reaches up into another (tests/core/test_layers.py).

careermap/urls.py files each among the pages it belongs with: the Me page among people's, the
opportunities list and an opportunity's page among the opportunities'.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.shortcuts import render

from careermap import access
from careermap.conversations.queries import coming_up
from careermap.opportunities import views as opportunity_views
from careermap.people import views as people_views

from . import matching


def too_many_requests(request, exception=None):
    # With Redis away the limits cannot count, so they refuse: say so rather than blame the person.
    counter = caches[settings.RATELIMIT_USE_CACHE]
    if getattr(counter, "unreachable", False):
        return render(request, "503_busy.html", status=503)
    return render(request, "429.html", status=429)


@login_required
def me(request):
    """The signed-in person's own page: their profile, with their conversations coming up."""
    person = access.person_of(request.user)
    if person is None:
        return render(request, "people/person_missing.html")
    context = people_views.person_context(request, person)
    context["conversations"] = coming_up(request.user)
    return render(request, "core/me.html", context)


@login_required
def opportunity_list(request):
    """The opportunities on offer; "For me" ranks them by what the person's plan wants."""
    return opportunity_views.opportunity_list(request, wanted_for=matching.wanted_for)


@login_required
def opportunity_detail(request, pk: int):
    """An opportunity, with which of the viewer's plan objectives it could serve."""
    context = opportunity_views.detail_context(request, pk)
    opportunity, me = context["opportunity"], context["me"]
    served = matching.objectives_served(opportunity, me) if opportunity.is_open else []
    context["served"] = served
    context["has_plan"] = bool(served) or matching.has_active_plan(me)
    return render(request, "core/opportunity_detail.html", context)
