import datetime

from django.core.management.base import BaseCommand, CommandError

from rapportage.distribution import last_month, send_casework_overviews


class Command(BaseCommand):
    help = (
        "Stuurt de contactpersonen van de ROB-gemeenten het maandoverzicht van de "
        "handhavingscasuïstiek (samenwerkingsovereenkomst ROB art. 2 lid 2 sub f). Zonder "
        "--maand: de laatst afgelopen maand. Eén keer per contactpersoon en maand; nog eens "
        "draaien stuurt niets dubbel."
    )

    def add_arguments(self, parser):
        parser.add_argument("--maand", help="JJJJ-MM, bv. 2026-11")

    def handle(self, *args, maand=None, **options):
        periode = None
        if maand:
            try:
                first = datetime.datetime.strptime(maand, "%Y-%m").date()
            except ValueError as exc:
                raise CommandError(f"Onbekende maand: {maand} (JJJJ-MM).") from exc
            periode = last_month((first + datetime.timedelta(days=32)).replace(day=1))
        sent = send_casework_overviews(periode=periode)
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} maandoverzicht(en) verstuurd."))
