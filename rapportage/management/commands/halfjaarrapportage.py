from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rapportage import report
from rapportage.figures import Period, compute
from regio.models import Gemeente


class Command(BaseCommand):
    help = "Maakt de halfjaarrapportage (PDF en CSV-tabellen), voor de regio of één gemeente."

    def add_arguments(self, parser):
        parser.add_argument("--jaar", type=int, required=True)
        parser.add_argument("--halfjaar", type=int, choices=[1, 2], required=True)
        parser.add_argument("--gemeente", help="CBS-code, bv. GM0225; leeg: de regio")
        parser.add_argument(
            "--alle-gemeenten", action="store_true", help="ook een rapport per gemeente"
        )
        parser.add_argument("--uit", type=Path, default=Path("var/rapportage"))

    def handle(self, *args, jaar, halfjaar, gemeente=None, alle_gemeenten=False, uit, **options):
        periode = Period.half_year(jaar, halfjaar)
        targets = [None]
        if gemeente:
            found = Gemeente.objects.filter(code=gemeente.upper()).first()
            if found is None:
                raise CommandError(f"Onbekende gemeentecode: {gemeente}")
            targets = [found]
        elif alle_gemeenten:
            targets += list(Gemeente.objects.order_by("code"))
        uit.mkdir(parents=True, exist_ok=True)
        for done, target in enumerate(targets, start=1):
            label = target.code if target else "regio"
            base = uit / f"rapportage-{jaar}-H{halfjaar}-{label}"
            base.with_suffix(".pdf").write_bytes(
                report.half_year_pdf(periode=periode, gemeente=target)
            )
            base.with_suffix(".zip").write_bytes(
                report.csv_zip(compute(periode=periode, gemeente=target))
            )
            self.stdout.write(f"[{done}/{len(targets)}] {base}.pdf en .zip")
        self.stdout.write(self.style.SUCCESS(f"Klaar: {len(targets)} rapport(en) in {uit}."))
