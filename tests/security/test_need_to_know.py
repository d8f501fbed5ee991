"""A secret dossier stays secret (DESIGN.md section 4): its officer (`handhaver`), the staff
assigned to it (`jurist`) and the team leads see it; other staff (`handhaver2`, `jurist2`,
the meldpunt's `intake`, the meeting's `secretaris`) see nothing of it; an involved
municipality (Druten) sees that a confidential dossier exists and what it must do.
One test per place where it used to show."""

import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader
from rest_framework.test import APIClient
from viewflow.workflow.models import Process, Task

from dossieroverleg import calendar, selectors
from dossieroverleg import services as dossier_services
from dossieroverleg.models import Dossier, MeerwerkVerzoek, NazorgVerzoek
from juridisch import services as juridisch
from meldpunt.selectors import visible_meldingen
from rapportage.figures import Period, compute
from regio.roles import Rol
from tests.dossieroverleg.conftest import decided_dossier, report_to_enforcement
from tests.regio.factories import ContactpersoonFactory
from workflows.api import visible_tasks
from workflows.flows import BezwaarFlow, HandhavingFlow, MeerwerkFlow, MeldingFlow

PROVIDER = "Zorg Zonder Zorgen BV"  # rob_contract's provider


@pytest.fixture
def secret(people, rob_contract, regio):
    """A decided dossier of `handhaver` (advice approved by `teamleider`, the decision
    recorded by `teamleider2`, discussed in a meeting of `secretaris`) with its process, an
    objection, a contract terminated (aftercare asked of Druten) and extra work; then made
    secret by a team lead, with `jurist` assigned to it."""
    ContactpersoonFactory(gemeente=regio["GM0268"], email="handhaving@nijmegen.example.org")
    today = timezone.localdate()
    dossier = decided_dossier(
        people,
        rob_contract,
        maatregelen=["aanwijzing", "ingebrekestelling"],
        datum=today,
        bekendmaking_op=today,
    )
    HandhavingFlow.start.run(dossier=dossier)
    traject = juridisch.open_trajectory(
        dossier=dossier, maatregel="aanwijzing", by=people["jurist"]
    )
    juridisch.receive_objection(traject=traject, by=people["jurist"], ontvangen_op=today)
    privaat = juridisch.open_trajectory(
        dossier=dossier, maatregel="ingebrekestelling", by=people["jurist"], termijn_dagen=14
    )
    juridisch.terminate_contract(traject=privaat, by=people["jurist"], datum=today)
    dossier_services.request_extra_work(
        dossier=Dossier.objects.get(pk=dossier.pk),
        by=people["handhaver"],
        omschrijving="Twee extra inspecties",
        uiterlijk=today + datetime.timedelta(days=14),
        uren=12,
        bedrag=0,
    )
    dossier_services.set_confidentiality(
        dossier=Dossier.objects.get(pk=dossier.pk),
        by=people["teamleider2"],
        niveau="geheim",
        medebehandelaars=[people["jurist"]],
        reden="Strafrechtelijk onderzoek",
    )
    return Dossier.objects.get(pk=dossier.pk)


@pytest.fixture
def open_dossier(people, second_contract):
    """A dossier that is not secret, of another provider."""
    melding = report_to_enforcement(by=people["intake"], contract=second_contract)
    from dossieroverleg import services

    dossier, _ = services.open_dossier(melding=melding)
    return dossier


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(user, url: str):
    return client_for(user).get(url)


def text(response) -> str:
    return response.content.decode()


def shows(response, dossier) -> bool:
    body = text(response)
    return dossier.nummer in body or PROVIDER in body


def process_of(obj, flow_class) -> Process:
    return Process.objects.get(flow_class=flow_class, artifact_object_id=obj.pk)


def human_task(process) -> Task:
    return Task.objects.filter(process=process).exclude(flow_task_type="START").first()


# The rule --------------------------------------------------------------------------


