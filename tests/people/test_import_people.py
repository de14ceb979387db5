"""Importing people from CSV: all or nothing, with a report naming each bad row and field."""

import pytest
from django.urls import reverse

from careermap.people.imports import import_people
from careermap.people.models import Person, Team, User

HEADER = "email,name,title,team,manager_email,start_date,hr_admin\n"
GOOD = (
    HEADER
    + "ana@example.com,Ana Silva,Engineering Manager,Platform,,2019-03-01,no\n"
    + "li@example.com,Li Wei,Software Engineer,Platform,ana@example.com,2023-09-18,no\n"
    + "kim@example.com,Kim Park,People Partner,People,ana@example.com,2021-01-04,yes\n"
)


def run(text: str | bytes, **kwargs):
    data = text.encode() if isinstance(text, str) else text
    return import_people(data, actor=None, **kwargs)


def test_good_file_creates_people_teams_and_reporting_line(db):
    report = run(GOOD)
    assert report.ok and report.applied
    assert [c.email for c in report.created] == [
        "ana@example.com",
        "li@example.com",
        "kim@example.com",
    ]
    li = Person.objects.get(email="li@example.com")
    assert li.manager.name == "Ana Silva" and li.team.name == "Platform"
    assert li.start_date.isoformat() == "2023-09-18"
    assert Person.objects.get(email="kim@example.com").is_hr_admin
    assert User.objects.get(email="li@example.com").has_usable_password() is False


def test_same_file_twice_changes_nothing(db):
    run(GOOD)
    before = list(Person.objects.values_list("email", "version", "updated_at", "manager_id"))
    again = run(GOOD)
    assert again.ok and not again.created and not again.updated and again.unchanged == 3
    assert (
        list(Person.objects.values_list("email", "version", "updated_at", "manager_id")) == before
    )


def test_changed_row_updates_only_that_person_and_names_the_fields(db):
    run(GOOD)
    report = run(GOOD.replace("Software Engineer,Platform", "Senior Software Engineer,Data"))
    assert [(c.email, c.fields) for c in report.updated] == [("li@example.com", ["title", "team"])]
    li = Person.objects.get(email="li@example.com")
    assert li.job_title == "Senior Software Engineer" and li.team.name == "Data"
    assert li.version == 2


def test_dry_run_reports_changes_and_writes_nothing(db):
    report = run(GOOD, dry_run=True)
    assert report.ok and not report.applied and len(report.created) == 3
    assert not Person.objects.exists() and not Team.objects.exists()


def test_manager_may_already_be_in_careermap(db):
    run(HEADER + "boss@example.com,Bo Boss,CEO,,,,no\n")
    report = run(HEADER + "new@example.com,Nu New,Engineer,,boss@example.com,,no\n")
    assert report.ok
    assert Person.objects.get(email="new@example.com").manager.email == "boss@example.com"


def test_only_email_and_name_are_required_and_missing_columns_keep_values(db):
    run(GOOD)
    report = run("email,name\nli@example.com,Li Wei\nzed@example.com,Zed Zee\n")
    assert report.ok and [c.email for c in report.created] == ["zed@example.com"]
    li = Person.objects.get(email="li@example.com")
    assert li.manager.email == "ana@example.com" and li.job_title == "Software Engineer"


