from django.apps import AppConfig


class RapportageConfig(AppConfig):
    name = "rapportage"
    verbose_name = "Managementrapportage"