def test_officer_assigned_staff_and_team_leads_see_it_other_staff_do_not(people, secret):
    for name in ("handhaver", "jurist", "teamleider", "teamleider2"):
        assert selectors.visible_dossiers(people[name]).filter(pk=secret.pk).exists(), name
        assert not selectors.is_hidden(people[name], secret), name
    for name in ("handhaver2", "jurist2", "intake", "secretaris"):
        assert not selectors.visible_dossiers(people[name]).filter(pk=secret.pk).exists(), name
        assert selectors.is_hidden(people[name], secret), name
    # Druten is involved: it sees that the dossier exists, not what is in it.
    assert selectors.visible_dossiers(people["druten"]).filter(pk=secret.pk).exists()
    assert selectors.is_hidden(people["druten"], secret)
    # Every record of the dossier follows the dossier.
    for record in [
        *secret.termijnen.all(),
        *secret.trajecten.all(),
        *secret.meldingen.all(),
        *secret.agendapunten.all(),
        *NazorgVerzoek.objects.filter(dossier=secret),
        *MeerwerkVerzoek.objects.filter(dossier=secret),
    ]:
        assert selectors.is_hidden(people["handhaver2"], record), record
        assert not selectors.is_hidden(people["jurist"], record), record


# viewflow's pages and lists --------------------------------------------------------


def test_process_and_task_pages_of_a_secret_dossier_are_not_found(people, secret):
    process = process_of(secret, HandhavingFlow)
    task = Task.objects.get(process=process, flow_task_type="HUMAN")
    urls = [
        f"/werk-handhaving/{process.pk}/",
        f"/werk-handhaving/{process.pk}/chart/",
        f"/werk-handhaving/{process.pk}/{task.flow_task.name}/{task.pk}/",
        f"/werk-handhaving/{process.pk}/{task.flow_task.name}/{task.pk}/detail/",
        f"/werk-handhaving/{process.pk}/{task.flow_task.name}/{task.pk}/undo/",
    ]
    for url in urls:
        response = page(people["handhaver2"], url)
        assert response.status_code in (403, 404), url
        assert not shows(response, secret), url
    detail = page(people["handhaver"], urls[3])
    assert detail.status_code == 200 and secret.nummer in text(detail)
    assert page(people["teamleider"], urls[0]).status_code == 200


def test_a_task_of_a_visible_process_cannot_reach_a_hidden_one(people, secret, open_dossier):
    """viewflow finds the task by its own id: a visible process in the address does not
    open a hidden task."""
    HandhavingFlow.start.run(dossier=open_dossier)
    visible = process_of(open_dossier, HandhavingFlow)
    hidden = Task.objects.get(process=process_of(secret, HandhavingFlow), flow_task_type="HUMAN")
    url = f"/werk-handhaving/{visible.pk}/{hidden.flow_task.name}/{hidden.pk}/detail/"
    assert page(people["handhaver2"], url).status_code == 404


def test_every_flow_checks_the_object(people, secret):
    """Dossier, objection and extra work: the flow's permission with the process asks need
    to know, whichever dossier record the process is about."""
    traject = secret.trajecten.get(maatregel="aanwijzing")
    for flow_class, obj in [
        (HandhavingFlow, secret),
        (BezwaarFlow, traject),
        (MeerwerkFlow, MeerwerkVerzoek.objects.get(dossier=secret)),
    ]:
        process = process_of(obj, flow_class)
        flow = flow_class.instance
        assert flow.has_view_permission(people["teamleider"], process), flow_class
        assert not flow.has_view_permission(people["jurist2"], process), flow_class
        assert not flow.has_manage_permission(people["jurist2"], process), flow_class
        if (task := human_task(process)) is not None:
            assert not flow.has_view_permission(people["jurist2"], task), flow_class


