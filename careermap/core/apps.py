from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "careermap.core"
    label = "core"
    verbose_name = "Careermap operations"
