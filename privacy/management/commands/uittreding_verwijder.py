"""Remove the data of a municipality that left, with a statement of destruction."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from privacy.exit import remove_municipality
from regio.models import Gemeente


class Command(BaseCommand):
    help = (
        "Vernietigt de dossiers en meldingen die alleen deze gemeente betreffen, haalt de "
        "gemeente uit gedeelde dossiers, verwijdert haar contactpersonen en deactiveert haar "
        "gebruikers. Schrijft een verklaring van vernietiging (PDF). Ter bevestiging moet "
        "--bevestig de CBS-code van de gemeente zijn."
    )

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", required=True, help="CBS-code, bijvoorbeeld GM0225")
        parser.add_argument(
            "--bevestig", required=True, help="typ nogmaals de CBS-code ter bevestiging"
        )
        parser.add_argument(
            "--gebruiker", required=True, help="gebruikersnaam van de functionaris privacy"
        )
        parser.add_argument("--verklaring", required=True, help="pad van de PDF-verklaring")

    def handle(self, *args, gemeente: str, bevestig: str, gebruiker: str, verklaring, **options):
        try:
            gemeente_obj = Gemeente.objects.get(code=gemeente)
            user = get_user_model().objects.get(username=gebruiker, is_active=True)
        except (Gemeente.DoesNotExist, get_user_model().DoesNotExist) as exc:
            raise CommandError(f"Onbekende gemeente of gebruiker: {exc}") from exc
        try:
            pdf = remove_municipality(gemeente=gemeente_obj, by=user, bevestiging=bevestig)
        except (PermissionDenied, ValidationError) as exc:
            raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
        Path(verklaring).write_bytes(pdf)
        self.stdout.write(
            self.style.SUCCESS(
                f"Gegevens van {gemeente_obj.naam} verwijderd; verklaring geschreven naar "
                f"{verklaring}."
            )
        )
