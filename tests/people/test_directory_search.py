"""The people directory's search answers from a full-text index (SQLite FTS5 trigram tables,
PostgreSQL trigram indexes) that follows every way people and teams are written: services,
imports, the demo, the admin site, renames and deletions."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from careermap.people import demo, services
from careermap.people.imports import import_people
from careermap.people.models import Person, Team
from tests.factories import PersonFactory, TeamFactory


def found(client, text: str) -> str:
    return client.get(reverse("people:directory"), {"q": text}).content.decode()


@pytest.fixture
def searching(client, hr):
    client.force_login(hr.user)
    return client


def test_every_word_must_be_part_of_a_name_email_title_or_team(searching):
    atlas = TeamFactory(name="Atlas Payments")
    PersonFactory(name="Olive Oyelaran", email="olive@example.com", job_title="Analyst", team=atlas)
    PersonFactory(name="Bert Brown", email="bert@example.com", job_title="Data Analyst")
    assert "Olive Oyelaran" in found(searching, "PAYMENT")  # part of the team's name, any case
    assert "Olive Oyelaran" in found(searching, "yelar")  # the middle of a word
    assert "Bert Brown" in found(searching, "bert@exam")  # e-mail addresses, with their dots
    page = found(searching, "analyst atlas")
    assert "Olive Oyelaran" in page and "Bert Brown" not in page
    page = found(searching, "analyst brown")
    assert "Bert Brown" in page and "Olive Oyelaran" not in page


def test_a_match_never_spans_two_fields(searching):
    PersonFactory(name="Ana Silva", email="x1@example.com", job_title="Nurse", team=None)
    # "silva" ends the name and "nurse" is the title: "vanur" is in neither.
    assert "Nobody matches" in found(searching, "vanur")


def test_short_words_and_search_syntax_are_plain_text(searching):
    PersonFactory(name='Jo "JJ" Li', email="jo.li@example.com", job_title="50% time_off")
    PersonFactory(name="Someone Else", email="else@example.com", job_title="Engineer")
    assert "Jo &quot;JJ&quot; Li" in found(searching, "Li")  # two letters: still found
    assert "Jo &quot;JJ&quot; Li" in found(searching, '"JJ"')  # quotes are searched for
    page = found(searching, "50%")
    assert "Jo &quot;JJ&quot; Li" in page and "Someone Else" not in page
    page = found(searching, "e_of")  # an underscore is a character, not a wildcard
    assert "Jo &quot;JJ&quot; Li" in page and "Someone Else" not in page
    for syntax in ["AND", "NEAR(a b)", "name:x", "*", "^eng", "(", "'"]:
        assert found(searching, syntax)  # answered, not an error


def test_people_created_and_edited_through_services_are_found(searching, hr):
    person = services.create_person(
        actor=hr.user, name="Quentin Quill", email="q.quill@example.com", job_title="Writer"
    )
    assert "Quentin Quill" in found(searching, "quill")
    services.update_person(
        person,
        actor=hr.user,
        version=person.version,
        name="Quentin Featherstone",
        job_title="Editor",
        team=services.team_named("Newsroom"),
        manager=None,
        start_date=None,
        is_hr_admin=False,
    )
    assert "Nobody matches" in found(searching, "writer")
    assert "Quentin Featherstone" in found(searching, "quill")  # still their e-mail address
    for word in ["feather", "editor", "newsroom"]:
        assert "Quentin Featherstone" in found(searching, word), word


def test_a_team_renamed_or_deleted_changes_what_finds_its_people(searching):
    team = TeamFactory(name="Kestrel")
    PersonFactory(name="Tess Tan", team=team, job_title="Designer")
    team.name = "Osprey"
    team.save()
    assert "Nobody matches" in found(searching, "kestrel")
    assert "Tess Tan" in found(searching, "osprey")
    team.delete()
    assert "Nobody matches" in found(searching, "osprey")
    assert "Tess Tan" in found(searching, "tess")


def test_a_deleted_person_is_no_longer_found(searching):
    person = PersonFactory(name="Gone Away", job_title="Leaver")
    person.delete()
    assert "Nobody matches" in found(searching, "leaver")


def test_imported_people_are_found_under_their_new_details(searching):
    PersonFactory(name="Kim Park", email="kim@example.com", job_title="Recruiter")
    data = (
        "email,name,title,team\n"
        "kim@example.com,Kim Park-Lee,Talent Lead,Talent\n"
        "new@example.com,Nadia Newcomer,Welder,Workshop\n"
    )
    report = import_people(data.encode(), actor=None)
    assert report.ok and report.applied
    assert "Nobody matches" in found(searching, "recruiter")
    assert "Kim Park-Lee" in found(searching, "talent lead")
    assert "Nadia Newcomer" in found(searching, "workshop welder")


def test_the_demo_organisation_is_searchable(client, db):
    demo.build_demo(people=300)  # the core company, then generated people in bulk
    client.force_login(Person.objects.get(email="rosa.delgado@example.com").user)
    assert "Maya Chen" in found(client, "maya platform")
    generated = Person.objects.order_by("-pk").select_related("team").first()
    page = found(client, f"{generated.email} {generated.team.name}")
    assert "1 match " in page and generated.name in page


def test_a_person_changed_in_the_admin_site_is_found_by_the_new_name(client, sysadmin, report):
    client.force_login(sysadmin)
    url = reverse("admin:people_person_change", args=[report.pk])
    data = {"name": "Rita Renamed", "email": report.email, "job_title": "Tester", "version": 1}
    assert client.post(url, data).status_code == 302
    hr = PersonFactory(name="Hana HR", is_hr_admin=True)
    client.force_login(hr.user)
    assert "Rita Renamed" in found(client, "renamed tester")
    assert "Nobody matches" in found(client, "rita report")


def test_search_query_count(searching, django_assert_num_queries):
    PersonFactory.create_batch(60, job_title="Pager Test")
    # 1 the signed-in user with their person, 2 how many match (for paging), 3 the unread
    # reminders in the navigation, 4 the page of matches with their team and manager; each
    # word is a subquery on the index, not a query of its own
    with django_assert_num_queries(4):
        page = found(searching, "pager test")
    assert "60 matches" in page


@pytest.mark.django_db(transaction=True)
def test_the_migration_indexes_the_people_already_there(client):
    executor = MigrationExecutor(connection)
    before, index = ("people", "0003_leavers_and_erasure"), ("people", "0004_directory_search")
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    old_person, old_team = old.get_model("people", "Person"), old.get_model("people", "Team")
    team = old_team.objects.create(name="Lighthouse")
    old_person.objects.create(name="Early Bird", email="early@example.com", team=team)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([index])
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    hr = PersonFactory(name="Hana HR", is_hr_admin=True)
    client.force_login(hr.user)
    assert "Early Bird" in found(client, "lighthouse")
    assert "Early Bird" in found(client, "bird")
    assert Team.objects.count() == 2
