"""Every role against every URL of the product, including every URL viewflow and the admin
add. The expected outcome is written down once, per group of routes, in RULES; a route
that no rule covers fails the test, so a new route must have its permission decided.

Outcomes: ``A`` allowed (the page or a validation answer), ``D`` denied (403, 404, 405
for a method the role may not use, or a redirect to a login page), ``*`` not checked here
(the Django admin for `beheer`, which enforces model permissions itself).
"""

import datetime
import io
import re
import sys
import zipfile

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, get_resolver
from rest_framework.test import APIClient
from viewflow.workflow.models import Task

from dossieroverleg import services as dossier_services
from meldpunt import services
from regio.roles import Rol
from tests.dossieroverleg.conftest import report_to_enforcement
from tests.regio.factories import ContractFactory, VestigingFactory, ZorgaanbiederFactory

ROLES = [
    "anoniem",
    "meldpunt",
    "handhaver",
    "jurist",
    "teamleider",
    "overleg",
    "gemeente",
    "gemeente_ander",
    "privacy",
    "beheer",
    "koppeling",
]
STAFF = {"meldpunt", "handhaver", "jurist", "teamleider", "overleg", "privacy"}
EVERYONE = set(ROLES)
LOGGED_IN = EVERYONE - {"anoniem"}
DOSSIER_READERS = STAFF | {"gemeente"}  # gemeente: only a dossier involving it


def allow(roles, others="D"):
    return {role: ("A" if role in roles else others) for role in ROLES}


