"""Youth cases put to the Nijmegen alderman as the region's bestuurlijk escalatiepunt for
youth cases, "waar dat te determineren is" together with the alderman of the youth's home
municipality (seed 003, 2.1 sub 2). Both aldermen's offices are told at once, and the
answer is a watched term."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regio import dates
from regio.events import Event
from regio.models import Gemeente
from termijnen.models import Termijn
from termijnen.services import close_term, new_term

from ..models import (
    Dossier,
    Escalatie,
)
from .checks import not_in_future, require_perm, required
from .dossier import announce, locked

ESCALATIEPUNT = "GM0268"  # Nijmegen: its alderman for youth is the escalation point
ANTWOORD_DAGEN = 14


@transaction.atomic
def escalate(
    *,
    dossier: Dossier,
    by,
    vraag: str,
    datum: datetime.date,
    woongemeente: Gemeente | None = None,
    antwoord_dagen: int = ANTWOORD_DAGEN,
) -> Escalatie:
    """Put a youth case to the aldermen: Nijmegen's, and the home municipality's where it
    can be determined (``woongemeente`` is optional). Their offices are told at once (the
    address ``Gemeente.wethouder_jeugd_email``), and the answer is due within
    ``antwoord_dagen`` (a watched term)."""
    require_perm(by, "behandelen_dossier")
    if dossier.domein != "jeugd":
        raise ValidationError(_("Alleen jeugdzaken gaan naar het bestuurlijk escalatiepunt."))
    vraag = required(vraag, "vraag", _("Formuleer de vraag aan de wethouders."))
    not_in_future(datum, "datum")
    if not 1 <= (antwoord_dagen or 0) <= 90:
        raise ValidationError(
            {"antwoord_dagen": _("De termijn voor het antwoord is 1 tot 90 dagen.")}
        )
    dossier = locked(dossier)
    termijn = new_term(
        dossier=dossier,
        soort=Termijn.Soort.ESCALATIE,
        omschrijving=_("Antwoord van de wethouders (bestuurlijke escalatie)"),
        start=datum,
        dagen=antwoord_dagen,
        by=by,
        eigenaar=by,
    )
    escalatie = Escalatie.objects.create(
        dossier=dossier,
        woongemeente=woongemeente,
        vraag=vraag,
        gevraagd_op=datum,
        gevraagd_door=by,
        termijn=termijn,
    )
    gemeenten = sorted({ESCALATIEPUNT} | ({woongemeente.code} if woongemeente else set()))
    announce(
        dossier,
        Event.ESCALATIE,
        event_id=f"escalatie:{escalatie.pk}",
        by=by,
        gemeenten=gemeenten,
        woongemeente=woongemeente.naam if woongemeente else "",
        gevraagd=_("een bestuurlijk antwoord aan het ROB, uiterlijk %(datum)s")
        % {"datum": dates.datum(termijn.uiterlijk)},
        pad="",  # the aldermen have no account: the question reaches them from the ROB
    )
    return escalatie


@transaction.atomic
def record_escalation_answer(
    *, escalatie: Escalatie, by, antwoord: str, datum: datetime.date
) -> Escalatie:
    require_perm(by, "behandelen_dossier")
    antwoord = required(antwoord, "antwoord", _("Geef het antwoord van de wethouders."))
    escalatie = Escalatie.objects.select_for_update().get(pk=escalatie.pk)
    if escalatie.beantwoord_op:
        raise ValidationError(_("Het antwoord is al vastgelegd."))
    if datum < escalatie.gevraagd_op:
        raise ValidationError({"datum": _("Het antwoord ligt voor de vraag.")})
    not_in_future(datum, "datum")
    escalatie.antwoord, escalatie.beantwoord_op = antwoord, datum
    escalatie.antwoord_vastgelegd_door = by
    escalatie.save()
    close_term(escalatie.termijn, by=by, toelichting=_("Antwoord van de wethouders vastgelegd."))
    return escalatie
