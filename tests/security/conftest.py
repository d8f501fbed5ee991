# The dossier app's people and contracts, for the need-to-know tests.
from tests.dossieroverleg.conftest import people, rob_contract, second_contract  # noqa: F401
