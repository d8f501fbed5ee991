from django.apps import AppConfig


class JuridischConfig(AppConfig):
    name = "juridisch"
    verbose_name = "Juridische opvolging"

    def ready(self) -> None:
        # The dossier app shows and guards the legal follow-up without importing it.
        from dossieroverleg import pages, selectors, timeline

        from .models import JuridischTraject
        from .views import SECTION, timeline_entries

        selectors.register_record(JuridischTraject)
        pages.register_section(SECTION)
        timeline.register(timeline_entries, follow_up=True)
