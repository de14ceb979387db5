"""Erasing a person's data: nothing of their career, their name or their e-mail is left to find
anywhere (pages, exports, the admin site, search, the database itself), what the organisation
keeps is kept (the other participant's private note above all), and a failure anywhere
changes nothing."""

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from careermap.audit import services as audit
from careermap.audit.models import AccessEvent
from careermap.conversations import playbooks
from careermap.conversations import services as conversations
from careermap.conversations.documents import new_state
from careermap.conversations.models import Conversation, Note
from careermap.core import erasure
from careermap.frameworks import services as frameworks
from careermap.frameworks.models import Assessment, Experience, Role, Skill
from careermap.live.models import Event
from careermap.opportunities import services as opportunities
from careermap.opportunities.models import Opportunity
from careermap.people.models import Person, User
from careermap.plans import services as plans
from careermap.plans.models import Step
from careermap.reminders.models import Reminder, ReminderSettings
from tests.factories import PersonFactory

EMAIL = "rita.report@example.org"
# Words only Rita wrote, or only written about her: none may survive her erasure.
HERS = [
    "Rita Report",
    EMAIL,
    "MARKER-GOAL",
    "MARKER-OBJECTIVE",
    "MARKER-STEP",
    "MARKER-EVIDENCE",
    "MARKER-MANAGER-EVIDENCE",
    "MARKER-ACHIEVEMENT",
    "MARKER-REFLECTION",
    "MARKER-HER-PRIVATE",
    "MARKER-SHARED",
    "MARKER-ANSWER",
    "MARKER-AGENDA",
    "MARKER-NEXT-STEP",
    "MARKER-SUMMARY",
    "MARKER-CHECK-IN",
    "MARKER-REMINDER",
    "MARKER-LIVE",
]
PASSWORD = "a-long-test-password"  # tests/factories.py
MANAGERS_NOTE = "My own thoughts: promotion case next quarter"


