from django.urls import reverse

from tests.factories import PersonFactory


def test_me_shows_my_profile_manager_and_reports(client, manager, report, director):
    client.force_login(manager.user)
    page = client.get(reverse("people:me")).content.decode()
    assert manager.name in page and "(you)" in page
    assert director.name in page  # my manager
    assert report.name in page  # my report
    assert "Manager" in page


def test_sign_in_without_a_person_explains_what_to_do(client, sysadmin):
    client.force_login(sysadmin)
    page = client.get(reverse("people:me")).content.decode()
    assert "not linked to anyone in the organisation" in page
    assert reverse("admin:index") in page


def test_report_sees_their_manager_named_but_cannot_open_their_page(
    client, director, report, manager
):
    client.force_login(report.user)
    page = client.get(reverse("people:me")).content.decode()
    # The report sees who their manager is, but may not open their manager's page.
    assert manager.name in page
    assert reverse("people:detail", args=[manager.pk]) not in page


def test_person_page_lists_only_visible_reports(client, director, manager, report):
    client.force_login(director.user)
    page = client.get(reverse("people:detail", args=[manager.pk])).content.decode()
    assert report.name in page


def test_my_page_title_is_my_name_alone(client, report):
    client.force_login(report.user)
    page = client.get(reverse("people:me"), follow=True).content.decode()
    assert "<title>Rita Report · Careermap</title>" in page
    assert page.count("Download as JSON") == 1


def test_me_page_query_count_is_flat(client, manager, report, django_assert_num_queries):
    for direct in PersonFactory.create_batch(10, manager=manager):
        PersonFactory.create_batch(3, manager=direct)
    client.force_login(manager.user)
    # 1 the user with their person and team, 2 my conversations coming up, 3 my reports with
    # their teams, 4 my manager, 5 unread reminders (navigation); not one per report
    with django_assert_num_queries(5):
        page = client.get(reverse("people:me")).content.decode()
    assert report.name in page and "Career conversations" in page


def test_my_own_page_by_its_address_has_no_conversations_box(client, report):
    """The conversations coming up are the Me page's; the person page itself stays plain."""
    client.force_login(report.user)
    assert "Career conversations" in client.get(reverse("people:me")).content.decode()
    page = client.get(reverse("people:detail", args=[report.pk])).content.decode()
    assert "Rita Report" in page and "Career conversations" not in page
