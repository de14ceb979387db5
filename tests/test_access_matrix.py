"""Who can open which page, for every role. The rules themselves live in careermap/access.py.

404 where a "no" would reveal that a person exists; 403 for pages that are no secret but are
not for this role; a redirect to sign in for anonymous visitors. Every redirect is checked for
where it leads, and every refused request for leaving the database and the outbox as they were.
"""

import base64
import datetime as dt
import json
from io import BytesIO
from urllib.parse import quote

import pytest
from django.apps import apps
from django.core import mail
from django.urls import resolve, reverse
from django.utils import timezone
from pypdf import PdfReader

from careermap.conversations import playbooks
from careermap.conversations import services as conversation_services
from careermap.frameworks.models import Role
from careermap.opportunities import services as opportunity_services
from careermap.plans import services as plan_services
from careermap.plans.models import Plan

ROLES = ["anonymous", "report", "peer", "manager", "director", "hr", "stranger", "sysadmin"]

# page -> expected status per role, in ROLES order
MATRIX = {
    # Home: everyone signed in has one (a sign-in with no person is told it has no person).
    "home": [302, 200, 200, 200, 200, 200, 200, 200],
    "me": [302, 200, 200, 200, 200, 200, 200, 200],
    "team": [302, 200, 200, 200, 200, 200, 200, 200],
    "directory": [302, 403, 403, 403, 403, 200, 403, 403],
    "import": [302, 403, 403, 403, 403, 200, 403, 403],
    "report_detail": [302, 200, 404, 200, 200, 200, 404, 404],
    "manager_detail": [302, 404, 404, 200, 200, 200, 404, 404],
    "director_detail": [302, 404, 404, 404, 200, 200, 404, 404],
    "report_edit": [302, 404, 404, 404, 404, 200, 404, 404],
    "report_edit_post": [302, 404, 404, 404, 404, 302, 404, 404],
    # Erasing a person's data: HR admins alone; the list of erasures is theirs too.
    "report_erase": [302, 404, 404, 404, 404, 200, 404, 404],
    "report_erase_post": [302, 404, 404, 404, 404, 302, 404, 404],
    "erasures": [302, 403, 403, 403, 403, 200, 403, 403],
    # The admin site is for system administrators; everyone else is sent to its sign-in.
    "admin": [302, 302, 302, 302, 302, 302, 302, 200],
    # The career framework is everyone's shared map; only HR changes it.
    "framework": [302, 200, 200, 200, 200, 200, 200, 200],
    "framework_role": [302, 200, 200, 200, 200, 200, 200, 200],
    "framework_import": [302, 403, 403, 403, 403, 200, 403, 403],
    "framework_export": [302, 403, 403, 403, 403, 200, 403, 403],
    "framework_edit_role": [302, 403, 403, 403, 403, 200, 403, 403],
    "bench": [302, 403, 403, 403, 403, 200, 403, 403],
    # A person's career pages follow who may see the person.
    "report_career": [302, 200, 404, 200, 200, 200, 404, 404],
    "report_skills": [302, 200, 404, 200, 200, 200, 404, 404],
    "report_map": [302, 200, 404, 200, 200, 200, 404, 404],
    # Ratings: the person writes their own column, the direct manager writes theirs.
    "report_rate_self": [302, 302, 404, 404, 404, 404, 404, 404],
    "report_rate_manager": [302, 404, 404, 302, 404, 404, 404, 404],
    # Targets: the person and their direct manager.
    "report_add_target": [302, 302, 404, 302, 404, 404, 404, 404],
    # The current role: HR admins and the direct manager.
    "report_set_role": [302, 404, 404, 302, 404, 302, 404, 404],
    # A conversation between the manager and the report belongs to the two of them alone.
    "conversation": [302, 200, 404, 200, 404, 404, 404, 404],
    "conversation_invite": [302, 200, 404, 200, 404, 404, 404, 404],
    "conversation_write_up": [302, 200, 404, 200, 404, 404, 404, 404],
    "conversation_live": [302, 200, 404, 200, 404, 404, 404, 404],
    "conversation_sync_notes": [302, 200, 404, 200, 404, 404, 404, 404],
    # The reflection is the team member's to write (each peer's in a peer conversation).
    "conversation_reflection": [302, 200, 404, 404, 404, 404, 404, 404],
    "conversation_add_agenda": [302, 302, 404, 302, 404, 404, 404, 404],
    "conversations": [302, 200, 200, 200, 200, 200, 200, 200],
    "playbooks": [302, 200, 200, 200, 200, 200, 200, 200],
    "playbook_adapt": [302, 403, 403, 403, 403, 200, 403, 403],
    # A plan: the person and their managers edit, HR admins read, nobody else sees it.
    "report_plan": [302, 200, 404, 200, 200, 200, 404, 404],
    "report_plan_write_up": [302, 200, 404, 200, 200, 200, 404, 404],
    "report_plan_add_objective": [302, 302, 404, 302, 302, 404, 404, 404],
    "report_plan_history": [302, 200, 404, 200, 200, 200, 404, 404],
    "report_plan_check_in": [302, 200, 404, 200, 200, 404, 404, 404],
    "report_plan_step_status": [302, 302, 404, 302, 302, 404, 404, 404],
    # Everyone with a person sees their own reports' summary (often nobody).
    "team_glance": [302, 200, 200, 200, 200, 200, 200, 404],
    # The career record is only ever the viewer's own.
    "my_record": [302, 200, 200, 200, 200, 200, 200, 404],
    # So is the access log: there is no address for anyone else's, HR admins' included.
    "my_access_log": [302, 200, 200, 200, 200, 200, 200, 404],
    # Reminders are their recipient's alone (a sign-in with no person is told it has none).
    "my_reminders": [302, 200, 200, 200, 200, 200, 200, 200],
    # Opportunities are everyone's shared offer; a sign-in with no person has no place in it.
    "opportunities": [302, 200, 200, 200, 200, 200, 200, 404],
    "opportunity": [302, 200, 200, 200, 200, 200, 200, 404],
    "opportunity_new": [302, 200, 200, 200, 200, 200, 200, 404],
    # Someone else's (the manager posted it): its poster and HR admins edit and close it.
    "opportunity_edit": [302, 404, 404, 200, 404, 200, 404, 404],
    "opportunity_close": [302, 404, 404, 302, 404, 302, 404, 404],
    # A closed one is seen by its editors only.
    "opportunity_closed": [302, 404, 404, 200, 404, 200, 404, 404],
    # Linking one to an objective is editing the plan.
    "report_plan_link_opportunity": [302, 200, 404, 200, 200, 404, 404, 404],
    # Practice: everyone with a person practises (a sign-in with none has nothing to keep).
    "practice": [302, 200, 200, 200, 200, 200, 200, 404],
    "practice_lesson": [302, 200, 200, 200, 200, 200, 200, 404],
    "practice_lesson_done": [302, 302, 302, 302, 302, 302, 302, 404],
    "practice_scenario": [302, 200, 200, 200, 200, 200, 200, 404],
    "practice_start": [302, 302, 302, 302, 302, 302, 302, 404],
    # HR admins copy and adapt scenarios, as they do playbooks.
    "practice_scenario_adapt": [302, 403, 403, 403, 403, 200, 403, 403],
    "practice_lesson_adapt": [302, 403, 403, 403, 403, 200, 403, 403],
    # An attempt (the manager's here) is its practiser's alone: not their manager's, not HR's.
    "practice_attempt": [302, 404, 404, 200, 404, 404, 404, 404],
    "practice_attempt_say": [302, 404, 404, 302, 404, 404, 404, 404],
    "practice_attempt_finish": [302, 404, 404, 302, 404, 404, 404, 404],
    "practice_attempt_feedback": [302, 404, 404, 200, 404, 404, 404, 404],
    # HR admins see counts per team, and nothing else of anyone's practice.
    "practice_insights": [302, 403, 403, 403, 403, 200, 403, 403],
    # Practice with a colleague (the manager leads, the director plays the team member): the
    # two of them alone; the feedback is written by the one who plays.
    "practice_pairs": [302, 200, 200, 200, 200, 200, 200, 404],
    "practice_pair": [302, 404, 404, 200, 200, 404, 404, 404],
    "practice_pair_feedback": [302, 404, 404, 404, 302, 404, 404, 404],
    # The organisation's figures: HR admins alone, a plain 403 for everyone else.
    "insights": [302, 403, 403, 403, 403, 200, 403, 403],
    "insights_csv": [302, 403, 403, 403, 403, 200, 403, 403],
    # Rehearsing a scheduled conversation: its host (the manager) alone.
    "conversation_rehearse": [302, 404, 404, 200, 404, 404, 404, 404],
    "conversation_rehearse_post": [302, 404, 404, 302, 404, 404, 404, 404],
}
SIMPLE_PAGES = {
    "home": "home",
    "me": "people:me",
    "team": "people:team",
    "directory": "people:directory",
    "import": "people:import",
    "erasures": "people:erasures",
    "admin": "admin:index",
    "framework": "frameworks:overview",
    "framework_import": "frameworks:import",
    "framework_export": "frameworks:export",
    "conversations": "conversations:list",
    "playbooks": "conversations:playbooks",
    "team_glance": "plans:team",
    "my_record": "plans:record",
    "my_access_log": "audit:log",
    "my_reminders": "reminders:list",
    "opportunities": "opportunities:list",
    "opportunity_new": "opportunities:create",
    "practice": "practice:home",
    "practice_insights": "practice:insights",
    "insights": "insights:page",
}
OPPORTUNITY_PAGES = {
    "opportunity": ("opportunities:detail", "get"),
    "opportunity_edit": ("opportunities:edit", "get"),
    "opportunity_close": ("opportunities:close", "post"),
}
PLAYBOOK_PAGES = {"playbook_adapt": "conversations:adapt"}
CONVERSATION_PAGES = {
    "conversation": ("conversations:detail", []),
    "conversation_invite": ("conversations:invite", []),
    "conversation_write_up": ("conversations:write_up", []),
    "conversation_live": ("conversations:live", []),
}
ROLE_PAGES = {
    "framework_role": "frameworks:role",
    "framework_edit_role": "frameworks:edit_role",
    "bench": "frameworks:bench",
}
REPORT_PAGES = {
    "report_plan": "plans:plan",
    "report_career": "frameworks:career",
    "report_skills": "frameworks:skills",
    "report_map": "frameworks:map",
}
CASES = [(page, role, codes[i]) for page, codes in MATRIX.items() for i, role in enumerate(ROLES)]


