from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = "Werkstromen"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save, pre_save
        from viewflow.workflow.models import Task

        from regio.events import listen, work_event
        from termijnen.models import Termijn

        from . import deadlines, listeners
        from .flows import sentence_case_titles

        sentence_case_titles()

        listen(listeners.on_domain_event, dispatch_uid="workflows.listeners")
        work_event.connect(listeners.on_work_event, dispatch_uid="workflows.work")
        # The due date kept on open tasks (``deadlines``).
        pre_save.connect(deadlines.on_task_saving, sender=Task, dispatch_uid="workflows.due")
        for signal in (post_save, post_delete):
            signal.connect(deadlines.on_term_changed, sender=Termijn, dispatch_uid="workflows.due")
