"""A task page leads to the page of what the task is about: a dossier task to the dossier
and its reports, a report task to that report (reports and dossiers are numbered apart)."""

import re

from django.contrib.contenttypes.models import ContentType
from django.test import Client
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from dossieroverleg import services as dossier_services
from regio.roles import Rol
from tests.dossieroverleg.conftest import WITHOUT_WIJCHEN, report_to_enforcement
from tests.regio.factories import ContractFactory, VestigingFactory, ZorgaanbiederFactory
from workflows.flows import HandhavingFlow


def open_task(obj, name):
    return next(
        t
        for t in Task.objects.filter(
            process__artifact_object_id=obj.pk,
            process__artifact_content_type=ContentType.objects.get_for_model(obj),
            status__in=[STATUS.NEW, STATUS.ASSIGNED],
        )
        if t.flow_task.name == name
    )


def task_page(user, app, task) -> str:
    client = Client()
    client.force_login(user)
    base = f"/{app}/{task.process_id}/{task.flow_task.name}/{task.pk}"
    if task.status == STATUS.NEW:
        assert client.post(f"{base}/assign/").status_code == 302
    response = client.get(f"{base}/execute/")
    assert response.status_code == 200
    return response.content.decode()


def report_links(page: str, *, part: str = "subject") -> set[int]:
    """The reports a task page links to: about its own case (``subject``), or among the
    provider's earlier cases beside it (``earlier``)."""
    subject, _, earlier = page.partition('class="zaak-naast"')
    text = subject if part == "subject" else earlier
    return {int(pk) for pk in re.findall(r'href="/meldpunt/melding/(\d+)/"', text)}


def test_task_pages_link_to_their_own_dossier_or_report(regio, make_user):
    intake = make_user(Rol.MELDPUNT, username="intake")
    handhaver = make_user(Rol.HANDHAVER, username="handhaver")
    aanbieder = ZorgaanbiederFactory()
    VestigingFactory(zorgaanbieder=aanbieder, gemeente=regio["GM0268"])
    contract = ContractFactory(zorgaanbieder=aanbieder, partijen=WITHOUT_WIJCHEN)
    eerdere = report_to_enforcement(by=intake, contract=contract)  # no dossier of its own
    melding = report_to_enforcement(by=intake, contract=contract)
    dossier, _ = dossier_services.open_dossier(melding=melding)
    HandhavingFlow.start.run(dossier=dossier)
    assert dossier.pk != melding.pk

    page = task_page(handhaver, "werk-handhaving", open_task(dossier, "onderzoek"))
    assert f'href="/handhaving/dossier/{dossier.pk}/"' in page
    assert report_links(page) == {melding.pk}
    assert melding.nummer in page

    page = task_page(intake, "werk-meldingen", open_task(eerdere, "wegen"))
    assert report_links(page) == {eerdere.pk}
    assert report_links(page, part="earlier") == {melding.pk}
    # The report has no dossier of its own; the provider's dossier is listed beside it.
    own, _, beside = page.partition('class="zaak-naast"')
    assert "/handhaving/dossier/" not in own
    assert f'href="/handhaving/dossier/{dossier.pk}/"' in beside


def test_a_list_of_measures_is_drawn_as_checkboxes_with_its_error_visible():
    """viewflow drew CheckboxSelectMultiple as an element its JavaScript never defines
    (0x0 pixels, the error only in an attribute): no advice could be drafted in the
    browser. Now: a fieldset of checkboxes, the label marked required, the error as text."""
    from django.template import Context, Template

    from dossieroverleg.forms import AdviesForm

    form = AdviesForm(data={"motivering": "x", "juridische_grondslag": "y"})
    assert not form.is_valid()
    html = Template("{% load viewflow %}{% render form %}").render(Context({"form": form}))
    assert "vf-field-checkbox-select" not in html
    assert html.count('type="checkbox" name="maatregelen"') == len(
        form.fields["maatregelen"].choices
    )
    assert "Voorgestelde maatregelen *" in html
    assert 'class="hh-field-error"' in html and "Dit veld is vereist." in html
