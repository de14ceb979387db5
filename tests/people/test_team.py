from django.urls import reverse

from tests.factories import PersonFactory


def test_manager_sees_direct_and_skip_level_reports_not_strangers(
    client, director, manager, report, peer, stranger
):
    client.force_login(director.user)
    page = client.get(reverse("people:team")).content.decode()
    assert manager.name in page  # direct report
    assert report.name in page and peer.name in page  # skip-level, under their manager
    assert stranger.name not in page
    assert "1 direct report and 2 skip-level reports" in page


def test_team_member_without_reports_sees_an_empty_state(client, report):
    client.force_login(report.user)
    page = client.get(reverse("people:team")).content.decode()
    assert "Nobody reports to you" in page


def test_three_levels_down_is_not_on_the_team_page(client, director, manager, report):
    intern = PersonFactory(name="Ivy Intern", manager=report)
    client.force_login(director.user)
    page = client.get(reverse("people:team")).content.decode()
    assert report.name in page and intern.name not in page


def test_team_page_query_count_is_flat(client, manager, django_assert_num_queries):
    directs = PersonFactory.create_batch(20, manager=manager)
    for direct in directs[:5]:
        PersonFactory.create_batch(8, manager=direct)
    client.force_login(manager.user)
    # 1 the signed-in user with their person, 2 their reports and skip-level reports with
    # their teams, 3 the unread reminders in the navigation; not one per report
    with django_assert_num_queries(3):
        response = client.get(reverse("people:team"))
    assert response.content.decode().count('class="team-card"') == 20


def test_hr_admin_team_page_shows_their_own_reports_not_everyone(client, hr, report, stranger):
    """HR admins may see everyone, but their team page is their team, like anyone's."""
    mine = PersonFactory(name="Hugo Hire", manager=hr)
    client.force_login(hr.user)
    page = client.get(reverse("people:team")).content.decode()
    assert mine.name in page
    assert report.name not in page and stranger.name not in page


def test_sign_in_without_a_person_has_an_empty_team_page(client, sysadmin, report):
    client.force_login(sysadmin)
    page = client.get(reverse("people:team")).content.decode()
    assert "Nobody reports to you" in page and report.name not in page
