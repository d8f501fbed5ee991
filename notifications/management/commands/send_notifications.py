import sys

from django.core.management.base import BaseCommand

from notifications.delivery import due_ids, send_one


class Command(BaseCommand):
    help = (
        "Verstuurt de wachtende e-mails uit de outbox en die waarvan het versturen werd "
        "onderbroken (één poging per e-mail)."
    )

    def handle(self, *args, **options):
        ids = due_ids(limit=100_000)
        results: dict[str, int] = {}
        total = len(ids)
        for done, pk in enumerate(ids, start=1):
            outcome = send_one(pk)
            results[outcome] = results.get(outcome, 0) + 1
            if sys.stdout.isatty() or options["verbosity"] > 1:
                filled = int(30 * done / total)
                self.stdout.write(
                    f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}", ending=""
                )
        if total and (sys.stdout.isatty() or options["verbosity"] > 1):
            self.stdout.write("")
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(results.items())) or "niets te doen"
        self.stdout.write(self.style.SUCCESS(f"{total} e-mails behandeld ({summary})."))
