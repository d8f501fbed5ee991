import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from rest_framework.authtoken.models import Token

from juridisch import services as juridisch
from meldpunt import services as meldpunt_services
from regio.roles import Rol
from tests.dossieroverleg.conftest import (  # noqa: F401 - fixtures used here
    decided_dossier,
    people,
    rob_contract,
)


@pytest.fixture
def medewerker(db, regio) -> User:
    """A staff member in every role that works with the API: intake, enforcement, legal,
    team lead. Logged in with an API token (the second factor is off in tests)."""
    user = User.objects.create_user(username="api-medewerker", password="a-long-test-password")
    for role in (Rol.MELDPUNT, Rol.HANDHAVER, Rol.JURIST, Rol.TEAMLEIDER):
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def token(medewerker) -> str:
    return Token.objects.create(user=medewerker).key


@pytest.fixture
def world(people, rob_contract, medewerker):  # noqa: F811
    """A decided dossier with a legal trajectory (and so a running deadline), and a new
    report waiting to be weighed: something real behind each kind of API address."""
    vandaag = timezone.localdate()
    dossier = decided_dossier(
        people, rob_contract, maatregelen=["aanwijzing"], datum=vandaag, bekendmaking_op=vandaag
    )
    juridisch.open_trajectory(
        dossier=dossier, maatregel="aanwijzing", by=people["jurist"], voornemen_op=vandaag
    )
    melding = meldpunt_services.receive(
        intake=meldpunt_services.Intake(
            kanaal="telefoon",
            omschrijving="Cliënten krijgen hun medicatie niet op tijd.",
            domein=rob_contract.domein,
            zorgaanbieder=rob_contract.zorgaanbieder,
            vestiging_gemeente=rob_contract.gemeenten.first(),
            contracten=[rob_contract],
            clienten=[meldpunt_services.ClientGegevens(naam="Piet Pietersen", bsn="111222333")],
        ),
        by=people["intake"],
    )
    return {"dossier": dossier, "melding": melding, "contract": rob_contract}
