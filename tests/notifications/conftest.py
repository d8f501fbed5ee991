import pytest

from notifications.models import Notificatie
from regio.events import Event, emit
from tests.dossieroverleg.conftest import people, rob_contract  # noqa: F401 - shared fixtures
from tests.meldpunt.conftest import aanbieder, intaker  # noqa: F401
from tests.regio.factories import ContactpersoonFactory, ZorgaanbiederFactory


@pytest.fixture
def queued(regio):
    """One waiting mail about a provider to Nijmegen's contact (queued, not yet sent: no
    commit hook ran)."""
    ContactpersoonFactory(
        gemeente=regio["GM0268"], email="c@nijmegen.example.org", direct_domeinen=["wmo"]
    )
    emit(
        Event.DOSSIER_GESLOTEN,
        event_id="rand:1",
        instance=ZorgaanbiederFactory(),
        nummer="HH-2026-0201",
        domein="wmo",
        gemeenten=["GM0268"],
    )
    return Notificatie.objects.get()
