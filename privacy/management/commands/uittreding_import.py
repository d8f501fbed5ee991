"""Read the archive of a municipality that left into this (empty) system."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from privacy.exit import import_archive
from regio.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Leest een uittredingsarchief (gemaakt met uittreding_export) in. Eerst worden alle "
        "controlegetallen uit het manifest gecontroleerd en wordt data.json tegen het schema "
        "gevalideerd; daarna worden alle gegevens in één transactie aangemaakt."
    )

    def add_arguments(self, parser):
        parser.add_argument("archief", help="pad van het ZIP-bestand")

    def handle(self, *args, archief: str, **options):
        bar = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                bar = ProgressBar(self.stdout, "inlezen", total)
            bar.update(done)

        try:
            with open(archief, "rb") as fileobj:
                counts = import_archive(fileobj=fileobj, progress=progress)
        except (PermissionDenied, ValidationError) as exc:
            raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
        for name, count in counts.items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(self.style.SUCCESS("Archief ingelezen."))
