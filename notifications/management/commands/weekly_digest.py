from django.core.management.base import BaseCommand

from notifications.digest import send_digests


class Command(BaseCommand):
    help = "Zet het wekelijkse overzicht klaar voor elke contactpersoon die het wil ontvangen."

    def handle(self, *args, **options):
        count = send_digests()
        self.stdout.write(self.style.SUCCESS(f"{count} weekoverzichten in de outbox gezet."))
