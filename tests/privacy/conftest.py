from tests.dossieroverleg.conftest import (  # noqa: F401 - shared fixtures
    client_for,
    people,
    rob_contract,
    second_contract,
)
