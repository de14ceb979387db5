from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from careermap import access

from . import queries


@login_required
def access_log(request):
    """Who has seen or changed my information: the signed-in person's own log, nobody else's."""
    me = access.person_of(request.user)
    if me is None or not access.can_see_access_log(request.user, me):
        raise Http404
    page = queries.events_for(me, request.GET.get("page", 1))
    return render(request, "audit/access_log.html", {"page": page, "person": me})
