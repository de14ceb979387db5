"""Who is a system administrator is decided once, in careermap/access.py (a superuser): the
Admin link, the welcome page's pointer to the admin site and the admin site itself all agree.
The old `is_staff` flag no longer opens anything."""

from django.urls import reverse

from tests.factories import PersonFactory, UserFactory

PASSWORD = "a-long-test-password"
ADMIN_LINK = f'href="{reverse("admin:index")}"'


def test_staff_flag_alone_gives_no_admin_link_and_no_admin_site(client, db):
    staff = PersonFactory(user__is_staff=True)
    client.force_login(staff.user)
    assert ADMIN_LINK not in client.get(reverse("people:me")).content.decode()
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={reverse('admin:index')}"


def test_staff_flag_alone_cannot_sign_in_to_the_admin_site(client, db):
    staff = UserFactory(is_staff=True)
    response = client.post(
        reverse("admin:login"), {"username": staff.email, "password": PASSWORD}, follow=True
    )
    assert "not a system administrator" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_staff_account_with_no_person_is_not_pointed_to_the_admin_site(client, db):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    page = client.get(reverse("people:me")).content.decode()
    assert "not linked to anyone" in page and ADMIN_LINK not in page


def test_a_system_administrator_gets_the_link_and_the_site_without_the_staff_flag(client, db):
    admin = UserFactory(is_superuser=True, is_staff=False)
    client.force_login(admin)
    page = client.get(reverse("people:me")).content.decode()
    assert ADMIN_LINK in page and "you can also use" in page
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_system_administrator_signs_in_to_the_admin_site(client, db):
    admin = UserFactory(is_superuser=True, is_staff=False)
    response = client.post(
        reverse("admin:login"),
        {"username": admin.email, "password": PASSWORD, "next": reverse("admin:index")},
    )
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
