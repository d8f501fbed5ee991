from django.apps import AppConfig


class DossieroverlegConfig(AppConfig):
    name = "dossieroverleg"
    verbose_name = "Dossieroverleg Regionale Handhaving"