@pytest.fixture
def cast(report, peer, manager, director, hr, stranger, sysadmin, framework):
    return {
        "report": report.user,
        "peer": peer.user,
        "manager": manager.user,
        "director": director.user,
        "hr": hr.user,
        "stranger": stranger.user,
        "sysadmin": sysadmin,
        "people": {"report": report, "manager": manager, "director": director},
        "opportunity": opportunity_services.create_opportunity(
            actor=manager.user, kind="stretch", title="Lead the review", description="D"
        ),
        "conversation": conversation_services.schedule(
            actor=manager.user,
            playbook=playbooks.library()["career-aspirations"],
            other=report,
            starts_at=timezone.now() + dt.timedelta(days=3),
            duration_minutes=45,
            place="Room 2",
        ),
    }


def _prepare(page, cast):
    """What a page needs in the database, then the request to make: (method, url, data)."""
    people = cast["people"]
    if page in SIMPLE_PAGES:
        return "get", reverse(SIMPLE_PAGES[page]), None
    if page.startswith("practice_"):
        return _prepare_practice(page, cast)
    if page.startswith("conversation_rehearse"):
        url = reverse("practice:rehearse", args=[cast["conversation"].pk])
        return ("post" if page.endswith("_post") else "get"), url, None
    if page == "insights_csv":
        from careermap.insights import services as insights

        insights.refresh()
        return "get", reverse("insights:export", args=["teams"]), None
    if page in PLAYBOOK_PAGES:
        return "get", reverse(PLAYBOOK_PAGES[page], args=["career-aspirations"]), None
    if page in ROLE_PAGES:
        return "get", reverse(ROLE_PAGES[page], args=["engineering-l3"]), None
    if page in OPPORTUNITY_PAGES:
        name, method = OPPORTUNITY_PAGES[page]
        return method, reverse(name, args=[cast["opportunity"].pk]), None
    if page == "opportunity_closed":
        opportunity_services.close_opportunity(cast["opportunity"], actor=None)
        return "get", reverse("opportunities:detail", args=[cast["opportunity"].pk]), None
    report = people["report"]
    if page == "report_plan_link_opportunity":
        plan = Plan.objects.filter(person=report).first() or plan_services.start_plan(
            report, actor=None, goal="Lead a team"
        )
        objective = plan_services.add_objective(plan, actor=None, title="O")
        return "get", reverse("plans:link_opportunity", args=[report.pk, objective.pk]), None
    if page in CONVERSATION_PAGES:
        name, extra = CONVERSATION_PAGES[page]
        return "get", reverse(name, args=[cast["conversation"].pk, *extra]), None
    if page == "report_plan_write_up":
        if not Plan.objects.filter(person=report).exists():
            plan_services.start_plan(report, actor=None, goal="Lead a team")
        return "get", reverse("plans:write_up", args=[report.pk]), None
    if page == "report_plan_add_objective":
        if not Plan.objects.filter(person=report).exists():
            plan_services.start_plan(report, actor=None, goal="Lead a team")
        return "post", reverse("plans:add_objective", args=[report.pk]), {"title": "T"}
    if page.startswith("report_plan_") and page != "report_plan_write_up":
        plan = Plan.objects.filter(person=report).first() or plan_services.start_plan(
            report, actor=None, goal="Lead a team"
        )
        if page == "report_plan_history":
            return "get", reverse("plans:history", args=[report.pk]), None
        if page == "report_plan_check_in":
            return "get", reverse("plans:check_in", args=[report.pk]), None
        step = plan_services.add_step(
            plan_services.add_objective(plan, actor=None, title="O"), actor=None, what="S"
        )
        url = reverse("plans:set_status", args=[report.pk, step.pk])
        return "post", url, {"status": "in_progress", "version": step.version}
    if page == "conversation_sync_notes":
        url = reverse("conversations:sync_notes", args=[cast["conversation"].pk])
        return "post", url, _note_update("Our notes")
    if page == "conversation_reflection":
        url = reverse("conversations:reflection", args=[cast["conversation"].pk])
        return "post", url, {"version": 0, "answer-strengths": "Mine"}
    if page == "conversation_add_agenda":
        url = reverse("conversations:agenda", args=[cast["conversation"].pk])
        return "post", url, {"text": "A topic"}
    if page in REPORT_PAGES:
        return "get", reverse(REPORT_PAGES[page], args=[report.pk]), None
    if page.startswith("report_rate_"):
        url = reverse("frameworks:rate", args=[report.pk, "planning"])
        kind = page.rsplit("_", 1)[1]
        data = {
            "kind": kind,
            "level": 3,
            "assessed_on": "2026-11-01",
            "evidence": "",
            "version": "",
        }
        return "post", url, data
    if page == "report_add_target":
        role = Role.objects.get(key="engineering-management-l3")
        return "post", reverse("frameworks:add_target", args=[report.pk]), {"role": role.pk}
    if page == "report_set_role":
        role = Role.objects.get(key="engineering-l3")
        return "post", reverse("frameworks:set_role", args=[report.pk]), {"role": role.pk}
    if page.startswith("report_erase"):
        url = reverse("people:erase", args=[report.pk])
        return (
            ("post", url, {"name": report.name}) if page.endswith("_post") else ("get", url, None)
        )
    if page.endswith("_detail"):
        return "get", reverse("people:detail", args=[people[page.split("_")[0]].pk]), None
    url = reverse("people:edit", args=[report.pk])
    if page == "report_edit":
        return "get", url, None
    data = {
        "name": report.name,
        "job_title": "Staff Engineer",
        "team": "Platform",
        "manager_email": people["manager"].email,
        "version": report.version,
    }
    return "post", url, data


