"""Give the role groups their outbox permissions (the table is in regio/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def sync_notification_roles(apps, schema_editor):
    # Model permissions are normally created after all migrations ran; create the ones of
    # the apps migrated so far now, so that the groups get them in this migration.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    from regio.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("regio", "0002_roles"),
    ]

    operations = [migrations.RunPython(sync_notification_roles, migrations.RunPython.noop)]
