from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs) -> None:
    # post_migrate fires once per app, after that app's permissions are created; the
    # permissions of every app exist only when it fires for the last one.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if with_models and sender.label != with_models[-1].label:
        return
    from .roles import sync_roles

    sync_roles()


class RegioConfig(AppConfig):
    name = "regio"
    verbose_name = "Regio (referentiedata)"

    def ready(self) -> None:
        post_migrate.connect(_sync_roles, dispatch_uid="regio.sync_roles")
        from . import checks  # noqa: F401 - registers the system checks
