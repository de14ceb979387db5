import re

from django.core import mail
from django.urls import reverse

from careermap.people.models import User

PASSWORD = "a-long-test-password"


def test_sign_in_with_email_and_password_reaches_my_page(client, report):
    response = client.post(
        reverse("login"), {"username": report.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("people:me")
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


def test_password_reset_sends_a_link_that_sets_a_new_password(client, report):
    client.post(reverse("password_reset"), {"email": report.email})
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [report.email]
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new = "brand-new-password-42"
    client.post(form_url, {"new_password1": new, "new_password2": new})
    assert User.objects.get(pk=report.user.pk).check_password(new)


def test_password_reset_for_unknown_address_sends_nothing_and_says_the_same(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"}, follow=True)
    assert "Check your e-mail" in response.content.decode() and mail.outbox == []


def test_password_change_rejects_a_weak_password_next_to_the_field(client, report):
    client.force_login(report.user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "123", "new_password2": "123"},
    )
    page = response.content.decode()
    assert 'class="field-error"' in page and "too short" in page
    assert User.objects.get(pk=report.user.pk).check_password(PASSWORD)


def test_password_reset_requests_are_limited(client, report):
    for _ in range(5):
        client.post(reverse("password_reset"), {"email": report.email})
    response = client.post(reverse("password_reset"), {"email": report.email})
    assert response.status_code == 429 and "Too many requests" in response.content.decode()
    assert len(mail.outbox) == 5
