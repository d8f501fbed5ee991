"""Anonymisation once the purpose is served (seed 000 Bijlage 1 art. 3; AVG art. 5.1.e).

A configurable term (``ANONIMISEREN_NA_DAGEN``) after a dossier is closed, or after a
report ended without a dossier, every identifying field gets a neutral value, attachments
and documents are deleted, free text is replaced; what management reports count (dates,
domain, kind, severity, route, provider, municipalities, measures) stays. Each object gets
``geanonimiseerd_op`` and an audit row.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from dossieroverleg import models as d
from juridisch import models as j
from meldpunt import models as m
from meldpunt.models import EINDSTATUSSEN
from notifications.models import Notificatie
from regio.audit import Actie, record
from regio.records import delete_documents
from termijnen import models as t

NEUTRAAL = "[geanonimiseerd]"

# model -> {field: neutral value}; the free text and identifying fields of each record.
MELDING_FIELDS = {
    m.Melding: {
        "omschrijving": NEUTRAAL,
        "melder_naam": "",
        "melder_email": "",
        "melder_telefoon": "",
    },
    m.Client: {"bsn": "", "naam": "", "geboortedatum": None},
    m.Weging: {"motivering": NEUTRAAL, "reden": NEUTRAAL},
    m.Doorgeleiding: {"uitkomst_toelichting": NEUTRAAL, "wijze": ""},
    m.ReactieVerzoek: {"vraag": NEUTRAAL, "antwoord": NEUTRAAL},
    m.StatusWijziging: {"reden": NEUTRAAL},
}
DOSSIER_FIELDS = {
    d.Dossier: {"onderzoek_samenvatting": NEUTRAAL},
    d.StatusWijziging: {"reden": NEUTRAAL},
    d.BetrokkenheidWijziging: {"reden": NEUTRAAL},
    d.Onderzoeksactiviteit: {"bevindingen": NEUTRAAL, "uitgevoerd_door": NEUTRAAL},
    d.Agendapunt: {"toelichting": NEUTRAAL},
    d.Advies: {"motivering": NEUTRAAL, "beoordeling": NEUTRAAL},
    d.Besluit: {"toelichting": NEUTRAAL},
    d.Inzet: {"omschrijving": NEUTRAAL},
    j.TrajectStap: {"toelichting": NEUTRAAL},
    t.Opschorting: {"reden": NEUTRAAL, "reden_hervatting": NEUTRAAL},
    t.TermijnWijziging: {"toelichting": NEUTRAAL},
    t.Termijn: {"verlenging_reden": NEUTRAAL},
    d.NazorgVerzoek: {"toelichting": NEUTRAAL},
    d.Verbeterplan: {"omschrijving": NEUTRAAL, "toelichting": NEUTRAAL},
    d.MeerwerkVerzoek: {"omschrijving": NEUTRAAL},
    d.MeerwerkStandpunt: {"toelichting": NEUTRAAL},
    d.Escalatie: {"vraag": NEUTRAAL, "antwoord": NEUTRAAL},
}
# How each model hangs off a report or a dossier.
MELDING_PATH = {
    m.Melding: "pk__in",
    m.Client: "melding__in",
    m.Weging: "melding__in",
    m.Doorgeleiding: "melding__in",
    m.ReactieVerzoek: "melding__in",
    m.StatusWijziging: "melding__in",
}
DOSSIER_PATH = {
    d.Dossier: "pk__in",
    d.StatusWijziging: "dossier__in",
    d.BetrokkenheidWijziging: "dossier__in",
    d.Onderzoeksactiviteit: "dossier__in",
    d.Agendapunt: "dossier__in",
    d.Advies: "dossier__in",
    d.Besluit: "dossier__in",
    d.Inzet: "dossier__in",
    j.TrajectStap: "traject__dossier__in",
    t.Opschorting: "termijn__dossier__in",
    t.TermijnWijziging: "termijn__dossier__in",
    t.Termijn: "dossier__in",
    d.NazorgVerzoek: "dossier__in",
    d.Verbeterplan: "dossier__in",
    d.MeerwerkVerzoek: "dossier__in",
    d.MeerwerkStandpunt: "verzoek__dossier__in",
    d.Escalatie: "dossier__in",
}


@dataclass
class Plan:
    dossiers: list = field(default_factory=list)
    meldingen: list = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.dossiers) + len(self.meldingen)


def due(now: datetime.datetime | None = None) -> Plan:
    """Closed dossiers and ended reports whose term has passed, not yet anonymised."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.ANONIMISEREN_NA_DAGEN)
    dossiers = list(
        d.Dossier.objects.filter(
            status=d.Status.AFGESLOTEN, afgesloten_op__lte=cutoff, geanonimiseerd_op__isnull=True
        ).order_by("afgesloten_op", "pk")
    )
    # A report behind a dossier goes with the dossier; one without ends at its last status.
    zonder_dossier = (
        m.Melding.objects.filter(
            status__in=EINDSTATUSSEN, dossiers__isnull=True, geanonimiseerd_op__isnull=True
        )
        .annotate(einde=Max("historie__op"))
        .filter(einde__lte=cutoff)
        .order_by("einde", "pk")
    )
    return Plan(dossiers=dossiers, meldingen=list(zonder_dossier))


