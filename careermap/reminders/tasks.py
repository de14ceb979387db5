"""Background tasks. Each only calls a service; the services make them safe to run twice."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import services


@db_periodic_task(crontab(minute="*/15"))
def sweep_and_deliver() -> None:
    services.sweep()
    services.deliver()


@db_task(retries=2, retry_delay=60)
def deliver_now() -> None:
    """E-mail whatever is due without waiting for the next quarter of an hour."""
    services.deliver()
