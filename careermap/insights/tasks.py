"""Background tasks. Each only calls a service; the services make them safe to run twice."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import services


# Every hour: figures an hour old are fresh enough for looking at an organisation, and the
# page says when they were computed.
@db_periodic_task(crontab(minute="41"))
def refresh_insights() -> None:
    services.refresh()
