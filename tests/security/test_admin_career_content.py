"""The admin site shows system administrators records and accounts, never career content: no
agenda item, next step, plan, assessment or check-in, and not even that a private note or a
reflection exists, on any page, including a person's delete confirmation."""

import re

from django.urls import reverse

from careermap.conversations.models import Conversation
from careermap.people.models import Person
from careermap.plans.models import Plan
from careermap.reminders.models import Reminder

from .conftest import CONTENT, SECRET

# Words Django's confirmation would use to list a private note or a reflection by its kind.
EXISTENCE = ["Private note", "Shared notes", "Note:", "reflection", "Reflection"]


def assert_no_career_content(page: str) -> None:
    for text in CONTENT:
        assert text not in page, text
    for word in EXISTENCE:
        assert word not in page, word


def admin_pages(report, reminder):
    person, user, team = report.pk, report.user.pk, report.team_id
    return [
        reverse("admin:index"),
        reverse("admin:people_person_changelist"),
        reverse("admin:people_person_changelist") + f"?q={SECRET}",
        reverse("admin:people_person_changelist") + f"?team__id__exact={team}",
        reverse("admin:people_person_change", args=[person]),
        reverse("admin:people_person_history", args=[person]),
        reverse("admin:people_person_delete", args=[person]),
        reverse("admin:people_user_changelist") + f"?q={SECRET}",
        reverse("admin:people_user_change", args=[user]),
        reverse("admin:people_user_delete", args=[user]),
        reverse("admin:people_team_change", args=[team]),
        reverse("admin:people_team_delete", args=[team]),
        reverse("admin:reminders_reminder_changelist"),
        reverse("admin:reminders_reminder_changelist") + f"?q={SECRET}",
        reverse("admin:reminders_reminder_change", args=[reminder]),
        reverse("admin:reminders_reminder_delete", args=[reminder]),
    ]


def test_no_admin_page_shows_career_content(client, sysadmin, report, career_content):
    client.force_login(sysadmin)
    for url in admin_pages(report, Reminder.objects.get().pk):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_career_content(response.content.decode())


def test_searching_for_career_content_finds_nobody(client, sysadmin, report, career_content):
    client.force_login(sysadmin)
    page = client.get(reverse("admin:people_person_changelist"), {"q": SECRET}).content.decode()
    assert "0 persons" in page and report.name not in page


def test_delete_confirmation_says_in_general_words_what_goes_with_the_person(
    client, sysadmin, report, career_content
):
    client.force_login(sysadmin)
    page = client.get(reverse("admin:people_person_delete", args=[report.pk])).content.decode()
    assert report.name in page
    assert "Everything Careermap holds about them goes with them" in page
    # Counted and listed: the person, and their reminders' delivery rows, by kind only.
    assert "Persons: 1" in page and "Step due soon #" in page
    for kind in ["Conversations", "Agenda items", "Notes", "Plans", "Assessments", "Check-ins"]:
        assert f"{kind}:" not in page


def test_delete_confirmation_reads_the_same_with_or_without_a_career(
    client, sysadmin, report, request
):
    """Nothing on the page depends on what the person has written, not even whether they did."""
    client.force_login(sysadmin)
    url = reverse("admin:people_person_delete", args=[report.pk])

    def confirmation() -> str:
        page = client.get(url).content.decode()
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)

    before = confirmation()
    request.getfixturevalue("career_content")
    Reminder.objects.all().delete()  # reminders are listed, by kind: they are not career content
    assert confirmation() == before


def test_choosing_people_to_delete_from_the_list_lists_no_career_content(
    client, sysadmin, report, peer, career_content
):
    client.force_login(sysadmin)
    response = client.post(
        reverse("admin:people_person_changelist"),
        {"action": "delete_selected", "_selected_action": [report.pk, peer.pk]},
    )
    page = response.content.decode()
    assert report.name in page and peer.name in page
    assert "Everything Careermap holds about them goes with them" in page
    assert_no_career_content(page)


def test_deleting_a_person_removes_their_career_and_shows_none_of_it(
    client, sysadmin, report, career_content
):
    client.force_login(sysadmin)
    response = client.post(
        reverse("admin:people_person_delete", args=[report.pk]), {"post": "yes"}, follow=True
    )
    assert_no_career_content(response.content.decode())
    assert not Person.objects.filter(pk=report.pk).exists()
    assert not Conversation.objects.exists() and not Plan.objects.exists()
    assert not Reminder.objects.exists()
