from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "careermap.live"
    label = "live"
    verbose_name = "Live updates"
