from django.core.management.base import BaseCommand

from signalen.daily import send_daily_mails


class Command(BaseCommand):
    help = (
        "Zet de dagelijkse e-mail met signalen klaar voor elke medewerker die hem wil "
        "ontvangen en nieuwe, ongelezen signalen heeft (één per medewerker per dag)."
    )

    def handle(self, *args, **options):
        count = send_daily_mails()
        self.stdout.write(self.style.SUCCESS(f"{count} e-mails met signalen in de outbox gezet."))
