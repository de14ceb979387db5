from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "careermap.home"
    label = "home"
    verbose_name = "Home"
