from django.urls import reverse

from tests.factories import PersonFactory


def _form(person, **changes):
    data = {
        "name": person.name,
        "job_title": person.job_title,
        "team": person.team.name if person.team else "",
        "manager_email": person.manager.email if person.manager else "",
        "start_date": "",
        "version": person.version,
    }
    data.update(changes)
    return data


def test_hr_admin_changes_title_team_and_manager(client, hr, report, director):
    client.force_login(hr.user)
    url = reverse("people:edit", args=[report.pk])
    response = client.post(
        url,
        _form(
            report, job_title="Staff Engineer", team="Platform Core", manager_email=director.email
        ),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.job_title == "Staff Engineer"
    assert report.team.name == "Platform Core"
    assert report.manager == director
    assert report.version == 2


def test_bad_input_is_shown_next_to_the_field_and_kept(client, hr, report):
    client.force_login(hr.user)
    response = client.post(
        reverse("people:edit", args=[report.pk]),
        _form(report, name="", manager_email="nobody@example.org", job_title="Typed title"),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in page
    assert "Nobody in Careermap has this e-mail address." in page
    assert 'value="Typed title"' in page


def test_reporting_cycle_is_refused(client, hr, manager, report):
    client.force_login(hr.user)
    response = client.post(
        reverse("people:edit", args=[manager.pk]), _form(manager, manager_email=report.email)
    )
    assert response.status_code == 400
    assert "reports to Manny Manager" in response.content.decode()
    manager.refresh_from_db()
    assert manager.manager != report


def test_stale_edit_is_refused_and_both_versions_shown(client, hr, report):
    """Two HR admins open the same form; the second save must not overwrite the first."""
    other_hr = PersonFactory(is_hr_admin=True)
    url = reverse("people:edit", args=[report.pk])
    opened_version = report.version
    client.force_login(other_hr.user)
    client.post(url, _form(report, job_title="Title from the first admin"))
    client.force_login(hr.user)
    response = client.post(
        url, _form(report, job_title="Title from the second admin", version=opened_version)
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "changed by someone else" in page
    assert "Title from the first admin" in page  # what is saved
    assert 'value="Title from the second admin"' in page  # what this admin typed, kept
    report.refresh_from_db()
    assert report.job_title == "Title from the first admin"
    # Saving again from the conflict form (it now carries the new version) goes through.
    resubmit = _form(report, job_title="Title from the second admin", version=report.version)
    assert client.post(url, resubmit).status_code == 302
    report.refresh_from_db()
    assert report.job_title == "Title from the second admin"
