"""Transfer closed dossiers to keep whose archive action date has come (Archiefwet 1995
art. 12; DVO BW/MO art. 9 lid 3 and 5)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from privacy import archive
from regio import dates


class Command(BaseCommand):
    help = (
        "Brengt gesloten dossiers met archiefnominatie 'blijvend bewaren' over waarvan de "
        "archiefactiedatum is bereikt: het dossier in het uittredingsformaat wordt als "
        "overbrenging bewaard en het dossier gemarkeerd als overgebracht, nooit vernietigd "
        "(met --proef: alleen tonen wat er zou gebeuren)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--gebruiker", required=True, help="gebruikersnaam van de functionaris privacy"
        )
        parser.add_argument(
            "--proef", "--dry-run", action="store_true", dest="proef", help="niets wijzigen"
        )

    def handle(self, *args, gebruiker: str, proef: bool, **options):
        try:
            user = get_user_model().objects.get(username=gebruiker, is_active=True)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"Onbekende gebruiker: {gebruiker}") from exc
        due = list(archive.due_for_transfer())
        if proef:
            self.stdout.write(f"Zou overbrengen: {len(due)} dossier(s).")
            for dossier in due:
                self.stdout.write(
                    f"  dossier {dossier.nummer} (gesloten {dates.datum(dossier.afgesloten_op)})"
                )
            return
        try:
            done = archive.transfer_due(by=user)
        except (PermissionDenied, ValidationError) as exc:
            raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
        for overbrenging in done:
            self.stdout.write(f"  {overbrenging.nummer}: {overbrenging.archief.name}")
        self.stdout.write(self.style.SUCCESS(f"Overgebracht: {len(done)} dossier(s)."))
