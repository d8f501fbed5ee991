import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from dossieroverleg import services
from dossieroverleg.models import Dossier
from tests.clients import api_for
from tests.dossieroverleg.conftest import (  # noqa: F401 - shared fixtures
    people,
    report_to_enforcement,
    rob_contract,
)


def open_task(obj, name: str) -> Task:
    return next(
        t
        for t in Task.objects.filter(
            process__artifact_object_id=obj.pk,
            process__artifact_content_type=ContentType.objects.get_for_model(obj),
            status__in=[STATUS.NEW, STATUS.ASSIGNED],
        )
        if t.flow_task.name == name
    )


def complete(user, obj, name: str, data: dict) -> None:
    """Complete the open task ``name`` as ``user`` would, through the task API."""
    task = open_task(obj, name)
    response = api_for(user).post(f"/api/v1/taken/{task.pk}/voltooien/", data, format="json")
    assert response.status_code == 200, response.content


def dossier_waiting_for_advice(cast, contract) -> Dossier:
    """A dossier through its flow to the step "Advies opstellen": investigated by
    `handhaver`, discussed in a meeting whose conclusion is to prepare advice. ``cast``:
    the dossier tests' ``people``."""
    from workflows.flows import HandhavingFlow

    dossier, _ = services.open_dossier(
        melding=report_to_enforcement(by=cast["intake"], contract=contract)
    )
    HandhavingFlow.start.run(dossier=dossier)
    services.add_activity(
        dossier=dossier,
        by=cast["handhaver"],
        soort="gesprek",
        datum=timezone.localdate(),
        uitgevoerd_door="Team handhaving",
        bevindingen="Medicatie niet op tijd.",
    )
    complete(cast["handhaver"], dossier, "onderzoek", {"toelichting": "Medicatie."})
    secretaris = cast["secretaris"]
    overleg = services.plan_meeting(
        datum=timezone.now() - datetime.timedelta(minutes=1),
        voorzitter=cast["voorzitter"],
        secretaris=secretaris,
        by=secretaris,
    )
    punt = services.put_on_agenda(overleg=overleg, dossier=dossier, by=secretaris)
    services.set_agenda(overleg=overleg, by=secretaris)
    services.hold_meeting(overleg=overleg, by=secretaris)
    services.record_conclusion(
        agendapunt=punt, by=secretaris, conclusie="advies_voorbereiden", maatregelen=["aanwijzing"]
    )
    services.set_minutes(overleg=overleg, by=secretaris)
    return Dossier.objects.get(pk=dossier.pk)


ADVICE = {
    "maatregelen": ["aanwijzing"],
    "motivering": "Herhaalde tekortkomingen.",
    "juridische_grondslag": "Wmo 2015 art. 6.1",
}


def review_waiting(cast, contract, *, author: str = "handhaver") -> Dossier:
    """A dossier whose advice, drafted by ``author``, waits for its review."""
    dossier = dossier_waiting_for_advice(cast, contract)
    complete(cast[author], dossier, "advies_opstellen", ADVICE)
    return dossier