ADMIN = {**allow(set()), "beheer": "*"}
# (route regex, expectations, why)
FLOW_ACTIONS = "(execute|unassign)"
# undo, revive and cancel are for the flow's managers; the task's state is checked when
# the confirmation is posted, so the confirmation page itself shows.
MELDING_MANAGERS = {"meldpunt", "teamleider"}
DOSSIER_MANAGERS = {"teamleider"}
LEGAL = {"handhaver", "jurist", "teamleider"}  # who holds the deadlines (view_termijn)
OBJECTION = {"jurist", "teamleider"}  # who decides objections (beslissen_op_bezwaar)
RULES = [
    (r"^beheer/(login|logout)/", dict.fromkeys(ROLES, "*"), "the admin's own login and logout"),
    (r"^beheer/", ADMIN, "the admin is for beheer; Django checks its model permissions"),
    (r"^accounts/logout/", dict.fromkeys(ROLES, "*"), "logging out (POST) cannot leak"),
    (r"^accounts/password_change/", allow(LOGGED_IN), "change one's own password"),
    (r"^accounts/2fa/", allow(LOGGED_IN), "set up or enter the second factor of one's login"),
    (r"^favicon\.ico$", allow(EVERYONE), "the site's icon"),
    (r"^accounts/", allow(EVERYONE), "login and password reset are public"),
    (r"^melding/reactie/", allow(EVERYONE), "a reporter answers through a personal token"),
    (
        r"^melding/doorgeleid/X/$",
        allow(set()),
        "a forwarded report's page: the link of its recipient's mail is the credential, for "
        "everyone alike (tests/meldpunt/test_doorgeleiding.py: valid, expired, anonymised, "
        "unknown); here a link nobody was given",
    ),
    (
        r"^melding/mijn-melding/sluiten/$",
        allow(EVERYONE),
        "close the reporter's page in this browser (a shared computer)",
    ),
    (
        r"^melding/volgen/X/$",
        allow(set()),
        "a reporter's personal link: nothing without a valid signed link of that report",
    ),
    (r"^melding/", allow(EVERYONE), "the public report form"),
    (r"^api/v1/(schema|docs)/", allow(LOGGED_IN), "API description for logged-in users"),
    (r"^api/v1/meldingen/$", allow({"meldpunt", "koppeling"}), "POST a report"),
    (r"^api/v1/meldingen/X/$", allow(STAFF), "read a report (staff); a system only its own"),
    (r"^api/v1/dossiers/X/$", allow(DOSSIER_READERS), "read a dossier"),
    (r"^api/v1/termijnen/$", allow(LEGAL), "open deadlines (API)"),
    (r"^api/v1/taken/$", allow(LOGGED_IN), "one's own task list (empty without a role)"),
    (r"^api/v1/taken/X/$", allow({"meldpunt", "teamleider"}), "a task of the meldpunt queue"),
    (r"^api/v1/taken/X/voltooien/$", allow({"meldpunt", "teamleider"}), "complete it"),
    (r"^$", allow(EVERYONE), "the site's index only redirects to the landing page"),
    (
        r"^notificaties/",
        allow(STAFF | {"beheer"}),
        "the mails sent about an object: staff read the outbox, beheer runs it",
    ),
    (r"^start/", allow(LOGGED_IN), "the landing page says what a role can do"),
    (
        r"^signalen/X/gelezen/$",
        allow(set()),
        "mark one's own signal read (tests/signalen/test_views.py); here a signal of nobody's",
    ),
    (
        r"^signalen/X/$",
        allow(set()),
        "open one's own signal (tests/signalen/test_views.py); here a signal of nobody's",
    ),
    (r"^signalen/gelezen/$", allow(STAFF | {"beheer"}), "mark all one's own signals read"),
    (
        r"^signalen/",
        allow(STAFF | {"beheer"}),
        "one's own signals and the daily mail setting: the region's staff",
    ),
    (
        r"^regio/(contract|samenwerkingsverband)/",
        allow(STAFF | {"beheer"}),
        "contracts and arrangements: staff",
    ),
    (
        r"^regio/",
        allow(STAFF | {"beheer", "gemeente", "gemeente_ander"}),
        "municipalities and providers (no personal data): staff and municipalities",
    ),
    (r"^meldpunt/melding/X/vraag/$", allow({"meldpunt", "teamleider"}), "ask the reporter"),
    (r"^meldpunt/melding/X/bericht/$", allow({"meldpunt"}), "write to the reporter"),
    (
        r"^meldpunt/melding/X/zorgaanbieder/$",
        allow({"meldpunt", "teamleider"}),
        "link the report to a registered provider",
    ),
    (
        r"^meldpunt/zorgaanbieder/X/bibob/X/$",
        allow({"handhaver", "teamleider"}),
        "start or end a Bibob investigation (seed 000 art. 7.4): enforcement officers",
    ),
    (r"^meldpunt/nieuw/", allow({"meldpunt"}), "staff entry of a report"),
    (r"^meldpunt/", allow(STAFF), "reports, attachments, provider pages"),
    (
        r"^werk-meldingen/X/wegen/X/(assign|cancel|undo|revive)/$",
        allow(MELDING_MANAGERS),
        "take, cancel, undo or revive a weighing task: meldpunt and team lead",
    ),
    (r"^werk-meldingen/X/cancel/$", allow(MELDING_MANAGERS), "cancel a report's process"),
    (r"^werk-handhaving/X/cancel/$", allow(DOSSIER_MANAGERS), "cancel a dossier's process"),
    (
        rf"^werk-meldingen/X/wegen/X/{FLOW_ACTIONS}/$",
        allow(set()),
        "not possible on a task nobody holds",
    ),
    (
        r"^werk-handhaving/X/onderzoek/X/assign/$",
        allow({"handhaver", "teamleider"}),
        "take an investigation task",
    ),
    (
        r"^werk-handhaving/X/onderzoek/X/(cancel|undo|revive)/$",
        allow(DOSSIER_MANAGERS),
        "cancel, undo, revive: the flow's managers (team lead)",
    ),
    (
        rf"^werk-handhaving/X/onderzoek/X/{FLOW_ACTIONS}/$",
        allow(set()),
        "not possible on a task nobody holds",
    ),
    (
        r"^werk-bezwaar/X/beslissen/X/(assign|detail)/$",
        allow({"jurist"}),
        "take or see the objection task: who decides objections and took no part in the "
        "primary decision (here the team lead recorded the college's decision: 403, reason)",
    ),
    (
        r"^werk-bezwaar/X/beslissen/X/(cancel|undo|revive)/$",
        allow(OBJECTION),
        "cancel, undo, revive: the flow's managers",
    ),
    (
        rf"^werk-bezwaar/X/beslissen/X/{FLOW_ACTIONS}/$",
        allow(set()),
        "not possible on a task nobody holds",
    ),
    (r"^werk-bezwaar/X/cancel/$", allow(OBJECTION), "cancel an objection's process"),
    (r"^werk-bezwaar/", allow(OBJECTION), "the objection flow pages: who decides objections"),
    (r"^werk-meldingen/", allow(STAFF), "the meldpunt's flow pages (viewflow)"),
    (r"^werk-handhaving/", allow(STAFF), "the enforcement flow pages (viewflow)"),
    (r"^handhaving/termijnen/", allow(LEGAL), "the deadline overview: who holds deadlines"),
    (r"^handhaving/traject/X/$", allow(LEGAL), "a legal trajectory: enforcement and legal staff"),
    (r"^handhaving/(traject|termijn)/X/X/$", allow(LEGAL), "record a step, suspend a term"),
    (
        r"^handhaving/(stap|advies)/X/brief/$",
        allow(LEGAL),
        "make a letter of a step, or of an approved advice (here one under review: refused, 422)",
    ),
    (
        r"^handhaving/brief/X/concept\.docx$",
        allow(LEGAL),
        "a letter's draft: who runs trajectories",
    ),
    (
        r"^handhaving/brief/X/brief\.pdf$",
        allow(set()),
        "only a final letter has a PDF (tests/brieven/test_views.py); here a draft's",
    ),
    (r"^handhaving/brief/X/X/$", allow(LEGAL), "upload an edited draft, make a letter final"),
    (
        r"^handhaving/dossier/X/opvolging/X/$",
        allow({"handhaver", "teamleider"}),
        "aftercare, extra work, escalation, closing: the officers",
    ),
    (r"^handhaving/overleg/nieuw/", allow({"overleg"}), "plan a meeting"),
    (r"^handhaving/overleg/X/X/$", allow({"overleg"}), "the secretary's actions"),
    (r"^handhaving/overleg", allow(STAFF - {"meldpunt"}), "meetings, agendas, minutes"),
    (
        r"^handhaving/dossier/X/(activiteit|inzet|reikwijdte)/$",
        allow({"handhaver", "teamleider"}),
        "record investigation or costs, change contracts or locations",
    ),
    (
        r"^handhaving/dossier/X/(document|advies)/",
        allow(STAFF - {"meldpunt"}),
        "documents and advice of a dossier: enforcement staff only",
    ),
    (
        r"^handhaving/dossier/X/onderdeel/X/$",
        allow(STAFF),
        "a folded part of the dossier page (a form, a list), loaded when opened: the page's "
        "checks, for the staff the page shows it to (here its open terms)",
    ),
    (r"^handhaving/dossier/", allow(DOSSIER_READERS), "a dossier page"),
    (
        r"^handhaving/",
        allow(DOSSIER_READERS | {"gemeente_ander"}),
        "dossier lists, scoped: a municipality lists only its own (possibly none)",
    ),
    (r"^rapportage/kostenverdeling", allow({"teamleider"}), "cost sharing export"),
    (
        r"^rapportage/",
        allow(DOSSIER_READERS | {"gemeente_ander"}),
        "figures; a municipality sees only its own",
    ),
    (r"^webhooks/anymail/", allow(set()), "webhooks need the provider's credentials"),
    (
        r"^privacy/vernietiging/X/verklaring.pdf",
        allow(set()),
        "only a destroyed list has a statement (test_privacy)",
    ),
    (r"^privacy/", allow({"privacy"}), "audit log, data-subject requests, breaches, archive"),
    (
        r"^agenda/X/termijnen.ics",
        allow(set()),
        "the calendar feed's secret link is its credential (test_termijnen: right, wrong, revoked)",
    ),
    (
        r"^halfjaarrapportage/X/$",
        allow(set()),
        "a municipality's half-year report: the signed link of its contact's mail is the "
        "credential (test_verzending: right, expired, forged, inactive contact)",
    ),
    (r"^portaal/$", allow({"gemeente", "gemeente_ander"}), "a municipality's own requests"),
    (
        r"^portaal/signalen/",
        allow({"gemeente", "gemeente_ander"}),
        "a municipality's own signals, and reporting one (tests/meldpunt/test_gemeente_signaal.py)",
    ),
    (
        r"^portaal/X/X/$",
        allow(set()),
        "answers only to one's own municipality's requests (test_opvolging, test_termijnen)",
    ),
]

