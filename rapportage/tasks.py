"""The periodic mails of the reports (Celery beat, ``CELERY_BEAT_SCHEDULE``); running one
twice sends nothing twice (``rapportage.distribution``)."""

from celery import shared_task

from .distribution import send_casework_overviews as _casework
from .distribution import send_half_year_reports as _half_year


@shared_task(ignore_result=True)
def send_half_year_reports() -> int:
    """On 1 January and 1 July: the half year just ended, to every municipality
    (DVO BW/MO art. 3.8 sub a)."""
    return len(_half_year())


@shared_task(ignore_result=True)
def send_casework_overviews() -> int:
    """On the 1st of each month: the month just ended, to the ROB partners
    (samenwerkingsovereenkomst ROB art. 2 lid 2 sub f)."""
    return len(_casework())
