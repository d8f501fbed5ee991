# The term watch leaves the workflow timers for a sweep (termijnen.bewaking).

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def look_now(apps, schema_editor):
    """Every running term is looked at by the next sweep, which plans its next moment
    (and sends what is due, once per due date, as the timers did)."""
    Termijn = apps.get_model("termijnen", "Termijn")
    Termijn.objects.filter(status="lopend").update(volgende_controle=timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("dossieroverleg", "0012_besluit_mandaat"),
        ("regio", "0008_publieke_teksten"),
        ("termijnen", "0004_sancties"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="termijn",
            name="volgende_controle",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="termijn",
            index=models.Index(
                condition=models.Q(("volgende_controle__isnull", False)),
                fields=["volgende_controle"],
                name="termijn_volgende_controle",
            ),
        ),
        migrations.RunPython(look_now, migrations.RunPython.noop),
    ]
