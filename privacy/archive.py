"""Archive and destruction (Archiefwet; DVO BW/MO art. 9): closed dossiers whose
result type says "vernietigen" are listed when their archive date has come, reviewed,
destroyed on approval by `privacy`, with a statement (verklaring van vernietiging)."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
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
from .models import VernietigingsItem, Vernietigingslijst


def due_for_destruction(today: datetime.date | None = None):
    today = today or timezone.localdate()
    pending = VernietigingsItem.objects.filter(
        lijst__status=Vernietigingslijst.Status.CONCEPT, soort="dossier"
    ).values("object_id")
    return (
        d.Dossier.objects.filter(
            status=d.Status.AFGESLOTEN,
            archiefnominatie=d.Resultaattype.Archiefnominatie.VERNIETIGEN,
            archiefactiedatum__lte=today,
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
