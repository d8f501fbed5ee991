"""Export all data of a municipality that leaves the arrangement (seed 002 art. 9.6)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from privacy.exit import export_municipality
from regio.models import Gemeente
from regio.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Schrijft alle gegevens van een uittredende gemeente naar een ZIP-archief: data.json "
        "(volgens het gepubliceerde JSON-schema), een CSV-tabel per soort gegeven, de "
        "originele documenten en bijlagen, een manifest en SHA256SUMS."
    )

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", required=True, help="CBS-code, bijvoorbeeld GM0225")
        parser.add_argument("--uit", required=True, help="pad van het ZIP-bestand")
        parser.add_argument(
            "--gebruiker", required=True, help="gebruikersnaam van de functionaris privacy"
        )

    def handle(self, *args, gemeente: str, uit: str, gebruiker: str, **options):
        try:
            gemeente_obj = Gemeente.objects.get(code=gemeente)
            user = get_user_model().objects.get(username=gebruiker, is_active=True)
        except (Gemeente.DoesNotExist, get_user_model().DoesNotExist) as exc:
            raise CommandError(f"Onbekende gemeente of gebruiker: {exc}") from exc
        bar = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                bar = ProgressBar(self.stdout, "exporteren", total)
            bar.update(done)

        try:
            with open(uit, "wb") as fileobj:
                manifest = export_municipality(
                    gemeente=gemeente_obj, by=user, fileobj=fileobj, progress=progress
                )
        except (PermissionDenied, ValidationError) as exc:
            raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
        for name, count in manifest["aantallen"].items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Archief van {gemeente_obj.naam} geschreven naar {uit} "
                f"({len(manifest['bestanden'])} bestanden)."
            )
        )
