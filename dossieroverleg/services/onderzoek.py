"""The investigation: starting and finishing it, activities with their findings and
documents."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.services import Upload
from meldpunt.validators import check_bijlage
from regio.events import Event
from regio.records import store_document
from regio.transitions import actor

from ..models import (
    Document,
    Dossier,
    Onderzoeksactiviteit,
    Status,
)
from .dossier import change_status, locked


@transaction.atomic
def start_investigation(*, dossier: Dossier, by) -> Dossier:
    dossier = locked(dossier)
    change_status(dossier, "start_onderzoek", by=by, event=Event.DOSSIER_IN_ONDERZOEK)
    return dossier


@transaction.atomic
def finish_investigation(*, dossier: Dossier, by, samenvatting: str) -> Dossier:
    """The case officer closes the investigation with a summary for the meeting; from then
    on the secretary can put the dossier on the agenda of a Dossieroverleg."""
    dossier = locked(dossier)
    if dossier.status not in (Status.GEOPEND, Status.IN_ONDERZOEK):
        raise ValidationError(_("Het onderzoek van dit dossier is al afgerond."))
    if not dossier.heeft_bevindingen():
        raise ValidationError(
            _("Leg eerst ten minste één bevinding vast (onderzoeksactiviteit op de dossierpagina).")
        )
    if dossier.status == Status.GEOPEND:
        change_status(dossier, "start_onderzoek", by=by, event=Event.DOSSIER_IN_ONDERZOEK)
    dossier.onderzoek_afgerond_op = timezone.now()
    dossier.onderzoek_samenvatting = samenvatting
    dossier.save(update_fields=["onderzoek_afgerond_op", "onderzoek_samenvatting"])
    return dossier


@transaction.atomic
def add_activity(
    *,
    dossier: Dossier,
    by,
    soort: str,
    datum: datetime.date,
    uitgevoerd_door: str,
    bevindingen: str = "",
    uploads: list[Upload] = (),
) -> Onderzoeksactiviteit:
    dossier = locked(dossier)
    if dossier.status not in (Status.GEOPEND, Status.IN_ONDERZOEK):
        raise ValidationError(_("Onderzoek vastleggen kan alleen in een dossier in onderzoek."))
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("De datum ligt in de toekomst.")})
    activiteit = Onderzoeksactiviteit(
        dossier=dossier,
        soort=soort,
        datum=datum,
        uitgevoerd_door=uitgevoerd_door,
        bevindingen=bevindingen,
        vastgelegd_door=actor(by),
    )
    activiteit.full_clean()
    for upload in uploads:
        check_bijlage(name=upload.naam, head=upload.inhoud[:512], size=upload.size)
    activiteit.save()
    for upload in uploads:
        add_document(dossier=dossier, upload=upload, by=by, activiteit=activiteit)
    if dossier.status == Status.GEOPEND:
        change_status(dossier, "start_onderzoek", by=by, event=Event.DOSSIER_IN_ONDERZOEK)
    return activiteit


def add_document(*, dossier: Dossier, upload: Upload, by, activiteit=None) -> Document:
    content_type = check_bijlage(name=upload.naam, head=upload.inhoud[:512], size=upload.size)
    return store_document(
        Document(dossier=dossier, activiteit=activiteit, toegevoegd_door=actor(by)),
        naam=upload.naam,
        inhoud=upload.inhoud,
        content_type=content_type,
    )