# Confidentiality as a dimension (DESIGN.md section 4): every route again, filled with a
# secret dossier and its records (``_secret_case``). A role that may not see it may be
# refused, or shown the page, but never the dossier's number, its report's number or its
# provider, except where SECRET_SHOWN says so and why.
SECRET_PROVIDER = "Zorggroep Geheimhouding BV"
SECRET_READERS = {"teamleider"}  # of these roles; besides them its officer and assigned staff
SECRET_SHOWN = [
    (
        r"^(handhaving/|api/v1/dossiers/)",
        {"gemeente"},
        {"nummer"},
        "an involved municipality sees that a confidential dossier exists, by the number its "
        "mails give, and nothing more",
    ),
    (
        r"^(regio/|meldpunt/(zorgaanbieder|nieuw)/|portaal/signalen/nieuw/)",
        set(ROLES),
        {"aanbieder"},
        "the register (and the report forms' choice, the portal's too) lists every provider; "
        "that this one has a secret dossier stays secret",
    ),
    (
        r"^privacy/",
        {"privacy"},
        {"nummer", "melding"},
        "the audit log names what was read (its number, none of its content): the privacy "
        "officer audits every read, of secret dossiers too",
    ),
]

POST_ONLY = {
    r"^accounts/logout/",
    r"^api/v1/meldingen/$",
    r"^api/v1/taken/X/voltooien/$",
    r"^meldpunt/melding/X/vraag/$",
    r"^meldpunt/melding/X/bericht/$",
    r"^melding/mijn-melding/sluiten/$",
    r"^meldpunt/melding/X/zorgaanbieder/$",
    r"^meldpunt/zorgaanbieder/X/bibob/X/$",
    r"^handhaving/dossier/X/(activiteit|inzet|reikwijdte)/$",
    r"^handhaving/overleg/X/X/$",
    r"^webhooks/anymail/",
    r"^handhaving/(traject|termijn)/X/X/$",
    r"^handhaving/(stap|advies)/X/brief/$",
    r"^handhaving/brief/X/X/$",
    r"^handhaving/dossier/X/opvolging/X/$",
    r"^portaal/X/X/$",
    r"^signalen/X/gelezen/$",
    r"^signalen/gelezen/$",
}


