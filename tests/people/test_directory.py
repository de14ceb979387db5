from django.urls import reverse

from tests.factories import PersonFactory, TeamFactory


def test_directory_lists_everyone_for_hr(client, hr, report, stranger):
    client.force_login(hr.user)
    page = client.get(reverse("people:directory")).content.decode()
    assert report.name in page and stranger.name in page


def test_directory_search_matches_name_title_and_team(client, hr):
    data = TeamFactory(name="Data Science")
    PersonFactory(name="Olive Oyelaran", job_title="Analyst", team=data)
    PersonFactory(name="Bert Brown", job_title="Recruiter")
    client.force_login(hr.user)
    page = client.get(reverse("people:directory"), {"q": "data"}).content.decode()
    assert "Olive Oyelaran" in page and "Bert Brown" not in page
    page = client.get(reverse("people:directory"), {"q": "recruit"}).content.decode()
    assert "Bert Brown" in page and "Olive Oyelaran" not in page
    page = client.get(reverse("people:directory"), {"q": "nobody-like-this"}).content.decode()
    assert "Nobody matches" in page


def test_directory_pages_through_fifty_at_a_time(client, hr):
    PersonFactory.create_batch(60, job_title="Pager Test")
    client.force_login(hr.user)
    first = client.get(reverse("people:directory"), {"q": "pager"}).content.decode()
    assert "60 matches" in first and "Page 1 of 2" in first and first.count("<tr>") == 51
    second = client.get(reverse("people:directory"), {"q": "pager", "page": 2}).content.decode()
    assert "Page 2 of 2" in second and second.count("<tr>") == 11


def test_htmx_search_returns_only_the_rows(client, hr, report):
    client.force_login(hr.user)
    response = client.get(reverse("people:directory"), {"q": report.name}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert report.name in body and "<html" not in body


def test_directory_query_count_is_flat(client, hr, django_assert_num_queries):
    PersonFactory.create_batch(80, manager=hr)
    client.force_login(hr.user)
    # 1 the signed-in user with their person, 2 the head count (for paging), 3 the unread
    # reminders in the navigation, 4 the page of people with their team and manager
    with django_assert_num_queries(4):
        client.get(reverse("people:directory"))
