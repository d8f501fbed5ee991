# The terms live in the app `termijnen` from now on, in the same tables (see termijnen
# 0001). Here the dossier app lets go of them, and their content types (with their
# permissions, and every process, mail or audit row that refers to them by content type)
# move to the new app label, keeping their ids.

import django.db.models.deletion
from django.db import migrations, models

MODELS = ("termijn", "opschorting", "termijnwijziging")


def move_content_types(apps, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in MODELS:
        source = ContentType.objects.filter(app_label=old, model=model).first()
        if source is None:
            continue
        target = ContentType.objects.filter(app_label=new, model=model).first()
        if target is not None:
            # Created by a permission sync that ran between the two halves of the move (a
            # new database): keep the old row, which others refer to, with every grant.
            for perm in Permission.objects.filter(content_type=target):
                twin = Permission.objects.filter(content_type=source, codename=perm.codename).first()
                if twin is None:
                    perm.content_type = source
                    perm.save(update_fields=["content_type"])
                else:
                    twin.group_set.add(*perm.group_set.all())
                    twin.user_set.add(*perm.user_set.all())
                    perm.delete()
            target.delete()
        source.app_label = new
        source.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    move_content_types(apps, "dossieroverleg", "termijnen")


def backwards(apps, schema_editor):
    move_content_types(apps, "termijnen", "dossieroverleg")


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('dossieroverleg', '0007_onderzoek_afgerond'),
        ('termijnen', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='nazorgverzoek',
                    name='termijn',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='nazorg', to='termijnen.termijn'),
                ),
                migrations.AlterField(
                    model_name='verbeterplan',
                    name='herinspectie',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='termijnen.termijn'),
                ),
                migrations.AlterField(
                    model_name='meerwerkverzoek',
                    name='termijn',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='meerwerk', to='termijnen.termijn'),
                ),
                migrations.AlterField(
                    model_name='trajectstap',
                    name='termijn',
                    field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='stap', to='termijnen.termijn'),
                ),
                migrations.DeleteModel(name='TermijnWijziging'),
                migrations.DeleteModel(name='Opschorting'),
                migrations.DeleteModel(name='Termijn'),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