def all_routes():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    return sorted(set(walk(get_resolver().url_patterns)))


def normalise(route: str) -> str:
    route = re.sub(r"\(\?P<[^>]+>[^)]*\)", "X", route)
    return re.sub(r"<[^>]+>", "X", route).lstrip("^")


def rule_for(route: str):
    shape = normalise(route)
    for pattern, expected, _why in RULES:
        if re.search(pattern, shape):
            return pattern, expected
    return None, None


def test_every_route_has_a_rule():
    missing = [r for r in all_routes() if rule_for(r)[0] is None]
    assert missing == [], f"decide the permission of: {missing}"


@pytest.fixture
def world(regio, make_user, django_capture_on_commit_callbacks):
    users = {
        role: make_user(role, username=f"u-{role}")
        for role in (
            "meldpunt",
            "handhaver",
            "jurist",
            "teamleider",
            "overleg",
            "privacy",
            "beheer",
            "koppeling",
        )
    }
    users["beheer"].is_staff = True
    users["beheer"].save()
    users["gemeente"] = make_user(Rol.GEMEENTE, username="u-druten", gemeente=regio["GM0225"])
    users["gemeente_ander"] = make_user(Rol.GEMEENTE, username="u-tiel", gemeente=regio["GM0281"])
    aanbieder = ZorgaanbiederFactory()
    VestigingFactory(zorgaanbieder=aanbieder)
    contract = ContractFactory(zorgaanbieder=aanbieder, partijen=["GM0268", "GM0225"])
    melding = services.receive(
        intake=services.Intake(
            kanaal="telefoon",
            omschrijving="x",
            domein="wmo",
            zorgaanbieder=aanbieder,
            melder=services.Melder(email="m@example.org"),
            bijlagen=[services.Upload(naam="a.txt", inhoud=b"tekst")],
        )
    )
    verzoek = services.ask_reporter(melding=melding, by=users["meldpunt"], vraag="?")
    routed = report_to_enforcement(by=users["meldpunt"], contract=contract)
    dossier, _ = dossier_services.open_dossier(melding=routed)
    from django.utils import timezone

    dossier_services.add_activity(
        dossier=dossier,
        by=users["handhaver"],
        soort="gesprek",
        datum=timezone.localdate(),
        uitgevoerd_door="x",
        bevindingen="y",
        uploads=[services.Upload(naam="b.txt", inhoud=b"t")],
    )
    overleg = dossier_services.plan_meeting(
        datum=timezone.now(),
        voorzitter=users["overleg"],
        secretaris=users["overleg"],
        by=users["overleg"],
    )
    from workflows.flows import HandhavingFlow

    HandhavingFlow.start.run(dossier=dossier)
    from dossieroverleg.models import Advies

    advies = Advies.objects.create(
        dossier=dossier,
        maatregelen=["waarschuwing"],
        motivering="m",
        juridische_grondslag="g",
        opgesteld_door=users["handhaver"],
    )
    from dossieroverleg.models import Besluit
    from juridisch.models import JuridischTraject
    from termijnen.services import new_term

    besluit = Besluit.objects.create(
        dossier=dossier,
        datum=timezone.localdate(),
        maatregelen=["aanwijzing"],
        bekendmaking_op=timezone.localdate(),
        vastgelegd_door=users["teamleider"],
    )
    traject = JuridischTraject.objects.create(
        dossier=dossier,
        besluit=besluit,
        maatregel="aanwijzing",
        spoor="bestuursrecht",
        eigenaar=users["jurist"],
        fase="besluit",
    )
    termijn = new_term(
        dossier=dossier,
        soort="bezwaartermijn",
        omschrijving="Bezwaartermijn",
        start=timezone.localdate(),
        weken=6,
        by=users["jurist"],
    )
    from workflows.flows import BezwaarFlow

    BezwaarFlow.start.run(traject=traject)
    stap, brief = _letter(traject, users["handhaver"])
    melding_task = _task(melding, "wegen")
    dossier_task = _task(dossier, "onderzoek")
    bezwaar_task = _task(traject, "beslissen")
    secret = _secret_case(users, make_user, overleg)
    return {
        "secret": {**secret, "users": users, "verzoek": verzoek},
        "advies": advies,
        "contract": contract,
        "users": users,
        "melding": melding,
        "dossier": dossier,
        "overleg": overleg,
        "verzoek": verzoek,
        "melding_task": melding_task,
        "traject": traject,
        "termijn": termijn,
        "stap": stap,
        "brief": brief,
        "dossier_task": dossier_task,
        "bezwaar_task": bezwaar_task,
    }


