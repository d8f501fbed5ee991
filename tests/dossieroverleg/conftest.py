import datetime

import pytest
from django.utils import timezone

from dossieroverleg import services
from dossieroverleg.models import Dossier
from meldpunt import services as meldpunt_services
from regio.roles import Rol
from tests.meldpunt.conftest import ROB  # noqa: F401 - shared constant
from tests.regio.factories import ContractFactory, VestigingFactory, ZorgaanbiederFactory

WITHOUT_WIJCHEN = ["GM0268", "GM1945", "GM0209", "GM0225", "GM0252", "GM0944"]


@pytest.fixture
def people(make_user, regio):
    return {
        "intake": make_user(Rol.MELDPUNT, username="intake"),
        "handhaver": make_user(Rol.HANDHAVER, username="handhaver"),
        "handhaver2": make_user(Rol.HANDHAVER, username="handhaver2"),
        "teamleider": make_user(Rol.TEAMLEIDER, username="teamleider"),
        "teamleider2": make_user(Rol.TEAMLEIDER, username="teamleider2"),
        "secretaris": make_user(Rol.OVERLEG, username="secretaris"),
        "voorzitter": make_user(Rol.OVERLEG, username="voorzitter"),
        "druten": make_user(Rol.GEMEENTE, username="druten", gemeente=regio["GM0225"]),
        "wijchen": make_user(Rol.GEMEENTE, username="wijchen", gemeente=regio["GM0296"]),
        "tiel": make_user(Rol.GEMEENTE, username="tiel", gemeente=regio["GM0281"]),
        "jurist": make_user(Rol.JURIST, username="jurist"),
        "jurist2": make_user(Rol.JURIST, username="jurist2"),
    }


def report_to_enforcement(*, by, contract, ernst="midden", dossier_nummer=""):
    """A report about the contract's provider, registered, weighed and routed."""
    melding = meldpunt_services.receive(
        intake=meldpunt_services.Intake(
            kanaal="telefoon",
            omschrijving="Signaal over zorg.",
            domein=contract.domein,
            zorgaanbieder=contract.zorgaanbieder,
            vestiging_gemeente=contract.gemeenten.first(),
            contracten=[contract],
            clienten=[meldpunt_services.ClientGegevens(naam="Piet Pietersen", bsn="111222333")],
        )
    )
    melding = meldpunt_services.weigh(
        melding=melding,
        by=by,
        invoer=meldpunt_services.WegingInvoer(
            aard="kwaliteit",
            domein=contract.domein,
            ernst=ernst,
            aannemelijkheid="aannemelijk",
            motivering="Ernstige signalen.",
            route="naar_handhaving",
            contracten=[contract],
            dossier_nummer=dossier_nummer,
        ),
    )
    return meldpunt_services.route(melding=melding, by=by)


@pytest.fixture
def rob_contract(regio):
    aanbieder = ZorgaanbiederFactory(naam="Zorg Zonder Zorgen BV", kvk_nummer="55667788")
    VestigingFactory(zorgaanbieder=aanbieder, gemeente=regio["GM0268"])
    return ContractFactory(
        referentie="ROB-WMO-2026-010", zorgaanbieder=aanbieder, partijen=WITHOUT_WIJCHEN
    )


@pytest.fixture
def second_contract(regio):
    aanbieder = ZorgaanbiederFactory(naam="Jeugdzorg Noord", kvk_nummer="99887766")
    return ContractFactory(
        referentie="ROB-JGD-2026-011",
        zorgaanbieder=aanbieder,
        domein="jeugd",
        partijen=["GM0268", "GM0225"],
    )


@pytest.fixture
def vandaag():
    return timezone.localdate()


@pytest.fixture
def morgen_10u():
    return timezone.now() + datetime.timedelta(days=1)


def dossier_at_advice(people, contract, maatregelen=("aanwijzing",)):
    """A dossier discussed in a meeting whose conclusion is: prepare advice."""
    dossier, _ = services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=contract)
    )
    services.add_activity(
        dossier=dossier,
        by=people["handhaver"],
        soort="gesprek",
        datum=timezone.localdate(),
        uitgevoerd_door="handhaver",
        bevindingen="Medicatie niet op tijd.",
    )
    services.finish_investigation(
        dossier=dossier, by=people["handhaver"], samenvatting="Medicatie niet op tijd."
    )
    overleg = services.plan_meeting(
        datum=timezone.now(),
        voorzitter=people["voorzitter"],
        secretaris=people["secretaris"],
        by=people["secretaris"],
    )
    punt = services.put_on_agenda(overleg=overleg, dossier=dossier, by=people["secretaris"])
    services.set_agenda(overleg=overleg, by=people["secretaris"])
    services.hold_meeting(overleg=overleg, by=people["secretaris"])
    services.record_conclusion(
        agendapunt=punt,
        by=people["secretaris"],
        conclusie="advies_voorbereiden",
        maatregelen=list(maatregelen),
    )
    services.set_minutes(overleg=overleg, by=people["secretaris"])
    return Dossier.objects.get(pk=dossier.pk)


def decided_dossier(people, contract, *, maatregelen, datum, bekendmaking_op):
    """A dossier with the college's decision: advice by `handhaver`, approved by
    `teamleider`, the decision recorded by `teamleider2`."""
    dossier = dossier_at_advice(people, contract, maatregelen)
    services.assign_officer(
        dossier=dossier, behandelaar=people["handhaver"], by=people["teamleider"]
    )
    advies = services.draft_advice(
        dossier=dossier,
        by=people["handhaver"],
        maatregelen=list(maatregelen),
        motivering="Structurele tekortkomingen.",
        juridische_grondslag="Wmo 2015 art. 6.1",
    )
    services.review_advice(advies=advies, by=people["teamleider"], goedkeuren=True)
    services.record_decision(
        dossier=Dossier.objects.get(pk=dossier.pk),
        by=people["teamleider2"],
        datum=datum,
        maatregelen=list(maatregelen),
        bekendmaking_op=bekendmaking_op,
    )
    return Dossier.objects.get(pk=dossier.pk)


@pytest.fixture
def client_for():
    """A test client logged in as ``user``."""
    from django.test import Client

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


def bw_mo_dossier(people, regio, contract, *, locatie="GM0281", pgb="GM0225"):
    """A BW/MO dossier: a report about ``contract``'s provider at a location in ``locatie``,
    the care granted by ``pgb``, weighed and routed to enforcement, opened."""
    melding = meldpunt_services.receive(
        intake=meldpunt_services.Intake(
            kanaal="telefoon",
            omschrijving="Zorgen over beschermd wonen.",
            domein="bw_mo",
            zorgaanbieder=contract.zorgaanbieder,
            vestiging_gemeente=regio[locatie],
        )
    )
    melding = meldpunt_services.weigh(
        melding=melding,
        by=people["intake"],
        invoer=meldpunt_services.WegingInvoer(
            aard="kwaliteit",
            domein="bw_mo",
            ernst="hoog",
            aannemelijkheid="aannemelijk",
            motivering="Ernstige signalen.",
            route="naar_handhaving",
            contracten=[contract],
            verstrekkende_gemeente=regio[pgb],
        ),
    )
    melding = meldpunt_services.route(melding=melding, by=people["intake"])
    dossier, _ = services.open_dossier(melding=melding)
    return dossier
