from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "careermap.frameworks"
    label = "frameworks"
    verbose_name = "Career framework"