def _secret_case(users, make_user, overleg) -> dict:
    """A dossier made secret (geheim) when it had everything: reports with an attachment,
    a process and tasks, a document and advice, a decision, a trajectory with its objection
    task, terms with their watch, aftercare asked of Druten, extra work, mails, and an item
    with a conclusion on the world's meeting agenda. Its officer is no role of the matrix;
    of the roles only the team lead may see it."""
    from django.utils import timezone

    from dossieroverleg import services as dossier_services
    from dossieroverleg.models import Advies, Agendapunt, Besluit, NazorgVerzoek
    from juridisch.models import JuridischTraject
    from termijnen.services import new_term
    from workflows.flows import BezwaarFlow, HandhavingFlow

    officer = make_user(Rol.HANDHAVER, username="u-behandelaar-geheim")
    aanbieder = ZorgaanbiederFactory(naam=SECRET_PROVIDER)
    VestigingFactory(zorgaanbieder=aanbieder)
    contract = ContractFactory(zorgaanbieder=aanbieder, partijen=["GM0268", "GM0225"])
    melding = services.receive(
        intake=services.Intake(
            kanaal="telefoon",
            omschrijving="Signaal.",
            domein=contract.domein,
            zorgaanbieder=aanbieder,
            vestiging_gemeente=contract.gemeenten.first(),
            contracten=[contract],
            melder=services.Melder(email="m2@example.org"),
            bijlagen=[services.Upload(naam="c.txt", inhoud=b"tekst")],
        )
    )
    melding_task = _task(melding, "wegen")
    melding = services.weigh(
        melding=melding,
        by=users["meldpunt"],
        invoer=services.WegingInvoer(
            aard="kwaliteit",
            domein=contract.domein,
            ernst="midden",
            aannemelijkheid="aannemelijk",
            motivering="m",
            route="naar_handhaving",
            contracten=[contract],
        ),
    )
    melding = services.route(melding=melding, by=users["meldpunt"])
    dossier, _ = dossier_services.open_dossier(melding=melding)
    dossier = dossier_services.assign_officer(
        dossier=dossier, behandelaar=officer, by=users["teamleider"]
    )
    dossier_services.add_activity(
        dossier=dossier,
        by=officer,
        soort="gesprek",
        datum=timezone.localdate(),
        uitgevoerd_door="x",
        bevindingen="y",
        uploads=[services.Upload(naam="d.txt", inhoud=b"t")],
    )
    HandhavingFlow.start.run(dossier=dossier)
    advies = Advies.objects.create(
        dossier=dossier,
        maatregelen=["waarschuwing"],
        motivering="m",
        juridische_grondslag="g",
        opgesteld_door=officer,
    )
    besluit = Besluit.objects.create(
        dossier=dossier,
        datum=timezone.localdate(),
        maatregelen=["aanwijzing"],
        bekendmaking_op=timezone.localdate(),
        vastgelegd_door=users["teamleider"],
    )
    traject = JuridischTraject.objects.create(
        dossier=dossier,
        besluit=besluit,
        maatregel="aanwijzing",
        spoor="bestuursrecht",
        eigenaar=officer,
        fase="besluit",
    )
    termijn = new_term(
        dossier=dossier,
        soort="bezwaartermijn",
        omschrijving="Bezwaartermijn",
        start=timezone.localdate(),
        weken=6,
        by=officer,
    )
    BezwaarFlow.start.run(traject=traject)
    stap, brief = _letter(traject, officer)
    druten = users["gemeente"].gebruiker.gemeente
    NazorgVerzoek.objects.create(
        dossier=dossier,
        gemeente=druten,
        reden="ontbinding",
        gevraagd_door=officer,
        termijn=new_term(
            dossier=dossier,
            soort="nazorg",
            omschrijving="Alternatieve zorg regelen",
            start=timezone.localdate(),
            weken=2,
            by=officer,
            gemeente=druten,
        ),
    )
    dossier_services.request_extra_work(
        dossier=dossier,
        by=officer,
        omschrijving="Extra inspecties",
        uiterlijk=timezone.localdate() + datetime.timedelta(days=14),
        uren=10,
        bedrag=0,
    )
    Agendapunt.objects.create(
        overleg=overleg,
        dossier=dossier,
        volgorde=2,
        conclusie="advies_voorbereiden",
        voorgestelde_maatregelen=["aanwijzing"],
        toelichting="Conclusie over de zorg.",
    )
    dossier_services.set_confidentiality(
        dossier=dossier, by=users["teamleider"], niveau="geheim", reden="Strafrechtelijk onderzoek"
    )
    return {
        "advies": advies,
        "contract": contract,
        "melding": melding,
        "dossier": dossier,
        "overleg": overleg,
        "melding_task": melding_task,
        "traject": traject,
        "termijn": termijn,
        "stap": stap,
        "brief": brief,
        "dossier_task": _task(dossier, "onderzoek"),
        "bezwaar_task": _task(traject, "beslissen"),
    }


