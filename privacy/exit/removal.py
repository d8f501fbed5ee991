"""Removing a leaving municipality here: what is only its own is destroyed, shared
dossiers lose it (recorded), its contacts are deleted and its users deactivated; the
statement (PDF) says what was done."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from dossieroverleg import models as d
from dossieroverleg.pdf import render_pdf
from meldpunt import models as m
from regio import models as r
from regio.audit import Actie, record
from regio.services import end_mandates_of

from ..access import require
from ..archive import destroy_dossier, destroy_melding
from .schema import PERMISSION

REDEN_UITTREDING = "uittreding"


def _report_municipalities(melding: m.Melding) -> set[str]:
    codes = {g.code for g in (melding.vestiging_gemeente, melding.verstrekkende_gemeente) if g}
    codes |= set(melding.contracten.values_list("gemeenten__code", flat=True)) - {None}
    return codes


@dataclass
class Verwijdering:
    gemeente: r.Gemeente
    door: object
    op: datetime.datetime
    vernietigd: list[str] = field(default_factory=list)
    losgekoppeld: list[str] = field(default_factory=list)
    contactpersonen: int = 0
    gebruikers: int = 0
    mandaten: int = 0


def remove_municipality(*, gemeente: r.Gemeente, by, bevestiging: str) -> bytes:
    """Remove what is only this municipality's, take it off shared dossiers, delete its
    contacts and deactivate its users. Returns the statement (PDF)."""
    require(by, PERMISSION)
    if bevestiging != gemeente.code:
        raise ValidationError(
            _("Typ ter bevestiging de CBS-code van de gemeente (%(code)s).")
            % {"code": gemeente.code}
        )
    with transaction.atomic():
        result = Verwijdering(gemeente=gemeente, door=by, op=timezone.now())
        dossiers = d.Dossier.objects.filter(betrokken_gemeenten=gemeente).distinct()
        for dossier in dossiers.order_by("nummer"):
            codes = set(dossier.betrokken_gemeenten.values_list("code", flat=True))
            if codes == {gemeente.code}:
                result.vernietigd += destroy_dossier(dossier)
            else:
                dossier.betrokken_gemeenten.remove(gemeente)
                d.BetrokkenheidWijziging.objects.create(
                    dossier=dossier, door=by, verwijderd=[gemeente.code], reden=REDEN_UITTREDING
                )
                result.losgekoppeld.append(dossier.nummer)
        alone = m.Melding.objects.filter(dossiers__isnull=True).filter(
            Q(vestiging_gemeente=gemeente) | Q(contracten__gemeenten=gemeente)
        )
        for melding in alone.distinct().order_by("pk"):
            if _report_municipalities(melding) == {gemeente.code}:
                result.vernietigd.append(destroy_melding(melding))
        result.contactpersonen, _deleted = r.Contactpersoon.objects.filter(
            gemeente=gemeente
        ).delete()
        # Its mandates end: no decision is taken in its name any more (DVO BW/MO
        # Bijlage A art. 3 lid 4).
        result.mandaten = end_mandates_of(
            gemeente=gemeente, datum=timezone.localdate(), by=by, reden=_("Uittreding")
        )
        result.gebruikers = (
            get_user_model()
            .objects.filter(gebruiker__gemeente=gemeente, is_active=True)
            .update(is_active=False)
        )
        for nummer in result.vernietigd:
            record(
                Actie.VERNIETIGEN,
                user=by,
                object_type="gemeente",
                object_id=gemeente.code,
                nummer=nummer,
                toelichting=REDEN_UITTREDING,
            )
        record(
            Actie.VERNIETIGEN,
            user=by,
            object_type="gemeente",
            object_id=gemeente.code,
            toelichting=_(
                "uittreding: %(v)s vernietigd, uit %(g)s gedeelde dossiers verwijderd, "
                "%(c)s contactpersonen verwijderd, %(u)s gebruikers gedeactiveerd, "
                "%(m)s mandaten beëindigd"
            )
            % {
                "v": len(result.vernietigd),
                "g": len(result.losgekoppeld),
                "c": result.contactpersonen,
                "u": result.gebruikers,
                "m": result.mandaten,
            },
        )
        html = render_to_string("privacy/verklaring_uittreding.html", {"v": result})
        return render_pdf(html)
