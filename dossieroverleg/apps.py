from django.apps import AppConfig
from django.db.models.signals import m2m_changed


class DossieroverlegConfig(AppConfig):
    name = "dossieroverleg"
    verbose_name = "Dossieroverleg Regionale Handhaving"

    def ready(self) -> None:
        from meldpunt.selectors import use_dossier_reads
        from regio.models import Contract

        from . import selectors
        from .listeners import contract_parties_changed

        use_dossier_reads(
            hidden_reports=selectors.hidden_reports,
            provider_dossiers=selectors.provider_dossiers,
        )

        m2m_changed.connect(
            contract_parties_changed,
            sender=Contract.gemeenten.through,
            dispatch_uid="dossieroverleg.contract_parties",
        )
