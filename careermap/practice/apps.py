from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "careermap.practice"
    label = "practice"
    verbose_name = "Practice"