def _prepare_practice(page, cast):
    from careermap.practice import lessons, scenarios
    from careermap.practice import services as practice_services

    if page.startswith("practice_pair"):
        return _prepare_pair(page, cast)
    lesson = next(iter(lessons.library()))
    if page == "practice_lesson":
        return "get", reverse("practice:lesson", args=[lesson]), None
    if page == "practice_lesson_adapt":
        return "get", reverse("practice:adapt_lesson", args=[lesson]), None
    if page == "practice_lesson_done":
        return "post", reverse("practice:lesson_done", args=[lesson]), None
    if page == "practice_scenario":
        return "get", reverse("practice:scenario", args=[PRACTICE_SCENARIO]), None
    if page == "practice_scenario_adapt":
        return "get", reverse("practice:adapt", args=[PRACTICE_SCENARIO]), None
    if page == "practice_start":
        return "post", reverse("practice:start", args=[PRACTICE_SCENARIO]), None
    manager = cast["manager"]
    attempt = practice_services.start_attempt(
        actor=manager, scenario=scenarios.library()[PRACTICE_SCENARIO]
    )
    if page == "practice_attempt":
        return "get", attempt.get_absolute_url(), None
    if page == "practice_attempt_say":
        url = reverse("practice:say", args=[attempt.pk])
        return "post", url, {"text": "What did you enjoy most last year?"}
    practice_services.say(attempt, actor=manager, text="What did you enjoy most last year?")
    if page == "practice_attempt_finish":
        return "post", reverse("practice:finish", args=[attempt.pk]), None
    practice_services.finish(attempt, actor=manager)
    return "get", reverse("practice:feedback", args=[attempt.pk]), None


