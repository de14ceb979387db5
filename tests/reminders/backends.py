"""E-mail backends that misbehave the way real ones do, set through settings.EMAIL_BACKEND."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class FailingBackend(BaseEmailBackend):
    """The mail server is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class StoppedMidSendBackend(BaseEmailBackend):
    """The worker is stopped while the message is on its way (it may or may not arrive)."""

    def send_messages(self, email_messages):
        raise SystemExit("worker stopped")


class RacingBackend(LocmemBackend):
    """While this worker sends, a second worker runs a delivery of its own."""

    raced = False

    def send_messages(self, email_messages):
        if not RacingBackend.raced:
            RacingBackend.raced = True
            from careermap.reminders import services

            services.deliver()
        return super().send_messages(email_messages)
