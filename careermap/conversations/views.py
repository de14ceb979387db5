import base64
import binascii
import datetime as dt
import json

import yaml
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from careermap import access
from careermap.audit import services as audit
from careermap.core.errors import Closed, StaleEdit
from careermap.live.responses import EventStream

from . import calendar, playbooks, queries, services
from .forms import (
    AgendaForm,
    CloseForm,
    CustomPlaybookForm,
    NextStepForm,
    RescheduleForm,
    ScheduleForm,
)
from .models import Conversation, CustomPlaybook


def _playbook(key: str) -> playbooks.Playbook:
    found = playbooks.available().get(key)
    if found is None:
        raise Http404("No such playbook.")
    return found


@login_required
def playbook_list(request):
    access.require(access.can_see_framework(request.user))
    return render(
        request,
        "conversations/playbook_list.html",
        {"playbooks": list(playbooks.available().values())},
    )


@login_required
def playbook_detail(request, key: str):
    access.require(access.can_see_framework(request.user))
    return render(
        request,
        "conversations/playbook_detail.html",
        {
            "playbook": _playbook(key),
            "can_adapt": access.can_change_playbooks(request.user),
            "is_custom": key not in playbooks.library(),
        },
    )


@login_required
def playbook_guide(request, key: str):
    """The playbook as a printable guide: template, tips and questions to ask."""
    access.require(access.can_see_framework(request.user))
    return render(request, "conversations/playbook_guide.html", {"playbook": _playbook(key)})


@login_required
def conversation_list(request):
    me = access.person_of(request.user)
    if me is None:
        return render(request, "people/person_missing.html")
    filters = {
        "playbook": request.GET.get("playbook", ""),
        "since": _date(request.GET.get("since")),
        "until": _date(request.GET.get("until")),
    }
    context = {
        **queries.my_conversations(request.user, **filters),
        "filters": filters,
        "playbooks": playbooks.available().values(),
        "me": me,
    }
    return render(request, "conversations/conversation_list.html", context)


def _date(value):
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def schedule(request):
    me = access.person_of(request.user)
    if me is None:
        raise Http404
    if request.method == "GET":
        initial = {
            "playbook": request.GET.get("playbook", "career-aspirations"),
            "duration_minutes": 45,
            "date": (timezone.localdate() + dt.timedelta(days=7)).isoformat(),
            "time": "10:00",
        }
        other = request.GET.get("with")
        if other and other.isdigit():
            found = access.visible_people(request.user).filter(pk=other).first()
            initial["other"] = found.email if found else ""
        return render(
            request, "conversations/conversation_form.html", {"form": ScheduleForm(initial=initial)}
        )
    form = ScheduleForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        playbook = _playbook(data["playbook"])
        if not access.can_schedule_with(
            request.user, data["other"], peer=playbook.led_by == "peers"
        ):
            form.add_error(
                "other",
                "You can hold this conversation with your reports or your "
                "manager; choose the peer playbook for a colleague.",
            )
        else:
            conversation = services.schedule(
                actor=request.user,
                playbook=playbook,
                other=data["other"],
                starts_at=data["starts_at"],
                duration_minutes=data["duration_minutes"],
                place=data["place"],
                video_link=data["video_link"],
            )
            messages.success(
                request,
                f"Scheduled. You and {data['other'].name} have been sent the calendar invite.",
            )
            return redirect(conversation)
    return render(request, "conversations/conversation_form.html", {"form": form}, status=400)


@login_required
def detail(request, pk: int):
    return _session_page(request, access.conversation_for(request.user, pk))