PRACTICE_SCENARIO = "aspirations-and-workload"


def _prepare_pair(page, cast):
    from careermap.practice import scenarios
    from careermap.practice import services as practice_services

    if page == "practice_pairs":
        return "get", reverse("practice:pairs"), None
    pair = practice_services.book_pair(
        actor=cast["manager"],
        partner=cast["people"]["director"],
        scenario=scenarios.library()[PRACTICE_SCENARIO],
        starts_at=timezone.now() + dt.timedelta(days=2),
        leader="organiser",
    )
    if page == "practice_pair":
        return "get", pair.get_absolute_url(), None
    return "post", pair.get_absolute_url(), {"checklist": ["open"], "questions": "open"}


def _newest_attempt(cast, url):
    from careermap.practice.models import Attempt

    return Attempt.objects.latest("pk").get_absolute_url()


def _report_page(name, query=""):
    return lambda cast, url: reverse(name, args=[cast["people"]["report"].pk]) + query


def _step_on_the_plan(cast, url):
    step = resolve(url).kwargs["step_pk"]
    return reverse("plans:plan", args=[cast["people"]["report"].pk]) + f"#step-{step}"


# Where an allowed write sends its author: back to the page they wrote on.
WRITTEN_TO = {
    "report_edit_post": _report_page("people:detail"),
    "report_erase_post": lambda cast, url: reverse("people:erasures"),
    "report_rate_self": _report_page("frameworks:skills"),
    "report_rate_manager": _report_page("frameworks:skills"),
    "report_add_target": _report_page("frameworks:career", "?target=engineering-management-l3"),
    "report_set_role": _report_page("frameworks:career"),
    "conversation_add_agenda": lambda cast, url: (
        f"{cast['conversation'].get_absolute_url()}#agenda"
    ),
    "report_plan_add_objective": _report_page("plans:plan"),
    "report_plan_step_status": _step_on_the_plan,
    "opportunity_close": lambda cast, url: cast["opportunity"].get_absolute_url(),
    "practice_lesson_done": lambda cast, url: url.removesuffix("done/"),
    "practice_start": _newest_attempt,
    "practice_attempt_say": lambda cast, url: url.removesuffix("say/") + "#latest",
    "practice_attempt_finish": lambda cast, url: url.removesuffix("finish/") + "feedback/",
    "conversation_rehearse_post": _newest_attempt,
    "practice_pair_feedback": lambda cast, url: url,
    # These two answer the page's script in JSON: they never redirect a participant.
    "conversation_sync_notes": lambda cast, url: None,
    "conversation_reflection": lambda cast, url: None,
}


