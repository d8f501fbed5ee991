import secrets

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError

from regio.models import Gebruiker, Gemeente
from regio.roles import ROLES, Rol

DEMO_GEMEENTE = "GM0225"  # Druten: a member of both arrangements


class Command(BaseCommand):
    help = (
        "Maakt per rol een demo-gebruiker (demo-<rol>) met een wachtwoord dat eenmalig wordt "
        "gekozen, in var/demo-gebruikers.txt bewaard en getoond. Alleen met DEBUG aan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="ook zonder DEBUG")

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo-gebruikers alleen met DEBUG=true (of --force).")
        store = settings.VAR_DIR / "demo-gebruikers.txt"
        known = {}
        if store.exists():
            for line in store.read_text(encoding="utf-8").splitlines():
                name, _, password = line.partition(" ")
                known[name] = password
        for role in ROLES:
            username = f"demo-{role}"
            password = known.get(username) or secrets.token_urlsafe(12)
            known[username] = password
            user, _created = User.objects.get_or_create(username=username)
            user.first_name = "Demo"
            user.last_name = role
            user.email = f"{username}@example.org"
            user.is_staff = role == Rol.BEHEER
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            if role == Rol.GEMEENTE:
                Gebruiker.objects.update_or_create(
                    user=user, defaults={"gemeente": Gemeente.objects.get(code=DEMO_GEMEENTE)}
                )
        store.parent.mkdir(parents=True, exist_ok=True)
        store.write_text(
            "".join(f"{name} {password}\n" for name, password in known.items()), encoding="utf-8"
        )
        store.chmod(0o600)
        self.stdout.write("Demo-gebruikers (gebruikersnaam  wachtwoord):")
        for name, password in known.items():
            self.stdout.write(f"  {name:<18} {password}")
        self.stdout.write(f"Bewaard in {store}. Inloggen op {settings.SITE_URL}/accounts/login/")
