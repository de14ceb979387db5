"""Practice pages: the course, the scenario library, the practice page and its feedback, the
HR admins' counts, and rehearsing a real conversation."""

import yaml
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from careermap import access
from careermap.core.errors import Closed, StaleEdit
from careermap.htmx import htmx_partial

from . import lessons, queries, rehearsal, scenarios, services
from .feedback import STAGES
from .forms import QUESTIONS, TALK, CustomScenarioForm, LineForm, PairFeedbackForm, PairForm
from .models import CustomLesson, CustomScenario


def _me(request):
    """The practiser; a sign-in with no person has no practice ("not found", as for the
    career record)."""
    if not access.can_practise(request.user):
        raise Http404("No practice for this sign-in.")
    return access.person_of(request.user)


def _scenario(key: str):
    found = queries.available_scenarios().get(key)
    if found is None:
        raise Http404("No such scenario.")
    return found


@login_required
def practice_home(request):
    _me(request)
    context = {
        **queries.practice_home(request.user),
        "can_see_counts": access.can_see_practice_counts(request.user),
    }
    return render(request, "practice/practice_home.html", context)


@login_required
def lesson_detail(request, key: str):
    me = _me(request)
    lesson = queries.available_lessons().get(key)
    if lesson is None:
        raise Http404("No such lesson.")
    done = me.lessons_done.filter(lesson_key=key).exists()
    practise = queries.available_scenarios().get(lesson.practise or "")
    return render(
        request,
        "practice/lesson_detail.html",
        {
            "lesson": lesson,
            "done": done,
            "practise": practise,
            "can_adapt": access.can_change_scenarios(request.user),
            "is_custom": key not in lessons.library(),
        },
    )


@require_POST
@login_required
def lesson_done(request, key: str):
    _me(request)
    if key not in queries.available_lessons():
        raise Http404("No such lesson.")
    services.mark_lesson_done(actor=request.user, lesson_key=key)
    messages.success(request, "Marked as done.")
    return redirect("practice:lesson", key)


@login_required
def scenario_detail(request, key: str):
    _me(request)
    return render(
        request,
        "practice/scenario_detail.html",
        {
            "scenario": _scenario(key),
            "can_adapt": access.can_change_scenarios(request.user),
            "is_custom": key not in scenarios.library(),
        },
    )


@require_POST
@login_required
def start(request, key: str):
    _me(request)
    attempt = services.start_attempt(actor=request.user, scenario=_scenario(key))
    return redirect(attempt)


def _attempt_page(request, attempt, *, form=None, status=200, partial=False, notice=""):
    scenario = services.scenario_of(attempt)
    context = {
        "attempt": attempt,
        "scenario": scenario,
        "form": form or LineForm(),
        "line_limit": services.LINE_LIMIT,
        "notice": notice,
        **queries.practice_page(attempt, scenario),
    }
    page = "practice/attempt_detail.html"
    template = htmx_partial(request, page, "practice/_attempt_body.html") if partial else page
    return render(request, template, context, status=status)


@login_required
def attempt_detail(request, pk: int):
    return _attempt_page(request, access.attempt_for(request.user, pk))


@require_POST
@login_required
def say(request, pk: int):
    """The practiser's line; the persona answers. HTMX gets the practice area back with the
    answer in it; without script the form posts and the page reloads at the answer."""
    attempt = access.attempt_for(request.user, pk)
    form = LineForm(request.POST)
    if not form.is_valid():
        return _attempt_page(request, attempt, form=form, status=400, partial=True)
    try:
        reply = services.say(attempt, actor=request.user, text=form.cleaned_data["text"])
    except Closed as exc:
        # A tab left open on a finished attempt: say so, keep what was typed in the box.
        form.add_error("text", str(exc))
        attempt.refresh_from_db()
        return _attempt_page(request, attempt, form=form, status=409, partial=True)
    except (services.NothingSaid, services.TooLong) as exc:
        form.add_error("text", str(exc))
        return _attempt_page(request, attempt, form=form, status=400, partial=True)
    notice = FALLBACK_NOTICE if reply.fallback else ""
    if getattr(request, "htmx", None):
        return _attempt_page(request, attempt, partial=True, notice=notice)
    if notice:
        messages.warning(request, notice)
    return redirect(f"{attempt.get_absolute_url()}#latest")


FALLBACK_NOTICE = (
    "Your organisation's model server did not answer in time, so this reply is in "
    "Careermap's own words. What the persona revealed and your feedback are the same either way."
)


