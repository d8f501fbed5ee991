from django.apps import AppConfig
from django.db.models.signals import m2m_changed


class DossieroverlegConfig(AppConfig):
    name = "dossieroverleg"
    verbose_name = "Dossieroverleg Regionale Handhaving"

    def ready(self) -> None:
        from regio.models import Contract

        from .listeners import contract_parties_changed

        m2m_changed.connect(
            contract_parties_changed,
            sender=Contract.gemeenten.through,
            dispatch_uid="dossieroverleg.contract_parties",
        )