def _session_page(
    request, conversation, *, close_form=None, agenda_form=None, step_form=None, status=200
):
    """The conversation page; a refused close-out shows it again with its form's errors."""
    me = access.person_of(request.user)
    starts = timezone.localtime(conversation.starts_at)
    playbook = playbooks.parse(conversation.playbook_data, conversation.playbook_key)
    shown = queries.session(request.user, conversation)
    empty = {"text": "", "state": ""}
    context = {
        "conversation": conversation,
        "playbook": playbook,
        # Each section's questions with the shared document written under each.
        "held": [
            (
                section,
                [
                    (q, f"answer-{q.key}", shown["documents"].get(f"answer-{q.key}", empty))
                    for q in section.questions
                ],
            )
            for section in playbook.sections
        ],
        "me": me,
        "other": conversation.other(me),
        "is_open": conversation.status == Conversation.SCHEDULED,
        "writes_reflection": access.writes_reflection(request.user, conversation),
        "can_rehearse": access.can_rehearse(request.user, conversation),
        "agenda_form": agenda_form,
        "step_form": step_form,
        "note_limit": services.NOTE_LIMIT,
        "note_limit_shown": f"{services.NOTE_LIMIT:,}",
        "answer_limit": services.ANSWER_LIMIT,
        "answer_limit_shown": f"{services.ANSWER_LIMIT:,}",
        **shown,
        "close_form": close_form
        or CloseForm(
            initial={
                "version": conversation.version,
                "follow_up_on": timezone.localdate() + dt.timedelta(days=30),
            }
        ),
        "reschedule_form": RescheduleForm(
            initial={
                "date": starts.date().isoformat(),
                "time": starts.strftime("%H:%M"),
                "duration_minutes": conversation.duration_minutes,
                "place": conversation.place,
                "video_link": conversation.video_link,
                "version": conversation.version,
            }
        ),
    }
    if context["playbook"].reflection and context["their_reflection"]:
        # The page shows the other participant's shared reflection: they may see that I read it.
        audit.record_view(
            viewer=me, subject=context["other"], what="reflection", detail=conversation.title
        )
    return render(request, "conversations/conversation_detail.html", context, status=status)