@require_POST
@login_required
def finish(request, pk: int):
    attempt = access.attempt_for(request.user, pk)
    try:
        services.finish(attempt, actor=request.user)
    except services.NothingSaid as exc:
        messages.error(request, str(exc))
        return redirect(attempt)
    return redirect("practice:feedback", attempt.pk)


@login_required
def feedback(request, pk: int):
    attempt = access.attempt_for(request.user, pk)
    if not attempt.finished:
        return redirect(attempt)
    return render(
        request,
        "practice/attempt_feedback.html",
        {"attempt": attempt, "scenario": services.scenario_of(attempt), "fb": attempt.feedback},
    )


@login_required
def insights(request):
    access.require(access.can_see_practice_counts(request.user))
    return render(
        request,
        "practice/practice_insights.html",
        {"teams": queries.practice_counts(), "minimum": access.PRACTICE_COUNT_MIN_TEAM},
    )


@login_required
@require_http_methods(["GET", "POST"])
def rehearse(request, pk: int):
    """Rehearse a scheduled conversation with a persona built from what the other person has
    shared (rehearsal.py): the brief first, then the practice page."""
    conversation = access.conversation_for(request.user, pk)
    if not access.can_rehearse(request.user, conversation):
        raise Http404("Only the host of a scheduled conversation rehearses it.")
    scenario = rehearsal.build(request.user, conversation)
    if request.method == "GET":
        return render(
            request,
            "practice/scenario_detail.html",
            {"scenario": scenario, "conversation": conversation},
        )
    attempt = services.start_attempt(
        actor=request.user, scenario=scenario, conversation=conversation
    )
    return redirect(attempt)