@pytest.fixture
def rita(report, manager, framework):
    """The report, with something in every part of Careermap that can hold her data."""
    Person.objects.filter(pk=report.pk).update(email=EMAIL)
    User.objects.filter(pk=report.user_id).update(email=EMAIL)
    report.refresh_from_db()
    user = report.user
    user.refresh_from_db()
    skill = Skill.objects.get(key="planning")
    frameworks.set_current_role(
        report, actor=manager.user, role=Role.objects.get(key="engineering-l3")
    )
    frameworks.add_target_role(
        report, actor=user, role=Role.objects.get(key="engineering-management-l3")
    )
    for kind, evidence, actor in [
        (Assessment.SELF, "MARKER-EVIDENCE", user),
        (Assessment.MANAGER, "MARKER-MANAGER-EVIDENCE", manager.user),
    ]:
        rating = report.skill_ratings.filter(skill=skill).first()
        frameworks.rate_skill(
            report,
            actor=actor,
            skill=skill,
            kind=kind,
            level=3,
            evidence=evidence,
            assessed_on=dt.date(2026, 11, 1),
            version=rating.version if rating else None,
        )
    frameworks.record_achievement(
        report, actor=user, experience=Experience.objects.first(), note="MARKER-ACHIEVEMENT"
    )
    plan = plans.start_plan(report, actor=user, goal="MARKER-GOAL")
    objective = plans.add_objective(plan, actor=user, title="MARKER-OBJECTIVE")
    step = plans.add_step(objective, actor=user, what="MARKER-STEP", owner=manager)
    plans.record_check_in(
        plan,
        actor=manager.user,
        version=plan.version,
        held_on=dt.date(2026, 11, 20),
        summary="MARKER-CHECK-IN",
    )

    conversation = conversations.schedule(
        actor=manager.user,
        playbook=playbooks.library()["career-aspirations"],
        other=report,
        starts_at=timezone.now() - dt.timedelta(days=1),
        duration_minutes=45,
        place="Room 2",
    )
    conversations.add_agenda_item(conversation, actor=user, text="MARKER-AGENDA")
    conversations.add_agenda_item(conversation, actor=manager.user, text="Manny's topic")
    question = next(iter(conversations.reflection_questions(conversation)))
    conversations.save_reflection(
        conversation, actor=user, answers={question: "MARKER-REFLECTION"}, version=0, share=True
    )
    for private_to, key, text in [
        (None, "", "MARKER-SHARED"),
        (None, question, "MARKER-ANSWER"),
        (report, "", "MARKER-HER-PRIVATE"),
        (manager, "", MANAGERS_NOTE),
    ]:
        Note.objects.update_or_create(
            conversation=conversation,
            private_to=private_to,
            question_key=key,
            defaults={"text": text, "state": new_state(text), "updated_by": private_to or report},
        )
    conversations.add_next_step(
        conversation, actor=manager.user, what="MARKER-NEXT-STEP", owner=report
    )
    conversations.close(
        conversation,
        actor=manager.user,
        version=Conversation.objects.get(pk=conversation.pk).version,
        summary="MARKER-SUMMARY",
        follow_up_on=None,
        write_up_wanted=False,
    )
    # Still to come: it will not take place.
    conversations.schedule(
        actor=manager.user,
        playbook=playbooks.library()["career-aspirations"],
        other=report,
        starts_at=timezone.now() + dt.timedelta(days=7),
        duration_minutes=45,
        place="Room 3",
    )
    Reminder.objects.create(
        person=report,
        kind="step_due",
        key=f"step-due:{step.pk}:x:{report.pk}",
        text="MARKER-REMINDER",
    )
    Reminder.objects.create(
        person=manager,
        kind="plan_stale",
        key=f"plan-stale:{plan.pk}:1:{manager.pk}",
        text="Nobody has opened or changed Rita Report's development plan",
    )
    ReminderSettings.objects.create(person=report)
    Event.objects.create(channel=f"conversation-{conversation.pk}", payload='"MARKER-LIVE"')
    opportunities.create_opportunity(
        actor=user, kind="mentoring", title="Pairing on planning", description="Ask me."
    )
    LogEntry.objects.create(  # a system administrator once corrected her record
        user=User.objects.create_superuser("root-erasure@example.org", "a-long-password"),
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(report.pk),
        object_repr="Rita Report",
        action_flag=CHANGE,
        change_message="Changed email to rita.report@example.org",
    )
    audit.record_view(viewer=manager.user, subject=report, what="plan", detail="Plan page")
    return report


@pytest.fixture
def quinn(rita, manager):
    """Someone who reports to Rita, with a step in their plan that Rita owns."""
    quinn = PersonFactory(name="Quinn Quill", manager=rita)
    plan = plans.start_plan(quinn, actor=rita.user, goal="Ship the new search")
    objective = plans.add_objective(plan, actor=rita.user, title="Learn the index")
    plans.add_step(objective, actor=rita.user, what="Pair on the index", owner=rita)
    return quinn


def _erase(person, hr):
    return erasure.erase_person(person, actor=hr.user, confirm=person.name, reason="On request")


