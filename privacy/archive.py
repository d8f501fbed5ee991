"""Archive first (Archiefwet 1995 art. 3 and 12; DVO BW/MO art. 9 lid 1, 3, 4 and 5).

A closed dossier is the case file: it stays whole (its documents, history, decisions)
until its archive action date, the closing date plus the retention of its result type
(selectielijst, ``Resultaattype``). Then, as its result type says:

* "vernietigen": listed when the date has come, reviewed, destroyed on approval by
  `privacy`, with a statement (verklaring van vernietiging);
* "blijvend bewaren": transferred for permanent keeping: the dossier in the exit format
  (``privacy.exit``) stored as a transfer record (``Overbrenging``), after which the
  dossier is marked transferred and is never destroyed. A result type to keep without a
  term of its own is transferred at the Archiefwet's latest term.

The personal data that are not part of the record go earlier (``privacy.anonymise``)."""

import datetime
import hashlib
import io

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from dossieroverleg import models as d
from dossieroverleg.pdf import render_pdf
from juridisch import models as j
from meldpunt import models as m
from notifications.models import Notificatie
from regio.audit import Actie, record
from regio.records import delete_documents
from termijnen import models as t

from .access import require
from .models import Overbrenging, VernietigingsItem, Vernietigingslijst

KEEP = d.Resultaattype.Archiefnominatie.BLIJVEND_BEWAREN
DESTROY = d.Resultaattype.Archiefnominatie.VERNIETIGEN
# A result type "blijvend bewaren" without a term of its own: transferred when the
# Archiefwet 1995 says so at the latest (art. 12 lid 1: records older than twenty years).
TRANSFER_AFTER_YEARS = 20
# The archive the transferred files go to: the one the college of Nijmegen, which decides
# under mandate for all municipalities (DESIGN 2.2), designates (DVO BW/MO art. 9 lid 5).
ARCHIVE_MUNICIPALITY = "GM0268"
TRANSFER_PERMISSION = "privacy.add_overbrenging"


def due_for_destruction(today: datetime.date | None = None):
    today = today or timezone.localdate()
    pending = VernietigingsItem.objects.filter(
        lijst__status=Vernietigingslijst.Status.CONCEPT, soort="dossier"
    ).values("object_id")
    return (
        d.Dossier.objects.filter(
            status=d.Status.AFGESLOTEN,
            archiefnominatie=DESTROY,
            archiefactiedatum__lte=today,
            overbrenging__isnull=True,
        )
        .exclude(pk__in=pending)
        .select_related("zorgaanbieder")
        .order_by("archiefactiedatum", "nummer")
    )


@transaction.atomic
def create_batch(*, by, dossiers=None, onderwerp: str = "") -> Vernietigingslijst:
    """A list for review of the dossiers due (or the given ones, if due)."""
    require(by, "privacy.add_vernietigingslijst")
    due = due_for_destruction()
    if dossiers is not None:
        due = due.filter(pk__in=[x.pk for x in dossiers])
    due = list(due)
    if not due:
        raise ValidationError(_("Er zijn geen dossiers waarvan de bewaartermijn is verstreken."))
    lijst = Vernietigingslijst.objects.create(
        aangemaakt_door=by, onderwerp=onderwerp or _("Handhavingsdossiers")
    )
    resultaten = dict(d.Resultaattype.objects.values_list("code", "omschrijving"))
    VernietigingsItem.objects.bulk_create(
        [
            VernietigingsItem(
                lijst=lijst,
                soort="dossier",
                object_id=dossier.pk,
                nummer=dossier.nummer,
                omschrijving=f"{dossier.zorgaanbieder.naam} ({dossier.get_domein_display()})",
                resultaat=resultaten.get(dossier.resultaat, dossier.resultaat),
                afgesloten_op=timezone.localdate(dossier.afgesloten_op)
                if dossier.afgesloten_op
                else None,
                archiefactiedatum=dossier.archiefactiedatum,
            )
            for dossier in due
        ]
    )
    return lijst


