# The legal follow-up lives in the app `juridisch` from now on, in the same tables (see
# juridisch 0001). Here the dossier app lets go of it, and the content types of its models
# (with their permissions, and every process, mail or audit row that refers to them by
# content type) move to the new app label, keeping their ids.

import django.db.models.deletion
from django.db import migrations, models

MODELS = ("juridischtraject", "trajectstap")


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
    move_content_types(apps, "dossieroverleg", "juridisch")


def backwards(apps, schema_editor):
    move_content_types(apps, "juridisch", "dossieroverleg")


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('dossieroverleg', '0008_termijnen_eigen_app'),
        ('juridisch', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='document',
                    name='stap',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='documenten', to='juridisch.trajectstap'),
                ),
                migrations.DeleteModel(name='TrajectStap'),
                migrations.DeleteModel(name='JuridischTraject'),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