def _expected_location(page, role, url, cast):
    if page == "admin":  # the admin site has its own sign-in, for everyone but its admins
        return f"{reverse('admin:login')}?next={quote(url)}"
    if role == "anonymous":
        return f"{reverse('login')}?next={quote(url)}"
    return WRITTEN_TO[page](cast, url)


def _everything_stored():
    """Every row of every Careermap table, and every e-mail sent: what a refused request must
    leave exactly as it found it."""
    rows = {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model.__module__.startswith("careermap.")
    }
    return rows, [(m.subject, m.to, m.body) for m in mail.outbox]


@pytest.mark.parametrize(("page", "role", "expected"), CASES)
def test_access_matrix(client, cast, page, role, expected):
    if role != "anonymous":
        client.force_login(cast[role])
    method, url, data = _prepare(page, cast)
    before = _everything_stored()
    json_body = {"content_type": "application/json"} if isinstance(data, str) else {}
    response = getattr(client, method)(url, data or {}, **json_body)
    assert response.status_code == expected, f"{role} on {page}"
    if expected == 302:
        assert response["Location"] == _expected_location(page, role, url, cast), (role, page)
    if role == "anonymous" or page == "admin" or expected in (403, 404):
        assert _everything_stored() == before, f"{role} on {page} changed something"
    elif method == "post":
        # The same check sees an allowed write, so it would see a refused one.
        assert _everything_stored() != before, f"{role} on {page} wrote nothing"


