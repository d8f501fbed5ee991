from tests.dossieroverleg.conftest import people, rob_contract  # noqa: F401 - shared fixtures
from tests.meldpunt.conftest import aanbieder, intaker  # noqa: F401
