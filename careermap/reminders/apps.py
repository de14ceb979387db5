from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "careermap.reminders"
    label = "reminders"
    verbose_name = "Reminders"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deploy check for the base URL)