def _letter(traject, by):
    """A step of the trajectory with a draft letter (the letters: tests/brieven)."""
    from django.utils import timezone

    from brieven.services import make_letter
    from juridisch.models import TrajectStap

    stap = TrajectStap.objects.create(
        traject=traject, soort="voornemen", datum=timezone.localdate(), vastgelegd_door=by
    )
    return stap, make_letter(stap=stap, by=by)


def _task(obj, name):
    return next(
        t
        for t in Task.objects.filter(
            process__artifact_object_id=obj.pk,
            process__artifact_content_type=ContentType.objects.get_for_model(obj),
        )
        if t.flow_task.name == name
    )


def fill(route: str, world) -> str | None:
    """A concrete URL for a route shape, or None when it needs values we do not have."""
    url = route.lstrip("^").rstrip("$")
    if "(?P" in url:
        return None  # the admin's catch-all and app-index patterns
    melding, dossier = world["melding"], world["dossier"]
    task = {"werk-meldingen/": world["melding_task"], "werk-bezwaar/": world["bezwaar_task"]}.get(
        url[: url.find("/") + 1], world["dossier_task"]
    )
    node = re.match(r"werk-[a-z]+/<int:process_pk>/([a-z_]+)/<int:task_pk>/", url)
    if node and node.group(1) != task.flow_task.name:
        return None  # the same views serve every node; tested on the node that has a task
    values = {
        "process_pk": task.process_id,
        "task_pk": task.pk,
        "token": world["verzoek"].token,
        "nummer": melding.nummer if "meldingen" in url else dossier.nummer,
        "bijlage_pk": melding.bijlagen.first().pk,
        "document_pk": dossier.documenten.first().pk,
        "advies_pk": world["advies"].pk,
        "kind": "agenda",
        "fmt": "html",
        "action": "gehouden",
        "uidb64": "MQ",
        "token_reset": "x",
        "object_id": 1,
        "app_label": "regio",
        "content_type_id": 1,
        "esp": "postmark",
        "url": "x",
    }
    if url.startswith("meldpunt/melding/"):
        values["pk"] = melding.pk
    elif url.startswith("handhaving/overleg/"):
        values["pk"] = world["overleg"].pk
    elif url.startswith("meldpunt/zorgaanbieder/"):
        values.update(pk=melding.zorgaanbieder_id, action="start")
    elif url.startswith("regio/"):
        from regio.models import Gemeente, Samenwerkingsverband

        contract = world["contract"]
        values["pk"] = {
            "contract": contract.pk,
            "zorgaanbieder": contract.zorgaanbieder_id,
            "gemeente": Gemeente.objects.first().pk,
            "samenwerkingsverband": Samenwerkingsverband.objects.first().pk,
        }.get(url.split("/")[1], contract.pk)
    elif url.startswith("notificaties/"):
        values.update(app_label="dossieroverleg", model="dossier", pk=dossier.pk)
    elif url.startswith("api/v1/taken/"):
        values["pk"] = world["melding_task"].pk
    elif url.startswith("handhaving/traject/"):
        values.update(pk=world["traject"].pk, action="afronden")
    elif url.startswith("handhaving/termijn/"):
        values.update(pk=world["termijn"].pk, action="opschorten")
    elif url.startswith("handhaving/stap/"):
        values["pk"] = world["stap"].pk
    elif url.startswith("handhaving/advies/"):
        values["pk"] = world["advies"].pk
    elif url.startswith("handhaving/brief/"):
        values.update(pk=world["brief"].pk, action="concept")
    elif url.startswith("portaal/"):
        values.update(kind="nazorg", pk=0)  # a request of nobody's
    elif url.startswith("signalen/"):
        values["pk"] = 0  # a signal of nobody's
    elif "/opvolging/" in url:
        values.update(pk=dossier.pk, action="meerwerk")
    elif "/onderdeel/" in url:
        values.update(pk=dossier.pk, naam="termijnen")
    else:
        values["pk"] = dossier.pk

    def replace(match):
        name = match.group(1).split(":")[-1]
        return str(values.get(name, 1))

    return "/" + re.sub(r"<([^>]+)>", replace, url)


