"""Background tasks composed above the apps. Each only calls a service."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import erasure


@db_periodic_task(crontab(hour="3", minute="30"))
def erase_leavers() -> None:
    """Every night: leavers kept past CAREERMAP_LEAVER_RETENTION_DAYS are erased."""
    erasure.erase_leavers()
