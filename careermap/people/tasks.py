"""Background tasks. Each only calls a service."""

from huey.contrib.djhuey import db_task

from . import services


@db_task(retries=2, retry_delay=60)
def send_password_reset(email: str) -> None:
    # The address, not a user id: the task, not the request, finds out whether it is known.
    services.send_password_reset(email=email)
