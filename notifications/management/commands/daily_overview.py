from django.core.management.base import BaseCommand

from notifications.daily import send_daily_overviews


class Command(BaseCommand):
    help = (
        "Zet het dagoverzicht klaar voor elke contactpersoon met wijzigingen ter informatie "
        "die erop wachten (één keer per contactpersoon per dag; nog eens draaien stuurt niets "
        "dubbel)."
    )

    def handle(self, *args, **options):
        count = send_daily_overviews()
        self.stdout.write(self.style.SUCCESS(f"{count} dagoverzichten in de outbox gezet."))
