from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "careermap.opportunities"
    label = "opportunities"
    verbose_name = "Development opportunities"
