"""The list of opportunities: filters, search, paging, empty states, and a bounded cost."""

from django.urls import reverse

from careermap.frameworks.models import Role, TargetRole
from tests.factories import PersonFactory


def test_filters_by_kind_and_skill_and_searches_titles_and_descriptions(
    client, manager, report, post
):
    post(manager, "Lead the security review", kind="stretch", skills=["security", "planning"])
    post(manager, "Mentoring circle", kind="mentoring", skills=["coaching"])
    post(
        manager,
        "Data rotation",
        kind="rotation",
        skills=["data-pipelines"],
        description="Six weeks building pipelines with the data team.",
    )
    client.force_login(report.user)
    url = reverse("opportunities:list")

    def shown(**params):
        page = client.get(url, params).content.decode()
        return {
            t
            for t in ("Lead the security review", "Mentoring circle", "Data rotation")
            if t in page
        }

    assert shown() == {"Lead the security review", "Mentoring circle", "Data rotation"}
    assert shown(kind="mentoring") == {"Mentoring circle"}
    assert shown(skill="planning") == {"Lead the security review"}
    assert shown(q="pipelines") == {"Data rotation"}  # found in the description
    assert shown(q="security LEAD") == {"Lead the security review"}  # every word, any case
    assert shown(kind="mentoring", skill="planning") == set()
    page = client.get(url, {"kind": "mentoring", "skill": "planning"}).content.decode()
    assert "Nothing matches these filters." in page and "Clear them" in page


def test_with_nothing_posted_it_says_what_to_do(client, report, framework):
    client.force_login(report.user)
    page = client.get(reverse("opportunities:list")).content.decode()
    assert "No opportunities yet" in page and "Post one you can offer" in page


def test_fifty_a_page_with_a_fixed_number_of_queries(
    client, report, post, django_assert_num_queries
):
    offerers = PersonFactory.create_batch(6)
    for i in range(60):
        post(
            offerers[i % 6],
            f"Opportunity number {i:02}",
            skills=["coaching", "planning", "security"][: 1 + i % 3],
            hours_per_week=2,
        )
    client.force_login(report.user)
    url = reverse("opportunities:list")
    client.get(url)  # the framework is compiled once per process, not per page
    # 1 the signed-in user with their person, 2 the number visible (for paging), 3 the page of
    # opportunities, 4 their skills, 5 the framework version (the skills to filter by are kept
    # with the compiled framework), 6 the unread reminders
    with django_assert_num_queries(6):
        page = client.get(url).content.decode()
    assert page.count('class="opportunity-row') == 50
    assert "Opportunity number 59" in page and "Page 1 of 2" in page
    second = client.get(url, {"page": 2}).content.decode()
    assert second.count('class="opportunity-row') == 10 and "Opportunity number 00" in second
    # Coaching and planning become gaps: every one of the sixty matches.
    TargetRole.objects.create(person=report, role=Role.objects.get(key="engineering-management-l3"))
    # The same six, and the skills the reader wants to grow: 7 those their plan's objectives
    # name and 8 those their target roles expect (the ranking itself is done in Python)
    with django_assert_num_queries(8):
        ranked = client.get(url, {"for": "me"}).content.decode()
    assert ranked.count('class="why"') == 50


def test_a_sign_in_with_no_person_has_no_list(client, sysadmin):
    client.force_login(sysadmin)
    assert client.get(reverse("opportunities:list")).status_code == 404
