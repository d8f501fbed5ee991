"""Who gets which report, and when: the half-year report and the casework overview.

* **Half-year report** (DVO Centrumregeling BW/MO art. 3.8 sub a: "Nijmegen verstrekt de
  regiogemeente twee maal per jaar geanalyseerde managementrapportages"). After each half
  year (Celery beat on 1 January and 1 July, or ``manage.py halfjaarrapportage_versturen``)
  every active contact of every municipality that takes part in an arrangement gets a
  mail with a private link to its municipality's report over that half year
  (``rapportage.links``; the report is ``rapportage.report.half_year_pdf``).
* **Casework overview** (samenwerkingsovereenkomst ROB art. 2 lid 2 sub f: "informeren
  regiogemeenten over handhavingscasuïstiek"). After each month (Celery beat on the 1st,
  or ``manage.py casuistiek_versturen``) every active contact of a ROB member who deals
  with a ROB domain gets the overview of ``rapportage.casework`` in the mail itself.

Each mail is a row of the outbox (``notifications.outbox.queue``), written in one
transaction with its :class:`~rapportage.models.Verzending`, the record of who received
what. Once per contact, kind and period: a second run sends nothing twice. A municipality
without a contact to tell is listed for ``beheer`` (``OntbrekendContact``), as for every
other mail. No personal data of natural persons in either mail.
"""

import datetime

from django.db import transaction
from django.utils import formats, timezone, translation

from notifications.models import OntbrekendContact
from notifications.outbox import queue, record_missing
from notifications.recipients import Recipient
from regio import dates
from regio.events import Event
from regio.models import Contactpersoon, Gemeente

from . import casework, links
from .figures import Period
from .models import Verzending


def last_half_year(today: datetime.date) -> Period:
    """The half year that ended last before ``today``."""
    if today.month <= 6:
        return Period.half_year(today.year - 1, 2)
    return Period.half_year(today.year, 1)


def last_month(today: datetime.date) -> Period:
    """The calendar month that ended last before ``today``."""
    first = today.replace(day=1)
    return Period((first - datetime.timedelta(days=1)).replace(day=1), first)


def half_year_label(periode: Period) -> str:
    return f"{'eerste' if periode.van.month == 1 else 'tweede'} halfjaar {periode.van.year}"


def month_label(periode: Period) -> str:
    """ "november 2026" """
    with translation.override("nl"):
        return formats.date_format(periode.van, "F Y")


def send_half_year_reports(
    *, periode: Period | None = None, today: datetime.date | None = None
) -> list[Verzending]:
    """Queue the half-year report for every active contact of every participating
    municipality; returns the records of the mails queued now."""
    periode = periode or last_half_year(today or timezone.localdate())
    nummer = f"rapportage {periode.van.year}-H{1 if periode.van.month == 1 else 2}"
    sent = []
    for gemeente in Gemeente.objects.filter(deelnames__isnull=False).distinct().order_by("code"):
        contacts = list(gemeente.contactpersonen.filter(actief=True).order_by("pk"))
        if not contacts:
            _missing(gemeente, Event.HALFJAARRAPPORTAGE, nummer)
        for contact in contacts:
            verzending = _send(
                soort=Verzending.Soort.HALFJAARRAPPORTAGE,
                event=Event.HALFJAARRAPPORTAGE,
                contact=contact,
                periode=periode,
                nummer=nummer,
                data=lambda verzending: {
                    "halfjaar": half_year_label(periode),
                    "periode": str(periode),
                    "geldig_tot": dates.datum(links.valid_until(verzending.verzonden_op)),
                    "pad": links.path_for(verzending),
                },
            )
            if verzending is not None:
                sent.append(verzending)
    return sent


def send_casework_overviews(
    *, periode: Period | None = None, today: datetime.date | None = None
) -> list[Verzending]:
    """Queue the month's casework overview for every active contact of every ROB member
    who deals with a ROB domain; returns the records of the mails queued now."""
    periode = periode or last_month(today or timezone.localdate())
    verband = casework.rob()
    nummer = f"casuïstiek {periode.van:%Y-%m}"
    stand = dates.datum(timezone.localdate())
    sent = []
    for gemeente in verband.leden.order_by("code"):
        contacts = [
            contact
            for contact in gemeente.contactpersonen.filter(actief=True).order_by("pk")
            if set(contact.domeinen) & set(verband.domeinen)
        ]
        if not contacts:
            _missing(gemeente, Event.CASUISTIEK_OVERZICHT, nummer)
        for contact in contacts:
            domeinen = [d for d in verband.domeinen if d in contact.domeinen]
            verzending = _send(
                soort=Verzending.Soort.CASUISTIEK,
                event=Event.CASUISTIEK_OVERZICHT,
                contact=contact,
                periode=periode,
                nummer=nummer,
                data=lambda verzending, gemeente=gemeente, domeinen=domeinen: {
                    "maand": month_label(periode),
                    "stand": stand,
                    **casework.overview(periode=periode, gemeente=gemeente, domeinen=domeinen),
                    "pad": "",
                },
            )
            if verzending is not None:
                sent.append(verzending)
    return sent


def _send(
    *, soort: str, event: str, contact: Contactpersoon, periode: Period, nummer: str, data
) -> Verzending | None:
    """The record and the mail of one contact, in one transaction; None when this
    contact had this period's mail already. ``data(verzending)`` gives the mail's facts."""
    with transaction.atomic():
        verzending, created = Verzending.objects.get_or_create(
            soort=soort,
            contactpersoon=contact,
            van=periode.van,
            defaults={"tot": periode.tot, "gemeente": contact.gemeente, "ontvanger": contact.email},
        )
        if not created:
            return None
        rows = queue(
            event=event,
            event_id=f"{soort}:{periode.van.isoformat()}:{contact.pk}",
            instance=verzending,
            nummer=nummer,
            status="",
            domein="",
            gemeenten=[],
            data={
                **data(verzending),
                "_ontvanger": Recipient(
                    email=contact.email, gemeente=contact.gemeente, contactpersoon=contact
                ),
            },
        )
        verzending.notificatie = rows[0] if rows else None
        verzending.save(update_fields=["notificatie"])
        return verzending


def _missing(gemeente: Gemeente, event: str, nummer: str) -> None:
    record_missing(
        gemeente=gemeente,
        domein="",
        event=event,
        nummer=nummer,
        reden=OntbrekendContact.Reden.GEEN_CONTACT,
    )