def _delete_processes(model, ids) -> None:
    from viewflow.workflow.models import Process, Task

    content_type = ContentType.objects.get_for_model(model)
    processes = Process.objects.filter(
        artifact_content_type=content_type, artifact_object_id__in=list(ids)
    )
    Task.objects.filter(process__in=processes).delete()
    processes.delete()


def _delete_mails(model, ids) -> None:
    Notificatie.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=list(ids)
    ).delete()


@transaction.atomic
def destroy_dossier(dossier: d.Dossier) -> list[str]:
    """Remove a dossier with everything that hangs off it, and the reports that belong to
    no other dossier, with their files. Returns the numbers of what was removed."""
    dossier = d.Dossier.objects.select_for_update().get(pk=dossier.pk)
    if Overbrenging.objects.filter(dossier=dossier).exists():
        raise ValidationError(
            _(
                "Dossier %(nummer)s is overgebracht voor blijvende bewaring en wordt niet "
                "vernietigd."
            )
            % {"nummer": dossier.nummer}
        )
    removed = [dossier.nummer]
    meldingen = [x for x in dossier.meldingen.all() if x.dossiers.count() == 1]
    termijnen = list(dossier.termijnen.values_list("pk", flat=True))
    trajecten = list(dossier.trajecten.values_list("pk", flat=True))
    meerwerk = list(dossier.meerwerk.values_list("pk", flat=True))
    delete_documents(d.Document.objects.filter(dossier=dossier))
    d.Agendapunt.objects.filter(dossier=dossier).delete()
    d.NazorgVerzoek.objects.filter(dossier=dossier).delete()
    d.Verbeterplan.objects.filter(dossier=dossier).delete()
    d.MeerwerkVerzoek.objects.filter(dossier=dossier).delete()
    j.JuridischTraject.objects.filter(dossier=dossier).delete()
    for model, ids in (
        (d.Dossier, [dossier.pk]),
        (t.Termijn, termijnen),
        (j.JuridischTraject, trajecten),
        (d.MeerwerkVerzoek, meerwerk),
    ):
        _delete_processes(model, ids)
        _delete_mails(model, ids)
    dossier.delete()
    for melding in meldingen:
        removed.append(destroy_melding(melding))
    return removed


@transaction.atomic
def destroy_melding(melding: m.Melding) -> str:
    delete_documents(m.Bijlage.objects.filter(melding=melding))
    _delete_processes(m.Melding, [melding.pk])
    _delete_mails(m.Melding, [melding.pk])
    nummer = melding.nummer or f"melding {melding.pk}"
    melding.delete()
    return nummer


def statement_pdf(lijst: Vernietigingslijst) -> bytes:
    html = render_to_string(
        "privacy/verklaring_vernietiging.html",
        {"lijst": lijst, "items": lijst.items.all(), "nu": timezone.now()},
    )
    return render_pdf(html)


@transaction.atomic
def approve_batch(*, lijst: Vernietigingslijst, by) -> Vernietigingslijst:
    """Destroy what the list names (still closed and due) and write the statement."""
    require(by, "privacy.change_vernietigingslijst")
    lijst = Vernietigingslijst.objects.select_for_update().get(pk=lijst.pk)
    if lijst.status != Vernietigingslijst.Status.CONCEPT:
        raise ValidationError(_("Deze lijst is al afgehandeld."))
    still_due = set(
        due_for_destruction().values_list("pk", flat=True)
    ) | set(  # items on this list are excluded from due_for_destruction; check them directly
        d.Dossier.objects.filter(
            pk__in=lijst.items.values("object_id"),
            status=d.Status.AFGESLOTEN,
            archiefnominatie=d.Resultaattype.Archiefnominatie.VERNIETIGEN,
            archiefactiedatum__lte=timezone.localdate(),
        ).values_list("pk", flat=True)
    )
    for item in lijst.items.all():
        if item.object_id not in still_due:
            item.delete()  # reopened or its term changed meanwhile: not destroyed
            continue
        dossier = d.Dossier.objects.get(pk=item.object_id)
        for nummer in destroy_dossier(dossier):
            record(
                Actie.VERNIETIGEN,
                user=by,
                object_type="dossieroverleg.dossier",
                object_id=str(item.object_id),
                nummer=nummer,
                toelichting=f"vernietigingslijst {lijst.pk}",
            )
    lijst.status = Vernietigingslijst.Status.VERNIETIGD
    lijst.goedgekeurd_door = by
    lijst.vernietigd_op = timezone.now()
    lijst.save()
    lijst.verklaring.save(
        f"verklaring-vernietiging-{lijst.pk}.pdf", ContentFile(statement_pdf(lijst)), save=True
    )
    return lijst


