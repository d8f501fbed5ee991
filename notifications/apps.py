from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notificaties"

    def ready(self) -> None:
        from anymail.signals import tracking

        from regio.events import listen

        from . import checks, digest, outbox, tasks, timeline, webhooks  # noqa: F401 - registers

        listen(outbox.on_domain_event, dispatch_uid="notifications.outbox", batch=outbox.queue_many)
        outbox.queued.connect(tasks.on_queued, dispatch_uid="notifications.enqueue")
        tracking.connect(webhooks.on_tracking, dispatch_uid="notifications.tracking")
        timeline.register()
        digest.register_provider(digest.dossier_rows)