def outcome(response) -> str:
    if response.status_code in (401, 403, 404, 405):
        return "D"
    if response.status_code in (301, 302):
        target = response.get("Location", "")
        return "D" if "login" in target else "A"
    return "A"


def test_every_role_on_every_route(world):
    failures = check_routes(world)
    assert failures == [], "\n".join(failures)


def test_the_matrix_catches_a_leak(world, monkeypatch):
    """Make the dossier selector leak (every municipality sees every dossier): the matrix
    reports the other municipality's access to the dossier page."""
    from dossieroverleg import selectors
    from dossieroverleg.models import Dossier

    real = selectors.visible_dossiers

    def leaky(user):
        if user.is_authenticated and user.groups.filter(name="gemeente").exists():
            return Dossier.objects.select_related("zorgaanbieder", "behandelaar")
        return real(user)

    monkeypatch.setattr(selectors, "visible_dossiers", leaky)
    failures = check_routes(world, only=r"^handhaving/dossier/<int:pk>/$")
    assert any(f.startswith("gemeente_ander") and "expected D" in f for f in failures), failures


def send(client, url: str, post: bool):
    """A POST to the API in its one format (JSON), a form post elsewhere; or a GET."""
    if not post:
        return client.get(url)
    return client.post(url, {}, format="json" if url.startswith("/api/") else None)


