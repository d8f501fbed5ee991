from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "Privacy en archief"

    def ready(self) -> None:
        from regio.audit import audit_event
        from regio.events import domain_event

        from . import listeners, tasks  # noqa: F401 - Celery registers the tasks at start-up

        audit_event.connect(listeners.on_audit_event, dispatch_uid="privacy.audit")
        domain_event.connect(listeners.on_domain_event, dispatch_uid="privacy.changes")
