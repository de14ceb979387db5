from django.urls import reverse

from careermap.people.models import User

PASSWORD = "a-long-test-password"


def test_sign_in_with_email_and_password_reaches_my_home(client, report):
    response = client.post(
        reverse("login"), {"username": report.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert report.name in response.content.decode()


def test_wrong_password_shows_an_error_and_keeps_the_email(client, report):
    response = client.post(reverse("login"), {"username": report.email, "password": "nope"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Please enter a correct" in page and f'value="{report.email}"' in page


def test_repeated_failures_lock_the_sign_in_out(client, report, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": report.email, "password": "wrong"})
    response = client.post(reverse("login"), {"username": report.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()


def test_sign_out_needs_post_and_ends_the_session(client, report):
    client.force_login(report.user)
    client.post(reverse("logout"))
    response = client.get(reverse("people:me"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_password_change_rejects_a_weak_password_next_to_the_field(client, report):
    client.force_login(report.user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "123", "new_password2": "123"},
    )
    page = response.content.decode()
    assert 'class="field-error"' in page and "too short" in page
    assert User.objects.get(pk=report.user.pk).check_password(PASSWORD)


# Password resets: tests/security/test_password_reset.py


def test_behind_a_proxy_a_lockout_holds_one_address_not_everyone(client, report, settings):
    settings.PROXY_COUNT = 1
    login = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            login,
            {"username": report.email, "password": "wrong"},
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    right = {"username": report.email, "password": PASSWORD}
    assert client.post(login, right, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    assert client.post(login, right, HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 302