def test_semicolon_separated_file_with_bom_imports(db):
    text = "\ufeff" + GOOD.replace(",", ";")
    assert run(text).ok and Person.objects.count() == 3


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        (
            HEADER + "ana@example.com,Ana,,,boss@example.com,,no\n",
            2,
            "manager_email",
            "Unknown manager boss@example.com",
        ),
        (
            HEADER + "ana@example.com,Ana,,,,,no\nANA@example.com,Ana Again,,,,,no\n",
            3,
            "email",
            "ana@example.com is already on line 2",
        ),
        (
            HEADER + "ana@example.com,Ana,,,,03/12/2021,no\n",
            2,
            "start_date",
            "“03/12/2021” is not a date written as YYYY-MM-DD",
        ),
        (HEADER + "ana@example.com,Ana,,,,2021-02-30,no\n", 2, "start_date", "not a date"),
        (HEADER + "not-an-email,Ana,,,,,no\n", 2, "email", "is not an e-mail address"),
        (HEADER + "ana@example.com,,,,,,no\n", 2, "name", "A name is required"),
        (HEADER + "ana@example.com,Ana,,,,,maybe\n", 2, "hr_admin", "is not yes or no"),
        (
            HEADER + "ana@example.com,Ana,,,ana@example.com,,no\n",
            2,
            "manager_email",
            "cannot be their own manager",
        ),
        (HEADER + "ana@example.com,Ana,Engineer\n", 2, None, "Has 3 values; the header has 7"),
        ("name,title\nAna,Engineer\n", 1, "email", "This column is missing"),
        (
            "email,name,manger_email\nana@example.com,Ana,\n",
            1,
            "manger_email",
            "Did you mean “manager_email”?",
        ),
        ("", None, None, "The file is empty"),
        (HEADER, None, None, "header but no people"),
    ],
)
def test_each_kind_of_bad_file_is_reported_and_nothing_written(db, text, line, column, words):
    report = run(text)
    assert not report.ok and not report.applied
    assert any(
        p.line == line and p.column == column and words in p.message for p in report.problems
    ), [str(p) for p in report.problems]
    assert not Person.objects.exists() and not Team.objects.exists() and not User.objects.exists()


def test_reporting_cycle_in_the_file_is_reported(db):
    text = (
        HEADER
        + "a@example.com,A,,,c@example.com,,no\n"
        + "b@example.com,B,,,a@example.com,,no\n"
        + "c@example.com,C,,,b@example.com,,no\n"
    )
    report = run(text)
    [problem] = report.problems
    assert problem.line == 2 and problem.column == "manager_email"
    assert "reporting cycle" in problem.message and "a@example.com" in problem.message
    assert not Person.objects.exists()


def test_cycle_through_people_already_in_careermap_is_reported(db):
    run(HEADER + "a@example.com,A,,,,,no\nb@example.com,B,,,a@example.com,,no\n")
    report = run(HEADER + "a@example.com,A,,,b@example.com,,no\n")
    assert not report.ok and "reporting cycle" in report.problems[0].message
    assert Person.objects.get(email="a@example.com").manager is None


def test_wrong_encoding_is_reported_with_advice(db):
    latin1 = (HEADER + "jose@example.com,José Núñez,,,,,no\n").encode("latin-1")
    report = run(latin1)
    assert not report.ok and report.problems[0].line == 2
    assert "not UTF-8" in report.problems[0].message and "CSV UTF-8" in report.problems[0].message
    utf16 = run((HEADER + "a@example.com,A,,,,,no\n").encode("utf-16"))
    assert "UTF-16" in utf16.problems[0].message


def test_every_problem_in_the_file_is_listed_at_once(db):
    text = HEADER + "bad,Ana,,,,,no\nli@example.com,,,,,2020-13-01,no\n"
    report = run(text)
    assert {(p.line, p.column) for p in report.problems} == {
        (2, "email"),
        (3, "name"),
        (3, "start_date"),
    }


def test_import_page_shows_the_report_and_writes_nothing_on_errors(client, hr):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(hr.user)
    bad = SimpleUploadedFile(
        "people.csv", (HEADER + "x@example.com,X,,,ghost@example.com,,no\n").encode()
    )
    response = client.post(reverse("people:import"), {"file": bad})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported" in page and "Unknown manager ghost@example.com" in page
    assert not Person.objects.filter(email="x@example.com").exists()


def test_import_page_dry_run_then_import(client, hr):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(hr.user)
    upload = SimpleUploadedFile("people.csv", GOOD.encode())
    page = client.post(reverse("people:import"), {"file": upload, "dry_run": "on"}).content.decode()
    assert "Dry run: nothing was written" in page and "Would create 3" in page
    assert not Person.objects.filter(email="ana@example.com").exists()
    upload = SimpleUploadedFile("people.csv", GOOD.encode())
    page = client.post(reverse("people:import"), {"file": upload}).content.decode()
    assert "Created 3" in page and Person.objects.filter(email="ana@example.com").exists()


def test_import_page_without_a_file_says_so_next_to_the_field(client, hr):
    client.force_login(hr.user)
    page = client.post(reverse("people:import"), {}).content.decode()
    assert 'class="field-error"' in page and "This field is required." in page