def test_the_work_lists_leave_secret_processes_and_tasks_out(people, secret, open_dossier):
    """The lists show a process by its link (its number only on its page)."""
    HandhavingFlow.start.run(dossier=open_dossier)
    traject = secret.trajecten.get(maatregel="aanwijzing")
    melding = secret.meldingen.first()
    links = {
        "werk-handhaving": f"/werk-handhaving/{process_of(secret, HandhavingFlow).pk}/",
        "werk-bezwaar": f"/werk-bezwaar/{process_of(traject, BezwaarFlow).pk}/",
        "werk-meldingen": f"/werk-meldingen/{process_of(melding, MeldingFlow).pk}/",
    }
    for app, link in links.items():
        for view in ("", "flows/", "tasks/", "queue/", "inbox/", "archive/"):
            for name in ("handhaver2", "jurist2", "intake"):
                response = page(people[name], f"/{app}/{view}")
                assert link not in text(response), (name, app, view)
    assert links["werk-handhaving"] in text(page(people["teamleider"], "/werk-handhaving/flows/"))
    assert links["werk-bezwaar"] in text(page(people["teamleider2"], "/werk-bezwaar/flows/"))
    other = f"/werk-handhaving/{process_of(open_dossier, HandhavingFlow).pk}/"
    assert other in text(page(people["handhaver2"], "/werk-handhaving/flows/"))


def test_the_api_task_list_leaves_out_tasks_of_secret_dossiers(people, secret):
    """`jurist2` may decide the objection (took no part in the decision) but is not
    assigned to the secret dossier: the task and its form are not theirs."""
    traject = secret.trajecten.get(maatregel="aanwijzing")
    task = Task.objects.get(process=process_of(traject, BezwaarFlow), flow_task_type="HUMAN")
    assert not visible_tasks(people["jurist2"]).filter(pk=task.pk).exists()
    api = APIClient()
    api.force_authenticate(people["jurist2"])
    listing = api.get("/api/v1/taken/")
    assert listing.status_code == 200 and secret.nummer not in text(listing)
    assert api.get(f"/api/v1/taken/{task.pk}/").status_code == 404
    assert api.post(f"/api/v1/taken/{task.pk}/voltooien/", {}, format="json").status_code == 404


# Mails, provider, meeting ----------------------------------------------------------


def test_the_mails_about_a_secret_dossier_or_its_term_are_not_found(people, secret):
    termijn = secret.termijnen.first()
    urls = [
        f"/notificaties/dossieroverleg/dossier/{secret.pk}/",
        f"/notificaties/termijnen/termijn/{termijn.pk}/",
    ]
    for url in urls:
        assert page(people["handhaver2"], url).status_code == 404, url
        assert page(people["intake"], url).status_code == 404, url
        assert page(people["handhaver"], url).status_code == 200, url


def test_the_provider_page_lists_only_dossiers_one_may_see(people, secret, open_dossier):
    url = f"/meldpunt/zorgaanbieder/{secret.zorgaanbieder_id}/"
    assert secret.nummer not in text(page(people["intake"], url))
    assert secret.nummer not in text(page(people["handhaver2"], url))
    assert secret.nummer in text(page(people["handhaver"], url))
    other = f"/meldpunt/zorgaanbieder/{open_dossier.zorgaanbieder_id}/"
    assert open_dossier.nummer in text(page(people["intake"], other))


def pdf_text(response) -> str:
    pages = PdfReader(io.BytesIO(response.content)).pages
    return " ".join(" ".join(p.extract_text() for p in pages).split())


def test_the_meeting_shows_a_dossier_made_secret_only_as_confidential(people, secret):
    punt = secret.agendapunten.get()
    overleg = punt.overleg
    conclusion = punt.get_conclusie_display()
    base = f"/handhaving/overleg/{overleg.pk}/"
    for url, read in [
        (base, text),
        (f"{base}agenda.html", text),
        (f"{base}verslag.html", text),
        (f"{base}agenda.pdf", pdf_text),
        (f"{base}verslag.pdf", pdf_text),
    ]:
        shown = read(page(people["secretaris"], url))
        assert "vertrouwelijk dossier" in shown, url
        assert secret.nummer not in shown and PROVIDER not in shown, url
        assert conclusion not in shown and "Aanwijzing" not in shown, url
        visible = read(page(people["handhaver"], url))
        assert secret.nummer in visible and PROVIDER in visible, url


# The municipality ------------------------------------------------------------------