@login_required
def invite(request, pk: int):
    conversation = access.conversation_for(request.user, pk)
    body = calendar.invite(
        conversation, url=request.build_absolute_uri(conversation.get_absolute_url())
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="career-conversation.ics"'
    return response


@require_POST
@login_required
def reschedule(request, pk: int):
    conversation = access.conversation_for(request.user, pk)
    form = RescheduleForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.reschedule(
                conversation,
                actor=request.user,
                version=d["version"],
                starts_at=d["starts_at"],
                duration_minutes=d["duration_minutes"],
                place=d["place"],
                video_link=d["video_link"],
            )
        except StaleEdit:
            messages.error(
                request,
                "It was changed by the other person meanwhile; check the new time and try again.",
            )
        except Closed as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Moved. The calendar invite has been updated.")
    else:
        messages.error(
            request, "Not moved: " + " ".join(e for errors in form.errors.values() for e in errors)
        )
    return redirect(conversation)


@require_POST
@login_required
def cancel(request, pk: int):
    conversation = access.conversation_for(request.user, pk)
    try:
        services.cancel(conversation, actor=request.user)
    except Closed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Cancelled. Both calendars have been told.")
    return redirect(conversation)


@require_POST
@login_required
def add_agenda(request, pk: int):
    conversation = access.conversation_for(request.user, pk)
    form = AgendaForm(request.POST)
    if form.is_valid():
        try:
            services.add_agenda_item(
                conversation, actor=request.user, text=form.cleaned_data["text"]
            )
        except Closed as exc:
            # The forms are gone from a closed conversation's page: say it above, with the
            # words that were not added, so nothing typed disappears unseen.
            text = form.cleaned_data["text"]
            messages.error(request, f"Not added to the agenda: “{text}”. {exc}")
            return _session_page(request, conversation, status=409)
        return redirect(f"{conversation.get_absolute_url()}#agenda")
    # Refused: the page again, with the topic as typed and why next to it.
    return _session_page(request, conversation, agenda_form=form, status=400)


@require_POST
@login_required
def save_reflection(request, pk: int):
    """Autosave of my reflection, and sharing it; answers JSON the page's script understands."""
    conversation = access.conversation_for(request.user, pk)
    if not access.writes_reflection(request.user, conversation):
        raise Http404("No reflection of yours in this conversation.")
    questions = services.reflection_questions(conversation)
    try:
        reflection = services.save_reflection(
            conversation,
            actor=request.user,
            answers={key: request.POST.get(f"answer-{key}", "") for key in questions},
            version=int(request.POST.get("version", 0)),
            share=request.POST.get("share") == "1",
        )
    except StaleEdit as exc:
        return JsonResponse(
            {"error": "stale", "version": exc.current.version, "answers": exc.current.answers},
            status=409,
        )
    except Closed as exc:
        return JsonResponse({"error": "closed", "message": str(exc)}, status=409)
    except services.TooLong as exc:
        return JsonResponse(
            {"error": "too_long", "field": f"answer-{exc.field}", "message": str(exc)},
            status=400,
        )
    except ValueError:
        return JsonResponse({"error": "bad request", "message": "Not saved: bad request."}, 400)
    return JsonResponse({"version": reflection.version, "shared": bool(reflection.shared_at)})


MAX_DOCUMENTS_PER_SYNC = 100


@require_POST
@login_required
def sync_notes(request, pk: int):
    """Keep a page's copies of the conversation's notes and the server's in step: merge what
    the page sends for each document, answer what it lacks (docs/conversations.md).

    Body: {"documents": {name: {"update": base64, "state_vector": base64}}}. Each document
    is merged on its own, so one refused (too long) never holds back the others.
    """
    conversation = access.conversation_for(request.user, pk)
    try:
        wanted = json.loads(request.body)["documents"]
        if not isinstance(wanted, dict) or len(wanted) > MAX_DOCUMENTS_PER_SYNC:
            raise ValueError
    except (ValueError, KeyError, TypeError):
        return JsonResponse(
            {"error": "bad request", "message": "This change could not be read."}, status=400
        )
    answers = {}
    for name, body in wanted.items():
        answers[str(name)] = _sync_one(request, conversation, str(name), body)
    return JsonResponse({"documents": answers})


def _sync_one(request, conversation, name: str, body) -> dict:
    try:
        synced = services.sync_note(
            conversation,
            actor=request.user,
            document=name,
            update=base64.b64decode(body.get("update", ""), validate=True),
            state_vector=base64.b64decode(body.get("state_vector", ""), validate=True),
        )
    except Closed as exc:
        return {"error": "closed", "message": str(exc)}
    except services.TooLong as exc:
        return {"error": "too_long", "message": str(exc)}
    except (ValueError, TypeError, AttributeError, binascii.Error):
        return {"error": "bad request", "message": "This change could not be read."}
    return {
        "update": base64.b64encode(synced.update).decode(),
        "state_vector": base64.b64encode(synced.state_vector).decode(),
    }


@login_required
def live(request, pk: int):
    """The page's stream of live updates (server-sent events): the other person's edits, and
    agenda, next steps, sharing and closing as they happen."""
    conversation = access.conversation_for(request.user, pk)
    return EventStream(access.live_channels(request.user, conversation))


@require_POST
@login_required
def add_step(request, pk: int):
    conversation = access.conversation_for(request.user, pk)
    form = NextStepForm(request.POST, conversation=conversation)
    if form.is_valid():
        try:
            services.add_next_step(conversation, actor=request.user, **form.cleaned_data)
        except Closed as exc:
            what = form.cleaned_data["what"]
            messages.error(request, f"The next step “{what}” was not added. {exc}")
            return _session_page(request, conversation, status=409)
        return redirect(f"{conversation.get_absolute_url()}#next-steps")
    return _session_page(request, conversation, step_form=form, status=400)


@require_POST
@login_required
def remove_step(request, pk: int, step_pk: int):
    conversation = access.conversation_for(request.user, pk)
    try:
        services.remove_next_step(
            get_object_or_404(conversation.next_steps, pk=step_pk), actor=request.user
        )
    except Closed as exc:
        messages.error(request, f"The next step was not removed. {exc}")
    return redirect(f"{conversation.get_absolute_url()}#next-steps")


@require_POST
@login_required
def close(request, pk: int):
    conversation = access.conversation_for(request.user, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.close(
                conversation,
                actor=request.user,
                version=d["version"],
                summary=d["summary"],
                follow_up_on=d["follow_up_on"],
                write_up_wanted=d["write_up_wanted"],
            )
        except StaleEdit:
            messages.error(request, "The conversation changed meanwhile; check and close again.")
        except Closed as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                "Closed. The write-up is ready, and the follow-up check-in "
                f"is in both calendars for {d['follow_up_on']:%-d %B %Y}.",
            )
            return redirect("conversations:write_up", conversation.pk)
    return _session_page(request, conversation, close_form=form, status=400)


@login_required
def write_up(request, pk: int):
    """The shared content only: summary, agenda, shared notes, shared reflections, next steps."""
    conversation = access.conversation_for(request.user, pk)
    me = access.person_of(request.user)
    context = {"conversation": conversation, **queries.write_up(request.user, conversation)}
    for author, answers in context["reflections"]:
        if answers:  # the write-up shows a shared reflection: logged as on the page itself
            audit.record_view(
                viewer=me,
                subject=author,
                what="reflection",
                detail=f"{conversation.title} write-up",
            )
    if request.GET.get("format") == "pdf":
        from weasyprint import HTML  # imported here: it loads Pango, which pages never need

        html = render(request, "conversations/write_up_pdf.html", context).content.decode()
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="career-conversation.pdf"'
        return response
    if request.GET.get("format") == "md":
        text = render(request, "conversations/write_up.md", context).content
        response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="career-conversation.md"'
        return response
    return render(request, "conversations/write_up.html", {**context, "me": me})


@login_required
@require_http_methods(["GET", "POST"])
def playbook_adapt(request, key: str):
    """HR admins copy a playbook (or edit their copy) and adapt it to the organisation."""
    access.require(access.can_change_playbooks(request.user))
    source_playbook = _playbook(key)
    custom = CustomPlaybook.objects.filter(key=key).first()
    if request.method == "GET":
        if custom:
            initial = {"key": custom.key, "source": custom.source, "version": custom.version}
        else:
            initial = {
                "key": f"{key}-ours",
                "source": playbooks.to_yaml(
                    source_playbook, key=f"{key}-ours", name=f"{source_playbook.name} (our version)"
                ),
            }
        form = CustomPlaybookForm(initial=initial, editing=custom)
        return render(
            request,
            "conversations/playbook_form.html",
            {"form": form, "playbook": source_playbook, "custom": custom},
        )
    form = CustomPlaybookForm(
        request.POST, editing=custom, initial={"key": custom.key} if custom else None
    )
    conflict = None
    if form.is_valid():
        target = custom or CustomPlaybook(key=form.cleaned_data["key"], based_on=key)
        try:
            saved = services.save_custom_playbook(
                target,
                actor=request.user,
                source=form.cleaned_data["source"],
                version=form.cleaned_data["version"],
            )
        except yaml.YAMLError as exc:
            form.add_error("source", f"This is not valid YAML: {exc}")
        except playbooks.PlaybookError as exc:
            for problem in exc.problems:
                form.add_error("source", problem)
        except StaleEdit as exc:
            conflict = exc.current
        else:
            messages.success(
                request,
                "Saved. New conversations can use it; earlier ones keep "
                "the version they were held with.",
            )
            return redirect("conversations:playbook", saved.key)
    return render(
        request,
        "conversations/playbook_form.html",
        {"form": form, "playbook": source_playbook, "custom": custom, "conflict": conflict},
        status=409 if conflict else 400,
    )
