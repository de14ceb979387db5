from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from careermap import access

from . import queries, services
from .forms import ReminderSettingsForm


def _me(request):
    me = access.person_of(request.user)
    if me is None:
        raise Http404("No reminders for this sign-in.")
    return me


@login_required
def reminder_list(request):
    me = access.person_of(request.user)
    if me is None:
        return render(request, "people/person_missing.html")
    initial = {"email_frequency": queries.settings_for(me).email_frequency}
    return _page(request, ReminderSettingsForm(initial=initial))


def _page(request, form, status=200):
    unread, earlier = queries.page(access.visible_reminders(request.user))
    context = {"unread": unread, "earlier": earlier, "form": form}
    return render(request, "reminders/reminder_list.html", context, status=status)


@require_POST
@login_required
def save_settings(request):
    me = _me(request)
    form = ReminderSettingsForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    saved = services.save_settings(me, **form.cleaned_data)
    messages.success(request, f"Saved. E-mail: {saved.get_email_frequency_display().lower()}.")
    return redirect("reminders:list")


@require_POST
@login_required
def mark_read(request, pk: int):
    mine = access.visible_reminders(request.user).filter(pk=pk)
    if not mine.exists():
        raise Http404("No such reminder.")
    services.mark_read(mine)
    return redirect("reminders:list")


@require_POST
@login_required
def mark_all_read(request):
    services.mark_read(access.visible_reminders(request.user))
    return redirect("reminders:list")
