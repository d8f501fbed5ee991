from django.core.management.base import BaseCommand, CommandError

from rapportage.distribution import send_half_year_reports
from rapportage.figures import Period


class Command(BaseCommand):
    help = (
        "Stuurt elke actieve contactpersoon van elke deelnemende gemeente een persoonlijke "
        "link naar de halfjaarrapportage van zijn gemeente (DVO BW/MO art. 3.8 sub a). "
        "Zonder --jaar en --halfjaar: het laatst afgelopen halfjaar. Eén keer per "
        "contactpersoon en halfjaar; nog eens draaien stuurt niets dubbel."
    )

    def add_arguments(self, parser):
        parser.add_argument("--jaar", type=int)
        parser.add_argument("--halfjaar", type=int, choices=[1, 2])

    def handle(self, *args, jaar=None, halfjaar=None, **options):
        periode = None
        if jaar or halfjaar:
            if not (jaar and halfjaar):
                raise CommandError("Geef --jaar en --halfjaar samen, of geen van beide.")
            periode = Period.half_year(jaar, halfjaar)
        sent = send_half_year_reports(periode=periode)
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} halfjaarrapportage(s) verstuurd."))