def check_routes(world, only: str = "") -> list[str]:
    failures = []
    for route in all_routes():
        if only and not re.search(only, route):
            continue
        pattern, expected = rule_for(route)
        url = fill(route, world)
        if url is None:
            continue
        post = pattern in POST_ONLY
        for role in ROLES:
            if expected[role] == "*":
                continue
            client = APIClient()
            if role != "anoniem":
                client.force_login(world["users"][role])
            response = send(client, url, post)
            got = outcome(response)
            if got != expected[role]:
                failures.append(
                    f"{role:<15} {'POST' if post else 'GET '} {url} -> "
                    f"{response.status_code}, expected {expected[role]}"
                )
    return failures


def test_no_role_meets_a_secret_dossier_it_may_not_see(world):
    failures = check_secret(world)
    assert failures == [], "\n".join(failures)


def test_the_matrix_catches_a_secret_leak(world, monkeypatch):
    """Switch need to know off (nobody's secret dossiers are hidden): the matrix reports the
    process page, the provider page and the task list that then show it."""
    from dossieroverleg import selectors
    from dossieroverleg.models import Dossier

    monkeypatch.setattr(selectors, "hidden_dossiers", lambda user: Dossier.objects.none())
    failures = check_secret(
        world,
        only=r"^(werk-handhaving/<int:process_pk>/|meldpunt/zorgaanbieder/<int:pk>/|api/v1/taken/)$",
    )
    for role, url in [
        ("handhaver", f"/werk-handhaving/{world['secret']['dossier_task'].process_id}/"),
        ("meldpunt", f"/meldpunt/zorgaanbieder/{world['secret']['melding'].zorgaanbieder_id}/"),
        ("jurist", "/api/v1/taken/"),
    ]:
        assert any(f.startswith(role) and f" {url} " in f for f in failures), failures


def test_a_route_without_a_rule_fails_the_secret_matrix(world, monkeypatch):
    without = [rule for rule in RULES if rule[0] != r"^portaal/$"]
    monkeypatch.setattr(sys.modules[__name__], "RULES", without)
    assert "no rule for portaal/" in check_secret(world, only=r"^portaal/$")


def _secret_markers(secret) -> dict[str, str]:
    return {
        "nummer": secret["dossier"].nummer,
        "melding": secret["melding"].nummer,
        "aanbieder": SECRET_PROVIDER,
    }


def body(response) -> str:
    """The response as text: a download's content, an archive's files."""
    data = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    if response.get("Content-Type", "").startswith("application/zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data = b"".join(archive.read(name) for name in archive.namelist())
    return data.decode("utf-8", errors="ignore")


def check_secret(world, only: str = "") -> list[str]:
    secret = world["secret"]
    markers = _secret_markers(secret)
    failures = []
    for route in all_routes():
        if only and not re.search(only, route):
            continue
        pattern, expected = rule_for(route)
        if pattern is None:
            failures.append(f"no rule for {route}")
            continue
        url = fill(route, secret)
        if url is None:
            continue
        post = pattern in POST_ONLY
        shape = normalise(route)
        same_page = url == fill(route, world)
        for role in ROLES:
            if role in SECRET_READERS or expected[role] == "*":
                continue
            if same_page and expected[role] == "D":
                continue  # a list the role may not open: the matrix above checks that
            client = APIClient()
            if role != "anoniem":
                client.force_login(world["users"][role])
            response = send(client, url, post)
            if outcome(response) == "D":
                continue
            shown = {
                name
                for regex, roles, names, _why in SECRET_SHOWN
                if role in roles and re.search(regex, shape)
                for name in names
            }
            text = body(response)
            leaked = [k for k, value in markers.items() if k not in shown and value in text]
            if leaked:
                failures.append(
                    f"{role:<15} {'POST' if post else 'GET '} {url} -> "
                    f"{response.status_code} shows the secret dossier's {', '.join(leaked)}"
                )
    return failures
