from tests.dossieroverleg.conftest import (  # noqa: F401 - fixtures shared with the dossier tests
    client_for,
    people,
    rob_contract,
)
