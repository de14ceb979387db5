from django.apps import AppConfig
from django.contrib.admin import apps as django_admin


class CoreConfig(AppConfig):
    name = "careermap.core"
    label = "core"
    verbose_name = "Careermap operations"


class AdminConfig(django_admin.AdminConfig):
    """Django's admin, with Careermap's site: who may use it is decided in careermap/access.py."""

    default_site = "careermap.core.admin.AdminSite"
    default = False  # "careermap.core" itself stays CoreConfig