# Practice with a colleague --------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def pair_list(request):
    """My practice sessions with colleagues, and booking a new one."""
    me = _me(request)
    form = PairForm(request.POST or None, initial={"time": "10:00"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pair = services.book_pair(
                actor=request.user,
                partner=data["partner"],
                scenario=_scenario(data["scenario"]),
                starts_at=data["starts_at"],
                leader=data["leader"],
            )
        except ValueError as exc:
            form.add_error("partner", str(exc))
        else:
            messages.success(
                request,
                f"Booked with {data['partner'].name}. Send them the link to this page: "
                "it has the persona card for whoever plays the team member.",
            )
            return redirect(pair)
    pairs = access.visible_pairs(request.user).select_related("organiser", "partner")
    return render(
        request,
        "practice/pair_list.html",
        {"form": form, "pairs": list(pairs), "me": me},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def pair_detail(request, pk: int):
    """The session: the brief for the one who leads; the persona card, the checklist and the
    feedback form for the one who plays the team member; the feedback for both once given."""
    pair = access.pair_for(request.user, pk)
    plays = access.plays_persona(request.user, pair)
    scenario = queries.available_scenarios().get(pair.scenario_key)
    if scenario is None:
        raise Http404("This session's scenario is no longer in the library.")
    form = None
    if plays:
        initial = {
            **(pair.feedback or {}),
            "checklist": [k for k, v in pair.checklist.items() if v],
        }
        for n, s in enumerate((pair.feedback or {}).get("suggestions", []), 1):
            initial |= {f"said_{n}": s["quote"], f"better_{n}": s["better"]}
        form = PairFeedbackForm(request.POST or None, scenario=scenario, initial=initial)
    if request.method == "POST":
        if not plays:
            raise Http404("The one who plays the team member writes the feedback.")
        if form.is_valid():
            services.save_pair_feedback(
                pair,
                actor=request.user,
                checklist={k: True for k in form.cleaned_data["checklist"]},
                feedback=form.feedback(),
            )
            messages.success(request, f"Feedback saved. {pair.lead.name} sees it on this page.")
            return redirect(pair)
    facts = {f.key: f for f in scenario.facts}
    given = pair.feedback or {}
    return render(
        request,
        "practice/pair_detail.html",
        {
            "pair": pair,
            "scenario": scenario,
            "plays": plays,
            "form": form,
            "needs": scenarios.NEEDS,
            "checklist": [
                (text, pair.checklist.get(key)) for key, text in services.CHECKLIST.items()
            ],
            "found": [facts[k] for k in given.get("facts", []) if k in facts],
            "missed": [f for f in scenario.facts if f.key not in given.get("facts", [])],
            "topics_covered": [scenarios.TOPIC_NAMES[t] for t in given.get("topics", [])],
            "questions_said": dict(QUESTIONS).get(given.get("questions", ""), ""),
            "talk_said": dict(TALK).get(given.get("talk", ""), ""),
            "grow_reached": [STAGES[s] for s in given.get("grow", []) if s in STAGES],
        },
        status=400 if form is not None and form.is_bound else 200,
    )


# The organisation's own scenarios -------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def scenario_adapt(request, key: str):
    """HR admins copy a scenario (or edit their copy) and adapt it to the organisation."""
    access.require(access.can_change_scenarios(request.user))
    base = _scenario(key)
    custom = CustomScenario.objects.filter(key=key).first()
    taken = queries.available_scenarios()
    if request.method == "GET":
        if custom:
            initial = {"key": custom.key, "source": custom.source, "version": custom.version}
        else:
            ours = f"{key}-ours"
            title = f"{base.title} (our version)"
            initial = {"key": ours, "source": scenarios.to_yaml(base, key=ours, title=title)}
        form = CustomScenarioForm(initial=initial, editing=custom, taken=taken)
        context = {"form": form, "scenario": base, "custom": custom}
        return render(request, "practice/scenario_form.html", context)
    form = CustomScenarioForm(
        request.POST,
        editing=custom,
        taken=taken,
        initial={"key": custom.key} if custom else None,
    )
    conflict = None
    if form.is_valid():
        target = custom or CustomScenario(key=form.cleaned_data["key"], based_on=key)
        try:
            saved = services.save_custom_scenario(
                target,
                actor=request.user,
                source=form.cleaned_data["source"],
                version=form.cleaned_data["version"],
            )
        except yaml.YAMLError as exc:
            form.add_error("source", f"This is not valid YAML: {exc}")
        except scenarios.ScenarioError as exc:
            for problem in exc.problems:
                form.add_error("source", problem)
        except StaleEdit as exc:
            conflict = exc.current
        else:
            messages.success(request, "Saved. Everyone can practise it now.")
            return redirect("practice:scenario", saved.key)
    return render(
        request,
        "practice/scenario_form.html",
        {"form": form, "scenario": base, "custom": custom, "conflict": conflict},
        status=409 if conflict else 400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def lesson_adapt(request, key: str):
    """HR admins copy a lesson (or edit their copy) and adapt it to the organisation."""
    access.require(access.can_change_scenarios(request.user))
    taken = queries.available_lessons()
    base = taken.get(key)
    if base is None:
        raise Http404("No such lesson.")
    custom = CustomLesson.objects.filter(key=key).first()
    label = "Lesson (Markdown with front matter)"
    if request.method == "GET":
        if custom:
            initial = {"key": custom.key, "source": custom.source, "version": custom.version}
        else:
            ours = f"{key}-ours"
            initial = {"key": ours, "source": _lesson_copy(base, ours)}
        form = CustomScenarioForm(initial=initial, editing=custom, taken=taken, source_label=label)
        return render(
            request, "practice/lesson_form.html", {"form": form, "lesson": base, "custom": custom}
        )
    form = CustomScenarioForm(
        request.POST,
        editing=custom,
        taken=taken,
        source_label=label,
        initial={"key": custom.key} if custom else None,
    )
    conflict = None
    if form.is_valid():
        target = custom or CustomLesson(key=form.cleaned_data["key"], based_on=key)
        try:
            saved = services.save_custom_lesson(
                target,
                actor=request.user,
                source=form.cleaned_data["source"],
                version=form.cleaned_data["version"],
            )
        except lessons.LessonError as exc:
            for problem in exc.problems:
                form.add_error("source", problem)
        except StaleEdit as exc:
            conflict = exc.current
        else:
            messages.success(request, "Saved. It is part of the course now.")
            return redirect("practice:lesson", saved.key)
    return render(
        request,
        "practice/lesson_form.html",
        {"form": form, "lesson": base, "custom": custom, "conflict": conflict},
        status=409 if conflict else 400,
    )


def _lesson_copy(lesson, key: str) -> str:
    """The lesson's Markdown under a new key and title: the start of an adaptation."""
    found = lessons.FRONT_MATTER.match(lesson.source)
    meta = yaml.safe_load(found["yaml"])
    meta |= {"key": key, "title": f"{lesson.title} (our version)"}
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{front}---\n{found['body']}"
