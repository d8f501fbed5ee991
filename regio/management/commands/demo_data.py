import datetime

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from regio.mandates import DEMO_MANDATE_ROLES, grant_role_mandates
from regio.models import (
    Contactpersoon,
    Contract,
    Domein,
    Gemeente,
    Samenwerkingsverband,
    Vestiging,
    Zorgaanbieder,
)

NIJMEGEN = "GM0268"
ROB = ["GM0268", "GM1945", "GM0209", "GM0225", "GM0252", "GM0944", "GM0296"]
ROB_WITHOUT_WIJCHEN = [code for code in ROB if code != "GM0296"]

PROVIDERS = [
    # naam, kvk, agb, [(vestiging, straat, postcode, plaats, gemeente)]
    (
        "Zorggroep De Waalkant",
        "12345678",
        "98000001",
        [("Hoofdlocatie", "Waalkade 12", "6511 XR", "Nijmegen", "GM0268")],
    ),
    (
        "Thuiszorg Ooijpolder",
        "23456789",
        "98000002",
        [
            ("Ooij", "Dorpsstraat 4", "6576 AA", "Ooij", "GM1945"),
            ("Wijchen", "Markt 9", "6601 AN", "Wijchen", "GM0296"),
        ],
    ),
    (
        "Jeugdhulp Maas en Waal",
        "34567890",
        "98000003",
        [("Druten", "Hogestraat 20", "6651 BL", "Druten", "GM0225")],
    ),
    (
        "Beschermd Wonen Betuwe",
        "45678901",
        "98000004",
        [("Tiel", "Waterstraat 3", "4001 KB", "Tiel", "GM0281")],
    ),
]

CONTRACTS = [
    # referentie, domein, provider index, verband, partijen
    ("ROB-WMO-2024-001", Domein.WMO, 0, "rob-rvn", ROB),
    ("ROB-WMO-2024-002", Domein.WMO, 1, "rob-rvn", ROB_WITHOUT_WIJCHEN),
    ("ROB-JGD-2024-001", Domein.JEUGD, 2, "rob-rvn", ROB),
    ("BWMO-2024-001", Domein.BW_MO, 3, "bwmo-nr", ["GM0268"]),
]

# Named recipients of forwarded reports (the meldpunt's Ontvanger): kind, municipality
# (for a local municipality), name, address (at example.org), may see a client's BSN.
RECIPIENTS = [
    ("igj", None, "Inspectie Gezondheidszorg en Jeugd – meldingen", "meldingen@igj", False),
    ("ikz", None, "Informatieknooppunt Zorgfraude", "meldingen@ikz", False),
    ("ggd_wmo", None, "GGD Gelderland-Zuid – Wmo-toezicht", "wmotoezicht@ggd", False),
    ("gemeente", "GM0268", "Gemeente Nijmegen – team Wmo en Jeugd", "zorgmeldingen@nijmegen", True),
    ("gemeente", "GM0225", "Gemeente Druten – team Wmo en Jeugd", "zorgmeldingen@druten", True),
    ("gemeente", "GM0281", "Gemeente Tiel – team Wmo en Jeugd", "zorgmeldingen@tiel", True),
    (
        "gemeente",
        "GM0216",
        "Gemeente Culemborg – team Wmo en Jeugd",
        "zorgmeldingen@culemborg",
        True,
    ),
]


class Command(BaseCommand):
    help = "Vult een paar zorgaanbieders, contracten en contactpersonen in (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        gemeenten = {g.code: g for g in Gemeente.objects.all()}
        if not gemeenten:
            self.stderr.write("Eerst de referentiedata laden: manage.py load_regio")
            return
        # Sub-mandates of Nijmegen's college and mayor to the deciding roles, so that a
        # demonstration can take decisions (in production beheer records the real ones).
        grant_role_mandates(gemeenten[NIJMEGEN], DEMO_MANDATE_ROLES, datetime.date(2021, 1, 1))
        providers = []
        for naam, kvk, agb, vestigingen in PROVIDERS:
            provider, _ = Zorgaanbieder.objects.update_or_create(
                kvk_nummer=kvk, defaults={"naam": naam, "agb_code": agb}
            )
            providers.append(provider)
            for vnaam, straat, postcode, plaats, code in vestigingen:
                Vestiging.objects.update_or_create(
                    zorgaanbieder=provider,
                    naam=vnaam,
                    defaults={
                        "straat": straat,
                        "postcode": postcode,
                        "plaats": plaats,
                        "gemeente": gemeenten[code],
                    },
                )
        for ref, domein, index, verband, partijen in CONTRACTS:
            contract, _ = Contract.objects.update_or_create(
                referentie=ref,
                defaults={
                    "domein": domein,
                    "zorgaanbieder": providers[index],
                    "samenwerkingsverband": Samenwerkingsverband.objects.get(code=verband),
                    "ingangsdatum": datetime.date(2024, 1, 1),
                    "einddatum": datetime.date(2027, 12, 31),
                },
            )
            contract.gemeenten.set([gemeenten[code] for code in partijen])
        contacts = 0
        for gemeente in gemeenten.values():
            domeinen = [d for d in Domein.values if self._member_for(gemeente, d)]
            if not domeinen:
                continue
            slug = gemeente.naam.lower().replace(" ", "")
            Contactpersoon.objects.update_or_create(
                gemeente=gemeente,
                email=f"handhaving@{slug}.example.org",
                defaults={"naam": f"Team handhaving {gemeente.naam}", "domeinen": domeinen},
            )
            contacts += 1
        # The meldpunt's model, by the app registry: regio imports no app above it.
        Ontvanger = apps.get_model("meldpunt", "Ontvanger")
        for soort, code, naam, email, mag_bsn in RECIPIENTS:
            Ontvanger.objects.update_or_create(
                soort=soort,
                gemeente=gemeenten[code] if code else None,
                email=f"{email}.example.org",
                defaults={"naam": naam, "mag_bsn": mag_bsn, "actief": True},
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demodata: {len(providers)} zorgaanbieders, {len(CONTRACTS)} contracten, "
                f"{contacts} contactpersonen, {len(RECIPIENTS)} ontvangers van doorgeleide "
                "meldingen."
            )
        )

    @staticmethod
    def _member_for(gemeente: Gemeente, domein: str) -> bool:
        return any(domein in verband.domeinen for verband in gemeente.samenwerkingsverbanden.all())