def test_every_write_in_the_matrix_says_where_it_leads(cast):
    """An allowed write redirects to a page named in WRITTEN_TO (a new write needs one)."""
    assert {page for page in MATRIX if _prepare(page, cast)[0] == "post"} == set(WRITTEN_TO)


def test_a_private_note_is_its_authors_alone(client, cast):
    """The author finds their private note saved; the other participant, managers, HR,
    strangers and administrators never see it on any page, and the write-up leaves it out in
    every format (the author's own included: the write-up is for both)."""
    from careermap.conversations.models import Note
    from tests.conversations.copies import PageCopy

    conversation = cast["conversation"]
    write_up = reverse("conversations:write_up", args=[conversation.pk])
    write_ups = [write_up, write_up + "?format=md", write_up + "?format=pdf"]
    client.force_login(cast["manager"])
    mine = PageCopy(client, conversation, "private")
    mine.insert(0, "Only mine")
    assert "error" not in mine.sync()
    assert Note.objects.get(private_to=cast["people"]["manager"]).text == "Only mine"
    again = PageCopy(client, conversation, "private")  # another tab of the author's
    again.sync()
    assert again.text == "Only mine"
    assert "Only mine" in client.get(conversation.get_absolute_url()).content.decode()
    for url in write_ups:
        response = client.get(url)
        assert response.status_code == 200 and "Only mine" not in _text(response), url

    pages = [
        conversation.get_absolute_url(),
        reverse("conversations:list"),
        *write_ups,
        reverse("people:me"),
        reverse("plans:record"),
        reverse("people:detail", args=[cast["people"]["manager"].pk]),
        reverse("people:detail", args=[cast["people"]["report"].pk]),
    ]
    for role in ["report", "peer", "director", "hr", "stranger", "sysadmin"]:
        client.force_login(cast[role])
        for url in pages:
            assert "Only mine" not in _text(client.get(url)), (role, url)
        for document in ("private", "notes"):
            copy = PageCopy(client, conversation, document)
            response = copy.post(copy.outgoing())
            if response.status_code == 200:  # a participant: their own copies only
                copy.receive(base64.b64decode(response.json()["documents"][document]["update"]))
            assert "Only mine" not in copy.text, (role, document)


def _text(response) -> str:
    if response.get("Content-Type") == "application/pdf":
        pages = PdfReader(BytesIO(response.content)).pages
        return " ".join(page.extract_text() for page in pages)
    return response.content.decode()


def _note_update(text: str) -> str:
    """A page's first words in the shared notes, as the sync request carries them."""
    from pycrdt import Doc, Text

    doc = Doc()
    doc.get("text", type=Text).insert(0, text)
    update = base64.b64encode(doc.get_update()).decode()
    return json.dumps({"documents": {"notes": {"update": update, "state_vector": ""}}})


def test_one_person_rules_agree_with_the_visibility_query(cast):
    """sees_reports_of / sees_manager_of answer for one loaded person what visible_people
    answers in SQL; they must never disagree."""
    from careermap import access
    from careermap.people.models import Person

    everyone = list(Person.objects.select_related("manager"))
    for role in ROLES[1:]:
        user = cast[role]
        visible = set(access.visible_people(user).values_list("pk", flat=True))
        for person in everyone:
            if person.pk not in visible:
                continue
            reports = set(person.reports.values_list("pk", flat=True))
            if reports:
                assert access.sees_reports_of(user, person) == (reports <= visible), (role, person)
            if person.manager_id:
                assert access.sees_manager_of(user, person) == (person.manager_id in visible), (
                    role,
                    person,
                )


def test_visible_plans_are_those_of_the_people_one_may_see(cast):
    """visible_plans (the home page's reads) answers what the plan page's rule answers: the
    plans of the people visible_people lets the user see, for every role."""
    from careermap import access
    from careermap.people.models import Person

    for person in Person.objects.all():
        plan_services.start_plan(person, actor=None, goal="Grow")
    for role in ROLES[1:]:
        user = cast[role]
        people = set(access.visible_people(user).values_list("pk", flat=True))
        plans = set(access.visible_plans(user).values_list("person_id", flat=True))
        assert plans == people, role


def test_team_at_a_glance_lists_only_my_own_reports(client, cast):
    client.force_login(cast["director"])
    page = client.get(reverse("plans:team")).content.decode()
    assert cast["people"]["manager"].name in page
    assert cast["people"]["report"].name not in page  # skip-level: on their manager's page
