from celery import shared_task


@shared_task(ignore_result=True)
def anonymise_due() -> int:
    """The Celery-beat counterpart of ``manage.py anonimiseer``."""
    from . import anonymise

    return len(anonymise.run())
