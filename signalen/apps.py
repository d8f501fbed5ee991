from django.apps import AppConfig


class SignalenConfig(AppConfig):
    name = "signalen"
    verbose_name = "Signalen"

    def ready(self) -> None:
        from django.db.models.signals import post_save
        from viewflow.workflow.models import Task

        from regio.events import listen, work_event

        from . import listeners

        listen(
            listeners.on_domain_event,
            dispatch_uid="signalen.domain",
            batch=listeners.on_domain_events,
        )
        work_event.connect(listeners.on_work_event, dispatch_uid="signalen.work")
        post_save.connect(listeners.on_task_saved, sender=Task, dispatch_uid="signalen.task")
