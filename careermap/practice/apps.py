from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "careermap.practice"
    label = "practice"
    verbose_name = "Practice"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the scenario and lesson checks)
