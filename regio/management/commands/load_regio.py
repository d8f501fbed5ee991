from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from regio.reference import load_reference, read_reference


class Command(BaseCommand):
    help = "Laadt de referentiedata van de regio (gemeenten, samenwerkingsverbanden). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", type=Path, help="JSON-bestand (standaard: regio/data/regio.json)"
        )

    def handle(self, *args, path: Path | None = None, **options):
        try:
            data = read_reference(path)
        except FileNotFoundError as exc:
            raise CommandError(f"Bestand niet gevonden: {exc.filename}") from exc
        except ValueError as exc:
            raise CommandError(f"Geen geldige JSON: {exc}") from exc
        try:
            counts = load_reference(data)
        except KeyError as exc:
            raise CommandError(f"Onvolledige referentiedata, ontbrekende sleutel: {exc}") from exc
        if options["verbosity"] == 0:
            return
        self.stdout.write(
            self.style.SUCCESS(
                "Referentiedata geladen: {gemeenten} gemeenten, {samenwerkingsverbanden} "
                "samenwerkingsverbanden, {deelnames} deelnames.".format(**counts)
            )
        )
