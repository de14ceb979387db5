from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "careermap.audit"
    label = "audit"
    verbose_name = "Access log"
