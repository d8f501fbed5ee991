from celery import shared_task
from viewflow.workflow.timers import fire_due_timers


@shared_task(ignore_result=True)
def fire_timers() -> int:
    """The Celery-beat counterpart of ``manage.py workflow_timers``."""
    return fire_due_timers()
