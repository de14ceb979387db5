import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from careermap.people import demo
from careermap.people.models import Person


def test_demo_builds_a_sixty_person_company_with_two_management_levels(db):
    result = demo.build_demo()
    assert result.people == Person.objects.count() == 60
    maya = Person.objects.get(email="maya.chen@example.com")
    daniel = maya.manager
    assert daniel.name == "Daniel Okafor" and daniel.manager.name == "Marcus Bell"
    assert daniel.manager.manager.name == "Helena Vasquez"
    assert Person.objects.filter(is_hr_admin=True).count() == 2
    assert Person.objects.values("team").distinct().count() >= 8


def test_demo_sign_ins_work_with_the_printed_password(db):
    result = demo.build_demo()
    client = Client()
    for _role, _name, email in result.sign_ins:
        response = client.post(
            reverse("login"), {"username": email, "password": demo.DEMO_PASSWORD}
        )
        assert response.status_code == 302, email
        client.post(reverse("logout"))


def test_large_demo_adds_generated_people_eight_to_a_manager(db):
    demo.build_demo(people=700)
    assert Person.objects.count() == 700
    assert Person.objects.filter(manager__isnull=True).count() == 1  # one chief executive
    vp = Person.objects.get(job_title="Vice President, Operations")
    assert vp.manager.name == "Helena Vasquez"
    generated = Person.objects.filter(pk__gte=vp.pk).annotate(n=Count("reports"))
    assert max(p.n for p in generated) == demo.SPAN
    assert Person.objects.values("email").distinct().count() == 700


def test_demo_command_refuses_to_mix_with_existing_people(db, capsys):
    call_command("demo", "--no-serve")
    call_command("demo", "--no-serve", "--people", "100")
    assert "already has 60 people" in capsys.readouterr().out
    assert Person.objects.count() == 60


def test_demo_is_refused_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="not for production"):
        call_command("demo", "--no-serve")


def test_demo_command_books_the_example_conversation(db):
    from careermap.conversations.models import Conversation

    call_command("demo", "--no-serve")
    conversation = Conversation.objects.get(playbook_key="career-aspirations")
    assert conversation.playbook_key == "career-aspirations"
    assert (conversation.host.name, conversation.guest.name) == ("Daniel Okafor", "Maya Chen")
    assert conversation.agenda.count() == 2


def test_demo_gives_two_of_daniels_reports_a_plan_under_way_and_leaves_maya_hers_to_start(db):
    from careermap.plans import queries
    from careermap.plans.models import Plan

    call_command("demo", "--no-serve")
    daniel = Person.objects.get(email="daniel.okafor@example.com")
    rows = {p.name: p for p in queries.team_at_a_glance(daniel)}
    under_way = [p for p in rows.values() if p.steps_total]
    assert len(under_way) == 2
    assert all(p.steps_done and p.last_check_in and p.next_conversation for p in under_way)
    assert any(p.blocked for p in under_way)
    assert not Plan.objects.filter(person__email="maya.chen@example.com").exists()


def test_demo_reminders_are_waiting_in_the_app(db):
    from careermap.reminders.models import Reminder

    call_command("demo", "--no-serve")
    overdue = Reminder.objects.filter(kind="step_overdue")
    assert overdue.exists()
    assert {r.person.email for r in overdue} & {"daniel.okafor@example.com"}