def test_the_portal_and_calendar_show_only_a_confidential_dossier_and_the_request(people, secret):
    portal = text(page(people["druten"], "/portaal/"))
    assert "vertrouwelijk dossier" in portal
    assert secret.nummer not in portal and PROVIDER not in portal
    assert "Twee extra inspecties" in portal  # what it is asked stays readable
    feed = calendar.render(people["druten"]).decode()
    assert "Alternatieve zorg regelen" in feed and "vertrouwelijk dossier" in feed
    assert secret.nummer not in feed and PROVIDER not in feed
    # The dossier's own page said so already.
    own = text(page(people["druten"], f"/handhaving/dossier/{secret.pk}/"))
    assert "vertrouwelijk" in own and PROVIDER not in own


# Reports and figures ---------------------------------------------------------------


def test_reports_behind_a_secret_dossier_are_hidden_from_intake_staff(people, secret):
    melding = secret.meldingen.first()
    other = report_to_enforcement(by=people["intake"], contract=secret.contracten.first())
    for name in ("intake", "handhaver2"):
        reports = visible_meldingen(people[name])
        assert not reports.filter(pk=melding.pk).exists(), name
        assert reports.filter(pk=other.pk).exists(), name
        assert page(people[name], f"/meldpunt/melding/{melding.pk}/").status_code == 404
        assert melding.nummer not in text(page(people[name], "/meldpunt/meldingen/"))
    for name in ("handhaver", "jurist", "teamleider"):
        assert visible_meldingen(people[name]).filter(pk=melding.pk).exists(), name


def test_figures_count_a_secret_dossier_but_never_beside_its_provider(secret):
    today = timezone.localdate()
    figures = compute(periode=Period(today.replace(day=1), today + datetime.timedelta(days=1)))
    assert figures.dossiers_geopend >= 1
    assert PROVIDER not in {row["zorgaanbieder"] for row in figures.per_zorgaanbieder}


def test_no_municipality_and_no_mail_recipient_sees_inside(make_user, regio, secret):
    nijmegen = make_user(Rol.GEMEENTE, username="nijmegen", gemeente=regio["GM0268"])
    assert selectors.is_hidden(nijmegen, secret)
    assert selectors.is_hidden(None, secret)


# Mails -----------------------------------------------------------------------------


def test_mails_about_a_secret_dossier_say_its_number_and_that_something_changed(
    people, secret, regio
):
    from notifications.digest import dossier_rows
    from notifications.models import Notificatie

    before = Notificatie.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    dossier_services.request_aftercare(
        dossier=secret, by=people["handhaver"], reden="zorg_gestopt", dagen=14
    )
    mails = Notificatie.objects.filter(pk__gt=before)
    assert mails.exists()
    for mail in mails:
        assert secret.nummer in mail.onderwerp
        assert "vertrouwelijk" in mail.tekst
        assert PROVIDER not in mail.onderwerp + mail.tekst + mail.html
    row = next(r for r in dossier_rows(gemeente=regio["GM0225"], domeinen=["wmo"]))
    assert row == {
        "nummer": secret.nummer,
        "zorgaanbieder": "vertrouwelijk dossier",
        "status": "—",
        "termijn": None,
    }


def test_a_task_page_lists_a_secret_dossier_among_the_providers_cases_only_to_who_may_see_it(
    people, secret, rob_contract
):
    """A new dossier about the same provider: its task page lists the provider's earlier
    dossiers; the secret one only for its handler."""
    from dossieroverleg import services

    melding = report_to_enforcement(by=people["intake"], contract=rob_contract)
    nieuw, _ = services.open_dossier(melding=melding)
    HandhavingFlow.start.run(dossier=nieuw)
    task = human_task(process_of(nieuw, HandhavingFlow))
    base = f"/werk-handhaving/{task.process_id}/{task.flow_task.name}/{task.pk}"

    def beside(user) -> str:
        client = client_for(user)
        client.post(f"{base}/unassign/")
        assert client.post(f"{base}/assign/").status_code == 302
        page = text(client.get(f"{base}/execute/"))
        client.post(f"{base}/unassign/")
        return page.split('class="zaak-naast"', 1)[1].split("</aside>", 1)[0]

    assert secret.nummer in beside(people["handhaver"])
    assert secret.nummer not in beside(people["handhaver2"])
