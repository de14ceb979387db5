from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "careermap.insights"
    label = "insights"
    verbose_name = "Insights"
