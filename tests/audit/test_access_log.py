"""The access log page: who has seen or changed my information, for my eyes only."""

from django.urls import reverse
from django.utils import timezone

from careermap.audit import services
from tests.factories import PersonFactory

LOG = "/me/access-log/"


def _log(client, person) -> str:
    client.force_login(person.user)
    return client.get(reverse("audit:log")).content.decode()


def test_the_log_lives_at_a_plain_address_under_me():
    assert reverse("audit:log") == LOG


def test_the_log_shows_who_viewed_my_skills_and_when(client, framework, manager, report):
    client.force_login(manager.user)
    client.get(reverse("frameworks:skills", args=[report.pk]))
    page = _log(client, report)
    assert "Manny Manager" in page
    assert "Your skill assessments" in page and "Skills page" in page and "viewed" in page
    assert timezone.localtime().strftime("%-d %b %Y") in page


def test_my_own_views_are_not_logged(client, framework, report):
    client.force_login(report.user)
    client.get(reverse("frameworks:skills", args=[report.pk]))
    page = _log(client, report)
    assert "Nobody has looked yet" in page
    assert "Rita Report" not in page.split("<main", 1)[1]


def test_the_log_shows_only_my_own_events(client, manager, report, peer, hr):
    services.record_change(actor=manager, subject=report, what="plan", detail="Objective for Rita")
    services.record_change(actor=manager, subject=peer, what="plan", detail="Objective for Pete")
    services.record_view(viewer=hr, subject=report, what="plan", detail="Plan page")
    page = _log(client, peer)
    assert "Objective for Pete" in page
    assert "Objective for Rita" not in page and "Hana HR" not in page
    # Nor does anyone else's log answer to a person in the address.
    client.force_login(hr.user)
    assert "Objective for Rita" not in client.get(f"{LOG}?person={report.pk}").content.decode()


def test_the_log_of_someone_else_does_not_exist(client, report, hr):
    client.force_login(hr.user)
    assert client.get(f"/people/{report.pk}/access-log/").status_code == 404


def test_a_sign_in_with_no_person_has_no_log(client, sysadmin):
    client.force_login(sysadmin)
    assert client.get(LOG).status_code == 404


def test_the_profile_links_to_my_log_only_on_my_own_page(client, manager, report):
    client.force_login(report.user)
    assert LOG in client.get(reverse("people:me")).content.decode()
    assert LOG in client.get(reverse("people:detail", args=[report.pk])).content.decode()
    client.force_login(manager.user)
    assert LOG not in client.get(reverse("people:detail", args=[report.pk])).content.decode()


def test_a_removed_viewer_still_shows_as_someone(client, report):
    viewer = PersonFactory(name="Gone Soon")
    services.record_view(viewer=viewer, subject=report, what="plan")
    viewer.delete()
    page = _log(client, report)
    assert "Gone Soon" not in page and "Someone no longer in Careermap" in page


def test_a_long_log_comes_in_pages_newest_first(client, report):
    for n in range(55):
        services.record_change(
            actor=PersonFactory(name=f"Viewer {n:02}"), subject=report, what="plan"
        )
    page = _log(client, report)
    assert "Page 1 of 2" in page and "Viewer 54" in page and "Viewer 04" not in page
    second = client.get(f"{LOG}?page=2").content.decode()
    assert "Viewer 04" in second and "Viewer 54" not in second


def test_log_page_query_count_is_flat(client, report, django_assert_num_queries):
    for viewer in PersonFactory.create_batch(60):
        services.record_change(actor=viewer, subject=report, what="assessments")
    client.force_login(report.user)
    # 1 the user with their person, 2 how many entries, 3 this page of them with who did
    # each, 4 unread reminders (the menu): not one more per entry
    with django_assert_num_queries(4):
        response = client.get(LOG)
    assert response.status_code == 200 and response.content.decode().count("<tr") == 51
