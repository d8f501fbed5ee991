"""The result types a dossier can end with, and their archive nomination.

Terms after the Selectielijst gemeenten en intergemeentelijke organen (toezicht en
handhaving); `beheer` can change them.
"""

from django.db import migrations

RESULTAATTYPEN = [
    ("geen_maatregel", "Geen maatregel nodig", "vernietigen", 5),
    ("maatregel_nagekomen", "Maatregel opgelegd en nagekomen", "vernietigen", 10),
    ("verbetering_gerealiseerd", "Verbetertraject met resultaat afgerond", "vernietigen", 10),
    ("overeenkomst_ontbonden", "Overeenkomst ontbonden", "vernietigen", 20),
    ("teruggevorderd", "Bedrag teruggevorderd", "vernietigen", 10),
    ("aangifte_gedaan", "Aangifte gedaan", "blijvend_bewaren", None),
    ("zorgaanbieder_gestopt", "Zorgaanbieder gestopt", "vernietigen", 10),
]


def seed(apps, schema_editor):
    Resultaattype = apps.get_model("dossieroverleg", "Resultaattype")
    for code, omschrijving, nominatie, jaren in RESULTAATTYPEN:
        Resultaattype.objects.get_or_create(
            code=code,
            defaults={
                "omschrijving": omschrijving,
                "archiefnominatie": nominatie,
                "bewaartermijn_jaren": jaren,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("dossieroverleg", "0004_opvolging")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
