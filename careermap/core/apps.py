from django.apps import AppConfig
from django.contrib.admin import apps as django_admin


class CoreConfig(AppConfig):
    name = "careermap.core"
    label = "core"
    verbose_name = "Careermap operations"

    def ready(self):
        from huey.contrib.djhuey import HUEY
        from huey.signals import SIGNAL_ERROR

        HUEY.signal(SIGNAL_ERROR)(_task_failed)


def _task_failed(signal, task, exc=None):
    # Imported on the first failure, not at start: `careermap serve` must choose where
    # metrics are kept before prometheus-client is first imported (careermap/core/server.py).
    from . import metrics

    metrics.task_failed(signal, task, exc)


class AdminConfig(django_admin.AdminConfig):
    """Django's admin, with Careermap's site: who may use it is decided in careermap/access.py."""

    default_site = "careermap.core.admin.AdminSite"
    default = False  # "careermap.core" itself stays CoreConfig
