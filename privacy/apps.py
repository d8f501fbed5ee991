from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "Privacy en archief"

    def ready(self) -> None:
        from django_fsm.signals import post_transition

        from meldpunt.selectors import use_restriction_read
        from notifications.models import Notificatie
        from regio.audit import audit_event
        from regio.events import listen
        from termijnen import subjects
        from termijnen.models import Termijn

        from . import listeners, services, tasks  # noqa: F401 - Celery registers the tasks

        audit_event.connect(listeners.on_audit_event, dispatch_uid="privacy.audit")
        listen(listeners.on_domain_event, dispatch_uid="privacy.changes")
        post_transition.connect(
            listeners.on_mail_transition, sender=Notificatie, dispatch_uid="privacy.breach_mail"
        )
        # The apps below this one ask here, without importing it: what a breach's term is
        # about, and whose client data are restricted (AVG art. 18).
        subjects.register(Termijn.Soort.DATALEK, services.breach_subject)
        use_restriction_read(restricted_clients=services.restricted_clients)
