"""The demo organisation's manager has practised once, so his practice history is not empty."""

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from careermap.practice.models import Attempt


def test_daniel_has_one_finished_attempt_with_feedback(db):
    call_command("demo", "--no-serve")
    attempt = Attempt.objects.get()
    assert attempt.person.name == "Daniel Okafor"
    assert attempt.finished_at and attempt.feedback["suggestions"] and attempt.score is not None
    client = Client()
    client.force_login(attempt.person.user)
    page = client.get(reverse("practice:home")).content.decode()
    assert f"Last score {attempt.score}" in page
    assert reverse("practice:feedback", args=[attempt.pk]) in page