def _neutralise(fields: dict, paths: dict, objects: list) -> None:
    for model, values in fields.items():
        model.objects.filter(**{paths[model]: objects}).update(**values)


def _scrub_workflow_data(model, ids: Iterable[int]) -> None:
    """Task and process data of the object's flows may hold names typed in a task."""
    from viewflow.workflow.models import Process, Task

    content_type = ContentType.objects.get_for_model(model)
    processes = Process.objects.filter(
        artifact_content_type=content_type, artifact_object_id__in=ids
    )
    for task in Task.objects.filter(process__in=processes).exclude(data={}):
        task.data = {k: (NEUTRAAL if isinstance(v, str) else v) for k, v in task.data.items()}
        task.save(update_fields=["data"])
    for process in processes.exclude(data={}):
        process.data = {k: (NEUTRAAL if isinstance(v, str) else v) for k, v in process.data.items()}
        process.save(update_fields=["data"])


def _reporter_mails(meldingen: list) -> None:
    """Mails to the reporter carry the reporter's address as recipient."""
    content_type = ContentType.objects.get_for_model(m.Melding)
    for mail in Notificatie.objects.filter(
        content_type=content_type, object_id__in=[x.pk for x in meldingen], gemeente__isnull=True
    ):
        mail.ontvanger = f"melder-{mail.pk}@geanonimiseerd.invalid"
        mail.save(update_fields=["ontvanger"])


# Why a report is anonymised when its term has passed.
TERM_PASSED = "bewaartermijn persoonsgegevens verstreken"
# The reporter's contact details: not part of the case record (DESIGN 4).
REPORTER_FIELDS = ("melder_naam", "melder_email", "melder_telefoon")


@transaction.atomic
def anonymise_meldingen(meldingen: list, *, now, reden: str = TERM_PASSED) -> None:
    ids = [x.pk for x in meldingen]
    _neutralise(MELDING_FIELDS, MELDING_PATH, ids)
    delete_documents(m.Bijlage.objects.filter(melding__in=ids))
    _scrub_workflow_data(m.Melding, ids)
    _reporter_mails(meldingen)
    m.Melding.objects.filter(pk__in=ids).update(geanonimiseerd_op=now)
    for melding in meldingen:
        record(Actie.ANONIMISEREN, melding, toelichting=reden)


@transaction.atomic
def erase_reporter(meldingen: list, *, reden: str) -> None:
    """Only the reporter's contact details, and the address of the mails to the reporter:
    the report itself stays (an erasure granted on the reporter's request, AVG art. 17)."""
    values = {name: MELDING_FIELDS[m.Melding][name] for name in REPORTER_FIELDS}
    m.Melding.objects.filter(pk__in=[x.pk for x in meldingen]).update(**values)
    _reporter_mails(meldingen)
    for melding in meldingen:
        record(Actie.ANONIMISEREN, melding, velden=list(REPORTER_FIELDS), toelichting=reden)


@transaction.atomic
def anonymise_dossier(dossier, *, now) -> None:
    meldingen = list(dossier.meldingen.filter(geanonimiseerd_op__isnull=True))
    _neutralise(DOSSIER_FIELDS, DOSSIER_PATH, [dossier.pk])
    delete_documents(d.Document.objects.filter(dossier=dossier))
    _scrub_workflow_data(d.Dossier, [dossier.pk])
    d.Dossier.objects.filter(pk=dossier.pk).update(geanonimiseerd_op=now)
    record(Actie.ANONIMISEREN, dossier, toelichting=TERM_PASSED)
    if meldingen:
        anonymise_meldingen(meldingen, now=now)


def run(*, dry_run: bool = False, progress: Callable[[int], None] | None = None) -> Plan:
    """Anonymise what is due (or, with ``dry_run``, only say what it would do). One
    transaction per object: an interruption leaves every object whole."""
    now = timezone.now()
    plan = due(now)
    if dry_run:
        return plan
    for dossier in plan.dossiers:
        anonymise_dossier(dossier, now=now)
        if progress:
            progress(1)
    for start in range(0, len(plan.meldingen), 200):
        batch = plan.meldingen[start : start + 200]
        anonymise_meldingen(batch, now=now)
        if progress:
            progress(len(batch))
    return plan
