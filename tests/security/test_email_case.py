"""An e-mail address is the same address in any case: for signing in, for the lockout after
failed sign-ins, and for who is who (two people or sign-ins never differ only by case)."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from careermap.people.imports import import_people
from careermap.people.models import Person, User
from tests.factories import PersonFactory

PASSWORD = "a-long-test-password"


@pytest.fixture
def maya(db):
    return PersonFactory(name="Maya Chen", email="maya.chen@example.com")


def test_signing_in_with_capitals_signs_in_as_the_person(client, maya):
    response = client.post(
        reverse("login"),
        {"username": "Maya.Chen@Example.com", "password": PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.wsgi_request.user == maya.user and "Maya Chen" in response.content.decode()


def test_changing_case_does_not_dodge_the_lockout(client, maya, settings):
    spellings = ["maya.chen@example.com", "MAYA.CHEN@EXAMPLE.COM", "Maya.Chen@Example.com"]
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": spellings[n % 3], "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "maya.chen@example.com", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_new_sign_in_from_the_admin_site_is_stored_in_lower_case(client, sysadmin):
    client.force_login(sysadmin)
    response = client.post(
        reverse("admin:people_user_add"),
        {
            "email": "New.Person@Example.com",
            "password1": "a-strong-new-password",
            "password2": "a-strong-new-password",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    assert User.objects.filter(email="new.person@example.com").exists()


def test_the_admin_site_refuses_a_sign_in_that_differs_only_by_case(client, sysadmin, maya):
    client.force_login(sysadmin)
    response = client.post(
        reverse("admin:people_user_add"),
        {
            "email": "MAYA.chen@example.com",
            "password1": "a-strong-new-password",
            "password2": "a-strong-new-password",
            "usable_password": "true",
        },
    )
    assert "User with this Email already exists." in response.content.decode()
    assert User.objects.filter(email__iexact="maya.chen@example.com").count() == 1


def test_the_admin_site_refuses_a_person_whose_address_differs_only_by_case(
    client, sysadmin, maya, report
):
    client.force_login(sysadmin)
    url = reverse("admin:people_person_change", args=[report.pk])
    data = {"name": report.name, "email": "Maya.Chen@Example.com", "job_title": "", "version": 1}
    response = client.post(url, data)
    assert "Person with this Email already exists." in response.content.decode()
    assert Person.objects.get(pk=report.pk).email == report.email


def test_an_address_changed_in_the_admin_site_is_stored_in_lower_case(client, sysadmin, report):
    client.force_login(sysadmin)
    url = reverse("admin:people_person_change", args=[report.pk])
    data = {"name": report.name, "email": "Rita.Report@Example.com", "job_title": "", "version": 1}
    assert client.post(url, data).status_code == 302
    assert Person.objects.get(pk=report.pk).email == "rita.report@example.com"


def test_an_import_in_capitals_updates_the_person_instead_of_adding_one(maya):
    data = b"email,name\nMAYA.Chen@example.COM,Maya Chen-Li\n"
    report = import_people(data, actor=None)
    assert report.ok and not report.created and [c.email for c in report.updated] == [maya.email]
    assert Person.objects.get().name == "Maya Chen-Li"


@pytest.mark.parametrize("model", [User, Person])
def test_the_database_refuses_an_address_with_capitals(maya, model):
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(email=maya.email).update(email="Maya.Chen@example.com")
