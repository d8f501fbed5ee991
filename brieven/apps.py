from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def _load_starter_templates(sender, using: str = "default", **kwargs) -> None:
    # After every migrate, and after a test empties the database (its flush ends with this
    # signal too): the starter templates are there whenever the tables are. Idempotent.
    from .models import BriefSjabloon
    from .services import load_starter_templates

    if BriefSjabloon._meta.db_table not in connections[using].introspection.table_names():
        return
    load_starter_templates()


class BrievenConfig(AppConfig):
    name = "brieven"
    verbose_name = "Brieven"

    def ready(self) -> None:
        from dossieroverleg import pages

        post_migrate.connect(_load_starter_templates, sender=self, dispatch_uid="brieven.starter")
        # The letters to the college of a dossier's approved advice, folded on its page.
        pages.register_part(
            "brieven",
            pages.Part("brieven/_advies.html", lambda dossier, user: {}, "termijnen.view_termijn"),
        )
