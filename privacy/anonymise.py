"""Anonymisation once the purpose is served (seed 000 Bijlage 1 art. 3; AVG art. 5.1.e),
archive first (Archiefwet 1995 art. 3; DVO BW/MO art. 9 lid 1 and 3).

A configurable term (``ANONIMISEREN_NA_DAGEN``) after a report ended without a dossier,
every identifying field of the report gets a neutral value, its attachments are deleted,
free text is replaced; what management reports count (dates, domain, kind, severity,
route, provider, municipalities, measures) stays.

A closed dossier is the case file: it stays whole until its archive action date, then it
is destroyed or transferred as its result type says (``privacy.archive``). After the same
term only what is not part of that record goes: the reporter's contact details on its
reports (and the reporter's address on the mails sent to them), and the personal data
copied into the workflow data (viewflow ``Task.data`` and ``Process.data``) of the
dossier's processes and its reports' processes. The dossier's ``geanonimiseerd_op`` then
says that this was done; the dossier's and its reports' own fields, its documents and the
reports' attachments are not touched. Each object gets an audit row.
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
from meldpunt import models as m
from meldpunt.models import EINDSTATUSSEN
from notifications.models import Notificatie
from regio.audit import Actie, record
from regio.records import delete_documents

NEUTRAAL = "[geanonimiseerd]"

# model -> {field: neutral value}; the free text and identifying fields of each record.
MELDING_FIELDS = {
    m.Melding: {
        "omschrijving": NEUTRAAL,
        "melder_naam": "",
        "melder_email": "",
        "melder_telefoon": "",
        # The receipt code and the link key: from now on they open nothing.
        "code_hash": "",
        "volg_sleutel": "",
    },
    m.Client: {"bsn": "", "naam": "", "geboortedatum": None},
    m.Weging: {"motivering": NEUTRAAL, "reden": NEUTRAAL},
    m.Doorgeleiding: {"uitkomst_toelichting": NEUTRAAL, "wijze": ""},
    m.ReactieVerzoek: {"vraag": NEUTRAAL, "antwoord": NEUTRAAL},
    m.StatusWijziging: {"reden": NEUTRAAL},
    m.MelderBericht: {"tekst": NEUTRAAL},
}
# How each model hangs off a report.
MELDING_PATH = {
    m.Melding: "pk__in",
    m.Client: "melding__in",
    m.Weging: "melding__in",
    m.Doorgeleiding: "melding__in",
    m.ReactieVerzoek: "melding__in",
    m.StatusWijziging: "melding__in",
    m.MelderBericht: "melding__in",
}


@dataclass
class Plan:
    dossiers: list = field(default_factory=list)
    meldingen: list = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.dossiers) + len(self.meldingen)


def due(now: datetime.datetime | None = None) -> Plan:
    """Closed dossiers whose personal data outside the record are due to go, and ended
    reports without a dossier due for anonymisation."""
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


# What goes of a closed dossier after the term: never the case file itself.
NOT_IN_RECORD = ["meldingen.melder", "workflow.data"]


@transaction.atomic
def remove_outside_record(dossier, *, now) -> None:
    """Remove the personal data of a closed dossier that are not part of its record: the
    reporter's contact details on its reports and the copies in its and its reports'
    workflow data. The case file stays whole for the archive (DVO BW/MO art. 9)."""
    meldingen = list(dossier.meldingen.all())
    values = {name: MELDING_FIELDS[m.Melding][name] for name in REPORTER_FIELDS}
    m.Melding.objects.filter(pk__in=[x.pk for x in meldingen]).update(**values)
    _reporter_mails(meldingen)
    _scrub_workflow_data(d.Dossier, [dossier.pk])
    _scrub_workflow_data(m.Melding, [x.pk for x in meldingen])
    d.Dossier.objects.filter(pk=dossier.pk).update(geanonimiseerd_op=now)
    record(Actie.ANONIMISEREN, dossier, velden=NOT_IN_RECORD, toelichting=TERM_PASSED)
    for melding in meldingen:
        record(Actie.ANONIMISEREN, melding, velden=list(REPORTER_FIELDS), toelichting=TERM_PASSED)


def run(*, dry_run: bool = False, progress: Callable[[int], None] | None = None) -> Plan:
    """Anonymise what is due (or, with ``dry_run``, only say what it would do). One
    transaction per object: an interruption leaves every object whole."""
    now = timezone.now()
    plan = due(now)
    if dry_run:
        return plan
    for dossier in plan.dossiers:
        remove_outside_record(dossier, now=now)
        if progress:
            progress(1)
    for start in range(0, len(plan.meldingen), 200):
        batch = plan.meldingen[start : start + 200]
        anonymise_meldingen(batch, now=now)
        if progress:
            progress(len(batch))
    return plan