def _database_text() -> str:
    """Every value in every table, as text (binary columns too: a collaborative document's
    state holds its words as UTF-8)."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (names from the schema)
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, memoryview):
                        value = value.tobytes()
                    if isinstance(value, bytes):
                        value = value.decode("utf-8", "replace")
                    chunks.append(str(value))
    return "\n".join(chunks)


def _relation_fields():
    """Every concrete relation, in any model (Django's own included), to a person or sign-in."""
    return {
        f"{model._meta.app_label}.{model.__name__}.{field.name}": (model, field)
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model in (Person, User)
    }


def test_every_relation_to_a_person_is_declared_erased_or_kept():
    """A model added later with a foreign key to a person or a sign-in fails here until
    careermap/core/erasure.py says what erasure does with it, and why."""
    assert set(_relation_fields()) == set(erasure.RELATIONS)


def test_after_erasure_no_row_of_theirs_is_left(rita, hr, quinn):
    before = {
        name: model.objects.filter(**{field.name: rita}).count()
        for name, (model, field) in _relation_fields().items()
        if field.related_model is Person
    }
    assert before["plans.Plan.person"] and before["conversations.Note.private_to"]
    _erase(rita, hr)
    for name, (model, field) in _relation_fields().items():
        if erasure.RELATIONS[name][0] == erasure.ERASED and field.related_model is Person:
            assert not model.objects.filter(**{field.name: rita}).exists(), name
    assert not Opportunity.objects.filter(offered_by=rita).exists()
    quinn.refresh_from_db()
    assert quinn.manager == rita.manager  # moved up to Rita's own manager
    # Quinn's plan keeps its step and its history, now owned by nobody in particular.
    step = Step.objects.get(what="Pair on the index")
    assert step.who == "Erased person"
    assert step.objective.plan.changes.filter(actor=rita).count() == 3


def test_after_erasure_the_database_holds_nothing_of_them(rita, hr, quinn):
    """Not their name, not their e-mail, not a word they wrote or that was written about them:
    searched in every column of every table, binary ones included."""
    text = _database_text()
    assert all(word in text for word in HERS)  # the search can see each of them
    _erase(rita, hr)
    text = _database_text()
    assert [word for word in HERS if word in text] == []
    assert MANAGERS_NOTE in text


def _pages(rita, manager, conversation):
    return [
        reverse("people:me"),
        reverse("people:team"),
        reverse("people:directory"),
        reverse("people:directory") + "?q=Rita",
        reverse("people:directory") + "?q=rita.report",  # found by her e-mail
        reverse("people:detail", args=[rita.pk]),
        reverse("people:detail", args=[manager.pk]),
        reverse("plans:plan", args=[rita.pk]),
        reverse("plans:team"),
        reverse("plans:record"),
        reverse("frameworks:career", args=[rita.pk]),
        reverse("frameworks:bench", args=["engineering-management-l3"]),
        reverse("frameworks:bench", args=["engineering-l3"]),
        reverse("conversations:list"),
        reverse("conversations:detail", args=[conversation.pk]),
        reverse("conversations:write_up", args=[conversation.pk]),
        reverse("conversations:write_up", args=[conversation.pk]) + "?format=md",
        reverse("reminders:list"),
        reverse("audit:log"),
        reverse("opportunities:list"),
        reverse("people:erasures"),
        reverse("admin:people_person_changelist"),
        reverse("admin:people_person_changelist") + "?q=rita",
        reverse("admin:people_user_changelist") + "?q=rita",
        reverse("admin:people_person_change", args=[rita.pk]),
        reverse("admin:reminders_reminder_changelist"),
    ]


def _seen(client, viewers, urls) -> set[str]:
    found = set()
    for viewer in viewers:
        client.force_login(viewer)
        for url in urls:
            page = client.get(url).content.decode(errors="replace")
            found |= {(word, url) for word in HERS if word in page}
    return found


def test_after_erasure_no_page_export_admin_or_search_shows_them(
    client, rita, hr, manager, quinn, director, sysadmin
):
    conversation = Conversation.objects.filter(guest=rita, status="closed").get()
    urls = _pages(rita, manager, conversation)
    viewers = [manager.user, hr.user, director.user, quinn.user, sysadmin]
    # Before: the same crawl finds her where each kind of viewer would.
    assert {
        ("MARKER-SHARED", conversation.get_absolute_url()),
        ("MARKER-GOAL", reverse("plans:plan", args=[rita.pk])),
        ("Rita Report", reverse("people:directory") + "?q=rita.report"),
        ("Rita Report", reverse("admin:people_person_changelist") + "?q=rita"),
        ("Rita Report", reverse("people:detail", args=[manager.pk])),
    } <= _seen(client, viewers, urls)
    client.logout()
    signed_in = client.post(reverse("login"), {"username": EMAIL, "password": PASSWORD})
    assert signed_in.status_code == 302
    _erase(rita, hr)
    assert _seen(client, viewers, urls) == set()
    export = StringIO()
    call_command("export", "people", stdout=export)
    assert [word for word in HERS if word in export.getvalue()] == []
    # Her old sign-in is gone for good.
    client.logout()
    signed_in = client.post(reverse("login"), {"username": EMAIL, "password": PASSWORD})
    assert signed_in.status_code == 200  # the form again, not a redirect into Careermap


def test_the_other_participants_private_note_and_history_are_kept(
    client, rita, hr, manager, django_capture_on_commit_callbacks, mailoutbox
):
    conversation = Conversation.objects.filter(guest=rita, status="closed").get()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _erase(rita, hr)
    client.force_login(manager.user)
    assert Note.objects.get(private_to=manager).text == MANAGERS_NOTE
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert MANAGERS_NOTE in page and "Erased person" in page
    assert "Manny&#x27;s topic" in page or "Manny's topic" in page  # his agenda topic
    listed = client.get(reverse("conversations:list")).content.decode()
    assert "Erased person" in listed
    # The one still to come will not take place, and his calendar is told.
    assert Conversation.objects.filter(guest=rita, status="cancelled").count() == 1
    assert [(m.subject.split(":")[0], m.to) for m in mailoutbox] == [("Cancelled", [manager.email])]
    assert not any(word in mailoutbox[0].body for word in HERS)
    # Who looked at her plan stays answerable, and the erasure is logged.
    assert AccessEvent.objects.filter(subject=rita, actor=manager, action="viewed").exists()
    erased = AccessEvent.objects.get(subject=rita, action="erased")
    assert erased.actor == hr and erased.detail == "On request"


@pytest.mark.parametrize("breaks", ["_rename_in_admin_log", "people_changed", "audit"])
def test_a_failure_midway_changes_nothing(rita, hr, quinn, monkeypatch, breaks):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    if breaks == "audit":
        monkeypatch.setattr(erasure.audit, "record_erasure", fail)
    else:
        monkeypatch.setattr(erasure, breaks, fail)
    before = _database_text()
    with pytest.raises(RuntimeError):
        _erase(rita, hr)
    assert _database_text() == before


def test_hr_erases_from_the_person_page_after_typing_their_name(client, rita, hr):
    client.force_login(hr.user)
    url = reverse("people:erase", args=[rita.pk])
    page = client.get(url).content.decode()
    assert "What the organisation keeps" in page and "Type their name to confirm" in page
    before = _database_text()
    response = client.post(url, {"name": "Rita", "reason": "Request"})
    assert response.status_code == 400 and _database_text() == before
    response = client.post(url, {"name": "  rita   REPORT ", "reason": "Request of 2 Dec"})
    assert response["Location"] == reverse("people:erasures")
    listed = client.get(reverse("people:erasures")).content.decode()
    assert "Request of 2 Dec" in listed and hr.name in listed
    assert client.get(url).status_code == 404  # nobody to erase any more


def test_nobody_erases_themselves(client, hr):
    client.force_login(hr.user)
    assert client.get(reverse("people:erase", args=[hr.pk])).status_code == 404


def test_the_command_asks_for_the_name(rita, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "Someone Else")
    before = _database_text()
    with pytest.raises(CommandError, match="Nothing was erased"):
        call_command("erase-person", EMAIL, stdout=StringIO())
    assert _database_text() == before
    out = StringIO()
    call_command("erase-person", EMAIL.upper(), "--confirm", "Rita Report", stdout=out)
    assert "Erased." in out.getvalue()
    rita.refresh_from_db()
    assert rita.erased_at and rita.name == "Erased person"
    assert AccessEvent.objects.get(subject=rita, action="erased").actor is None
    with pytest.raises(CommandError, match="Nobody"):
        call_command("erase-person", EMAIL, "--confirm", "Rita Report", stdout=StringIO())


# Leavers -------------------------------------------------------------------------------------


def _left(person, days_ago):
    Person.objects.filter(pk=person.pk).update(
        left_on=timezone.localdate() - dt.timedelta(days=days_ago)
    )


def test_leavers_are_erased_after_the_retention_time(settings, rita, peer, manager):
    from careermap.core import tasks

    _left(rita, 31)
    _left(peer, 29)
    settings.CAREERMAP_LEAVER_RETENTION_DAYS = None
    tasks.erase_leavers.call_local()
    assert not Person.objects.filter(erased_at__isnull=False).exists()  # unset: kept

    settings.CAREERMAP_LEAVER_RETENTION_DAYS = 30
    out = StringIO()
    call_command("erase-leavers", "--dry-run", stdout=out)
    assert EMAIL in out.getvalue() and peer.email not in out.getvalue()
    assert not Person.objects.filter(erased_at__isnull=False).exists()
    tasks.erase_leavers.call_local()
    assert list(Person.objects.filter(erased_at__isnull=False)) == [rita]
    assert not Note.objects.filter(text__contains="MARKER").exists()
    entry = AccessEvent.objects.get(subject=rita, action="erased")
    assert entry.actor is None and entry.detail.startswith("Retention: left on")
    call_command("erase-leavers", stdout=StringIO())  # again: nobody more
    assert Person.objects.filter(erased_at__isnull=False).count() == 1


def test_hr_records_a_leaving_date(client, hr, report, manager):
    client.force_login(hr.user)
    url = reverse("people:edit", args=[report.pk])
    data = {
        "name": report.name,
        "manager_email": manager.email,
        "left_on": "2026-10-31",
        "version": report.version,
    }
    assert client.post(url, data).status_code == 302
    report.refresh_from_db()
    assert report.left_on == dt.date(2026, 10, 31)
    assert "31 October 2026" in client.get(report.get_absolute_url()).content.decode()


def test_a_negative_retention_is_refused(tmp_path):
    from tests.core.test_settings import start

    result = start({"CAREERMAP_LEAVER_RETENTION_DAYS": "-1"}, tmp_path)
    assert result.returncode != 0 and "must be 0 or more days" in result.stderr


def test_a_leaver_that_cannot_be_erased_does_not_hold_up_the_others(
    settings, rita, peer, monkeypatch
):
    settings.CAREERMAP_LEAVER_RETENTION_DAYS = 30
    _left(rita, 40)
    _left(peer, 40)
    rename = erasure._rename_in_admin_log

    def fails_for_rita(model, pk, text):
        if model is Person and pk == rita.pk:
            raise RuntimeError("disk full")
        rename(model, pk, text)

    monkeypatch.setattr(erasure, "_rename_in_admin_log", fails_for_rita)
    with pytest.raises(RuntimeError, match="Could not erase 1 leaver"):
        erasure.erase_leavers()
    assert list(Person.objects.filter(erased_at__isnull=False)) == [peer]
    rita.refresh_from_db()
    assert rita.name == "Rita Report" and rita.plans.exists()  # tried again next night


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's file, read byte by byte")
def test_after_erasure_the_database_file_holds_nothing_of_them(rita, hr, quinn):
    """Not only no row: no leftover on disk either. SQLite keeps deleted rows' bytes in free
    pages, and the search index keeps deleted words in its segments, until overwritten."""

    def on_disk() -> bytes:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return Path(connection.settings_dict["NAME"]).read_bytes()

    assert all(word.encode() in on_disk() for word in HERS[:2])  # the file can show them
    _erase(rita, hr)
    found = on_disk()
    assert [word for word in HERS if word.encode() in found] == []