@transaction.atomic
def reject_batch(*, lijst: Vernietigingslijst, by) -> Vernietigingslijst:
    require(by, "privacy.change_vernietigingslijst")
    lijst = Vernietigingslijst.objects.select_for_update().get(pk=lijst.pk)
    if lijst.status != Vernietigingslijst.Status.CONCEPT:
        raise ValidationError(_("Deze lijst is al afgehandeld."))
    lijst.status = Vernietigingslijst.Status.AFGEWEZEN
    lijst.goedgekeurd_door = by
    lijst.save()
    return lijst


# Transfer for permanent keeping -------------------------------------------------------


def due_for_transfer(today: datetime.date | None = None):
    """Closed dossiers to keep whose archive action date has come, not yet transferred."""
    from dateutil.relativedelta import relativedelta

    today = today or timezone.localdate()
    latest = today - relativedelta(years=TRANSFER_AFTER_YEARS)
    return (
        d.Dossier.objects.filter(
            status=d.Status.AFGESLOTEN, archiefnominatie=KEEP, overbrenging__isnull=True
        )
        .filter(
            Q(archiefactiedatum__lte=today)
            | Q(archiefactiedatum__isnull=True, afgesloten_op__date__lte=latest)
        )
        .select_related("zorgaanbieder")
        .order_by("archiefactiedatum", "nummer")
    )


def _archive_municipality(dossier: d.Dossier):
    from regio.models import Gemeente

    return (
        Gemeente.objects.filter(code=ARCHIVE_MUNICIPALITY).first()
        or dossier.betrokken_gemeenten.order_by("code").first()
        or Gemeente.objects.order_by("code").first()
    )


@transaction.atomic
def transfer_dossier(*, dossier: d.Dossier, by) -> Overbrenging:
    """Transfer one due dossier: its export in the exit format (data.json after the
    published schema, its documents and its reports' attachments, a manifest, SHA256SUMS)
    stored as the transfer record. The dossier itself stays as it was, marked transferred
    by that record (Archiefwet 1995 art. 12; DVO BW/MO art. 9 lid 3 and 5)."""
    from .exit import export_dossier

    require(by, TRANSFER_PERMISSION)
    dossier = d.Dossier.objects.select_for_update().get(pk=dossier.pk)
    if not due_for_transfer().filter(pk=dossier.pk).exists():
        raise ValidationError(
            _("Dossier %(nummer)s is (nog) niet over te brengen.") % {"nummer": dossier.nummer}
        )
    buffer = io.BytesIO()
    manifest = export_dossier(
        dossier=dossier, gemeente=_archive_municipality(dossier), by=by, fileobj=buffer
    )
    content = buffer.getvalue()
    overbrenging = Overbrenging(
        dossier=dossier,
        nummer=dossier.nummer,
        overgebracht_door=by,
        sha256=hashlib.sha256(content).hexdigest(),
        bestanden=len(manifest["bestanden"]),
    )
    overbrenging.archief.save(
        f"overbrenging-{dossier.nummer}.zip", ContentFile(content), save=False
    )
    overbrenging.save()
    record(
        Actie.OVERBRENGEN,
        dossier,
        user=by,
        toelichting=_("overgebracht voor blijvende bewaring (sha256 %(sum)s)")
        % {"sum": overbrenging.sha256[:16]},
    )
    return overbrenging


def transfer_due(*, by) -> list[Overbrenging]:
    """Transfer every dossier that is due; one transaction per dossier."""
    require(by, TRANSFER_PERMISSION)
    return [transfer_dossier(dossier=dossier, by=by) for dossier in due_for_transfer()]
