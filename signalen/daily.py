"""The daily mail: each staff member who asked for it gets one mail a day listing their
signals of the past day that are still unread, still waiting and in no earlier daily
mail, through the outbox (delivery, retries and Message-ID as for every mail). One per
user per day: the outbox's event id is the user and the day; the signals it lists are
marked in the same transaction. Without such signals, no mail.

Only case numbers, registered providers' names and step names: no personal data of
natural persons; a signal about a secret dossier only its number and what waits.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notificatie
from notifications.outbox import queue
from regio.events import Event

from .models import Signaal, SignaalVoorkeur
from .selectors import for_mail

VERTROUWELIJK = "vertrouwelijk dossier"


def send_daily_mails(*, now: datetime.datetime | None = None) -> int:
    """Queue today's mail for every opted-in user with waiting signals of the past day;
    returns how many were queued (a second run on the same day queues none)."""
    now = now or timezone.now()
    count = 0
    voorkeuren = (
        SignaalVoorkeur.objects.filter(dagelijkse_mail=True, gebruiker__is_active=True)
        .exclude(gebruiker__email="")
        .select_related("gebruiker")
        .order_by("gebruiker_id")
    )
    for voorkeur in voorkeuren:
        count += len(queue_daily_mail(user=voorkeur.gebruiker, now=now))
    return count


def rows_for(signals) -> list[dict]:
    return [
        {
            "wat": signaal.get_soort_display(),
            "nummer": signaal.nummer,
            "zorgaanbieder": VERTROUWELIJK if signaal.vertrouwelijk else signaal.zorgaanbieder,
            "toelichting": "" if signaal.vertrouwelijk else signaal.toelichting,
            "link": settings.SITE_URL + reverse("signalen:openen", args=[signaal.pk]),
        }
        for signaal in signals
    ]


@transaction.atomic
def queue_daily_mail(*, user, now: datetime.datetime) -> list[Notificatie]:
    signals = list(for_mail(user, since=now - datetime.timedelta(days=1)).select_for_update())
    if not signals:
        return []
    day = timezone.localdate(now)
    rows = queue(
        event=Event.SIGNALEN_DAGELIJKS,
        event_id=f"signalen:{day.isoformat()}:{user.pk}",
        instance=user,
        nummer=f"signalen {day:%d-%m-%Y}",
        status=f"{len(signals)} nieuw",
        domein="",
        gemeenten=[],
        data={
            "datum": f"{day:%d-%m-%Y}",
            "signalen": rows_for(signals),
            "pad": reverse("signalen:index"),
            "user_ids": [user.pk],
        },
    )
    if rows:
        Signaal.objects.filter(pk__in=[s.pk for s in signals]).update(gemaild_op=now)
    return rows
