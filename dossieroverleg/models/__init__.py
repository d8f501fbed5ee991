"""The models of the dossier app, one module per subject:

* ``dossier``: the dossier, its states, confidentiality, status history, involvement
  changes and the result type it is closed with;
* ``onderzoek``: the investigation's activities and the dossier's documents;
* ``overleg``: the Dossieroverleg, its attendees and agenda with the conclusions;
* ``advies``: the advice, the college's decision and the measures they name;
* ``inzet``: enforcement costs;
* ``nazorg``: aftercare requests and improvement plans with their re-inspection;
* ``meerwerk``: extra work and each municipality's position;
* ``escalatie``: escalation of youth cases to the aldermen.

Terms are the app ``termijnen``; the legal follow-up is the app ``juridisch``.
"""

from .advies import Advies, Besluit, Maatregel
from .dossier import (
    AFGESCHERMD,
    OPEN_STATUSSEN,
    BetrokkenheidWijziging,
    Dossier,
    Prioriteit,
    Resultaattype,
    Status,
    StatusWijziging,
    VerdelingAfspraak,
    Vertrouwelijkheid,
)
from .escalatie import Escalatie
from .inzet import Inzet
from .meerwerk import MeerwerkStandpunt, MeerwerkVerzoek
from .nazorg import NazorgVerzoek, Verbeterplan
from .onderzoek import Document, Onderzoeksactiviteit
from .overleg import Agendapunt, Conclusie, Deelnemer, Overleg

__all__ = [
    "AFGESCHERMD",
    "OPEN_STATUSSEN",
    "Advies",
    "Agendapunt",
    "Besluit",
    "BetrokkenheidWijziging",
    "Conclusie",
    "Deelnemer",
    "Document",
    "Dossier",
    "Escalatie",
    "Inzet",
    "Maatregel",
    "MeerwerkStandpunt",
    "MeerwerkVerzoek",
    "NazorgVerzoek",
    "Onderzoeksactiviteit",
    "Overleg",
    "Prioriteit",
    "Resultaattype",
    "Status",
    "StatusWijziging",
    "VerdelingAfspraak",
    "Verbeterplan",
    "Vertrouwelijkheid",
]
