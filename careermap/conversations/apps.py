from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "careermap.conversations"
    label = "conversations"
    verbose_name = "Career conversations"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the playbook check)
