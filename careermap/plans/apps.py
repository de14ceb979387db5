from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "careermap.plans"
    label = "plans"
    verbose_name = "Development plans"
