from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "careermap.people"
    label = "people"
    verbose_name = "People and teams"
