from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = "Werkstromen"

    def ready(self) -> None:
        from regio.events import listen, work_event

        from . import listeners
        from .flows import sentence_case_titles

        sentence_case_titles()

        listen(listeners.on_domain_event, dispatch_uid="workflows.listeners")
        work_event.connect(listeners.on_work_event, dispatch_uid="workflows.work")
