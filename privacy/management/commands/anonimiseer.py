"""Anonymise closed dossiers and ended reports whose term has passed."""

from django.core.management.base import BaseCommand

from privacy import anonymise
from regio import dates
from regio.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Vervangt identificerende gegevens van gesloten dossiers en afgeronde meldingen na "
        "de bewaartermijn door neutrale waarden (met --proef: alleen tonen wat er zou gebeuren)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--proef", "--dry-run", action="store_true", dest="proef", help="niets wijzigen"
        )

    def handle(self, *args, proef: bool, **options):
        plan = anonymise.due()
        if proef:
            self.stdout.write(
                f"Zou anonimiseren: {len(plan.dossiers)} dossier(s), "
                f"{len(plan.meldingen)} melding(en) zonder dossier."
            )
            for dossier in plan.dossiers:
                self.stdout.write(
                    f"  dossier {dossier.nummer} (gesloten {dates.datum(dossier.afgesloten_op)})"
                )
            for melding in plan.meldingen:
                self.stdout.write(f"  melding {melding.nummer}")
            return
        bar = ProgressBar(self.stdout, "anonimiseren", len(plan))
        done = anonymise.run(progress=bar.advance)
        self.stdout.write(
            self.style.SUCCESS(
                f"Geanonimiseerd: {len(done.dossiers)} dossier(s), "
                f"{len(done.meldingen)} melding(en)."
            )
        )
