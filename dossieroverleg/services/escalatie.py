"""Youth cases put to the Nijmegen alderman together with the alderman of the youth's home
municipality (bestuurlijk escalatiepunt, seed 003)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regio.models import Gemeente

from ..models import (
    Dossier,
    Escalatie,
)
from .checks import not_in_future, require_perm, required


@transaction.atomic
def escalate(
    *, dossier: Dossier, by, woongemeente: Gemeente, vraag: str, datum: datetime.date
) -> Escalatie:
    """Put a youth case to the Nijmegen alderman together with the alderman of the youth's
    home municipality (seed 003)."""
    require_perm(by, "behandelen_dossier")
    if dossier.domein != "jeugd":
        raise ValidationError(_("Alleen jeugdzaken gaan naar het bestuurlijk escalatiepunt."))
    vraag = required(vraag, "vraag", _("Formuleer de vraag aan de wethouders."))
    not_in_future(datum, "datum")
    return Escalatie.objects.create(
        dossier=dossier, woongemeente=woongemeente, vraag=vraag, gevraagd_op=datum, gevraagd_door=by
    )


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
    return escalatie
