"""Forgot your password: the request queues the e-mail and answers the same, in the same work,
for any address; the background task sends the link to the sign-in, if there is one."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from huey import SqliteHuey
from huey.contrib.djhuey import HUEY

from careermap.people.imports import import_people
from careermap.people.models import User
from tests.factories import UserFactory

RESET = reverse("password_reset")

# The worker runs each task outside any test transaction and closes its database connections
# around it (Huey's db_task), so these tests commit for real; "on commit" is then at once.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue(tmp_path, monkeypatch):
    """The embedded default queue, on a file of this test's own."""
    monkeypatch.setattr(
        HUEY, "storage", SqliteHuey("careermap", filename=str(tmp_path / "q")).storage
    )
    return HUEY


def work_off(huey) -> int:
    """What the worker does: take each task off the queue and run it."""
    done = 0
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
        done += 1
    return done


def ask(client, email):
    return client.post(RESET, {"email": email}, follow=True)


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", message.body).group(1)


def test_the_request_sends_nothing_and_the_task_sends_the_link(client, report, queue, settings):
    settings.CAREERMAP_BASE_URL = "https://careers.example.com"
    response = ask(client, report.email)
    assert "Check your e-mail" in response.content.decode()
    assert mail.outbox == [] and queue.pending_count() == 1
    assert work_off(queue) == 1
    assert [m.to for m in mail.outbox] == [[report.email]]
    assert mail.outbox[0].subject == "Choose your Careermap password"
    assert "https://careers.example.com/accounts/reset/" in mail.outbox[0].body
    form_url = client.get(link_in(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    new = "brand-new-password-42"
    client.post(form_url, {"new_password1": new, "new_password2": new})
    assert User.objects.get(pk=report.user.pk).check_password(new)


def test_an_unknown_address_is_answered_the_same_and_gets_nothing(client, db, queue):
    response = ask(client, "nobody@example.org")
    assert "Check your e-mail" in response.content.decode()
    assert queue.pending_count() == 1  # queued all the same: the task finds nobody
    assert work_off(queue) == 1 and mail.outbox == []


def test_known_and_unknown_addresses_cost_the_request_the_same_queries(client, report, queue):
    counts = []
    for email in [report.email, "nobody@example.org"]:
        with CaptureQueriesContext(connection) as queries:
            client.post(RESET, {"email": email})
        counts.append(len(queries))
    # None at all, either way: the address is looked up by the task, never by the request.
    assert counts == [0, 0]
    assert queue.pending_count() == 2


def test_an_address_in_capitals_gets_the_link_at_the_stored_address(client, report, queue):
    ask(client, report.email.upper())
    work_off(queue)
    assert [m.to for m in mail.outbox] == [[report.email]]


def test_someone_added_by_an_import_chooses_their_first_password(client, db, queue):
    assert import_people(b"email,name\nnew@example.com,New Person\n", actor=None).ok
    ask(client, "new@example.com")
    work_off(queue)
    form_url = client.get(link_in(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    client.post(
        form_url, {"new_password1": "first-password-42", "new_password2": "first-password-42"}
    )
    assert User.objects.get(email="new@example.com").check_password("first-password-42")


def test_a_deactivated_sign_in_gets_nothing(client, db, queue):
    UserFactory(email="gone@example.org", is_active=False)
    ask(client, "gone@example.org")
    assert work_off(queue) == 1 and mail.outbox == []


def test_password_reset_requests_are_limited(client, report, queue):
    for _ in range(5):
        ask(client, report.email)
    response = client.post(RESET, {"email": report.email})
    assert response.status_code == 429 and "Too many requests" in response.content.decode()
    assert queue.pending_count() == 5


def test_behind_a_proxy_the_limit_counts_each_person_not_the_proxy(client, report, queue, settings):
    settings.PROXY_COUNT = 1  # nginx appends the address it was reached from
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for _ in range(5):
        client.post(RESET, {"email": report.email}, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    # What a client writes itself on the left of the header changes nothing.
    faked = "198.51.100.1, 203.0.113.7"
    assert (
        client.post(RESET, {"email": report.email}, HTTP_X_FORWARDED_FOR=faked).status_code == 429
    )
    # Someone else, through the same proxy, is not held back by it.
    other = client.post(RESET, {"email": report.email}, HTTP_X_FORWARDED_FOR="203.0.113.8", **proxy)
    assert other.status_code == 302
