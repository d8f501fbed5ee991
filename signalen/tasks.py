from celery import shared_task

from .daily import send_daily_mails


@shared_task(ignore_result=True)
def daily_mail() -> int:
    """The daily mail of signals (Celery beat, every morning)."""
    return send_daily_mails()
