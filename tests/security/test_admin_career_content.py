"""The admin site shows system administrators records and accounts, never career content: no
agenda item, next step, plan, assessment or check-in, and not even that a private note or a
reflection exists, on any page; and a person is not deleted there (their data leaves through
erasure)."""

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


def test_a_person_cannot_be_deleted_in_the_admin(client, sysadmin, report, peer, career_content):
    # Deleting would take every conversation they had, with the other person's notes: a
    # person's data leaves through erasure, which the change page points to.
    client.force_login(sysadmin)
    url = reverse("admin:people_person_delete", args=[report.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    listing = client.get(reverse("admin:people_person_changelist")).content.decode()
    assert "delete_selected" not in listing
    client.post(
        reverse("admin:people_person_changelist"),
        {"action": "delete_selected", "_selected_action": [report.pk, peer.pk], "post": "yes"},
    )
    assert Person.objects.filter(pk__in=[report.pk, peer.pk]).count() == 2
    assert Conversation.objects.exists() and Plan.objects.exists()
    change = client.get(reverse("admin:people_person_change", args=[report.pk])).content.decode()
    assert "A person is never deleted here" in change and "Erase their data" in change
