"""Posting an opportunity, and who may edit, close and reopen it."""

from django.urls import reverse

from careermap.frameworks.models import Skill
from careermap.opportunities.models import Opportunity


def _form(**overrides):
    coaching = Skill.objects.get(key="coaching")
    return {
        "kind": "mentoring",
        "title": "Mentoring circle for new leads",
        "description": "An hour every other week with an experienced manager.",
        "skills": [coaching.pk],
        "contact": "",
        "where": "Online",
        "starts_on": "",
        "ends_on": "",
        "hours_per_week": "1",
        "places": "6",
        **overrides,
    }


def test_anyone_posts_one_they_offer_and_everyone_sees_it(
    client, report, peer, stranger, framework
):
    client.force_login(report.user)
    assert "Post an opportunity" in client.get(reverse("opportunities:create")).content.decode()
    response = client.post(reverse("opportunities:create"), _form(contact=report.email))
    opportunity = Opportunity.objects.get()
    assert response.status_code == 302 and response["Location"] == opportunity.get_absolute_url()
    assert opportunity.offered_by == report and opportunity.created_by == report
    for person in (peer, stranger):
        client.force_login(person.user)
        page = client.get(opportunity.get_absolute_url()).content.decode()
        assert "Mentoring circle for new leads" in page and report.email in page
        assert "1 h a week" in page and "Coaching" in page
        assert "Edit" not in page  # only its editors
        listed = client.get(reverse("opportunities:list")).content.decode()
        assert "Mentoring circle for new leads" in listed


def test_a_refused_post_keeps_what_was_typed_with_the_problems_by_their_fields(
    client, report, framework
):
    client.force_login(report.user)
    response = client.post(
        reverse("opportunities:create"),
        _form(
            title="",
            contact="nobody@example.org",
            starts_on="2027-03-01",
            ends_on="2027-02-01",
            hours_per_week="60",
        ),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "An hour every other week with an experienced manager." in page
    assert 'value="nobody@example.org"' in page and 'value="Online"' in page
    assert "Nobody in Careermap has this e-mail address." in page
    assert "It cannot end before it starts." in page
    assert page.count('class="field-error"') == 4  # title, contact, ends, hours
    assert not Opportunity.objects.exists()


def test_the_poster_the_person_offering_it_and_hr_edit_it_nobody_else(
    client, manager, report, peer, director, hr, stranger, post
):
    opportunity = post(manager, "Lead the security review", offered_by=report)
    edit = reverse("opportunities:edit", args=[opportunity.pk])
    for person, status in [
        (manager, 200),
        (report, 200),
        (hr, 200),
        (peer, 404),
        (director, 404),
        (stranger, 404),
    ]:
        client.force_login(person.user)
        assert client.get(edit).status_code == status, person
        close = client.post(reverse("opportunities:close", args=[opportunity.pk]))
        assert close.status_code == (302 if status == 200 else 404), person
        client.post(reverse("opportunities:reopen", args=[opportunity.pk]))
    opportunity.refresh_from_db()
    assert opportunity.is_open


def test_an_edit_saves_and_a_stale_one_is_refused_keeping_what_was_typed(client, manager, hr, post):
    opportunity = post(manager, "Lead the security review", skills=["security"])
    url = reverse("opportunities:edit", args=[opportunity.pk])
    client.force_login(hr.user)
    client.post(
        url,
        _form(
            title="Lead the yearly security review",
            contact=manager.email,
            version=opportunity.version,
        ),
    )
    client.force_login(manager.user)
    response = client.post(
        url,
        _form(title="My better title", contact=manager.email, version=opportunity.version),
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "changed this opportunity while you were editing" in page
    assert 'value="My better title"' in page
    assert f'name="version" value="{opportunity.version + 1}"' in page  # saving again works
    opportunity.refresh_from_db()
    assert opportunity.title == "Lead the yearly security review"
    client.post(url, _form(title="My better title", contact=manager.email, version=2))
    opportunity.refresh_from_db()
    assert opportunity.title == "My better title" and opportunity.version == 3


def test_a_closed_one_is_seen_by_its_editors_only(client, manager, report, hr, peer, post):
    opportunity = post(manager, "Organise the spring hackathon")
    client.force_login(manager.user)
    client.post(reverse("opportunities:close", args=[opportunity.pk]))
    for person, sees in [(manager, True), (hr, True), (report, False), (peer, False)]:
        client.force_login(person.user)
        detail = client.get(opportunity.get_absolute_url())
        assert detail.status_code == (200 if sees else 404), person
        listed = client.get(reverse("opportunities:list")).content.decode()
        assert "Organise the spring hackathon" not in listed  # the list shows open ones
        closed = client.get(reverse("opportunities:list"), {"status": "closed"}).content.decode()
        assert ("Organise the spring hackathon" in closed) == sees, person
    client.force_login(manager.user)
    assert "Reopen it" in client.get(opportunity.get_absolute_url()).content.decode()
    client.post(reverse("opportunities:reopen", args=[opportunity.pk]))
    client.force_login(report.user)
    assert client.get(opportunity.get_absolute_url()).status_code == 200
