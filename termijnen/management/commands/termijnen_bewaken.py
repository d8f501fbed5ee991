from django.core.management.base import BaseCommand

from termijnen import bewaking


class Command(BaseCommand):
    help = (
        "Stuurt de herinneringen en escalaties van termijnen die nu aan de beurt zijn "
        "(elk één keer per einddatum; veilig naast een andere run)."
    )

    def handle(self, *args, **options) -> None:
        sent = bewaking.sweep()
        self.stdout.write(f"{sent} herinneringen en escalaties verstuurd.")
