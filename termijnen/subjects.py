"""What a term outside a dossier is about: its number, the object its mails are about, and
its page. A data breach's term (``Termijn.Soort.DATALEK``) belongs to the breach register of
the privacy app, which comes after this app: that app says here, when it starts, how to
find the breach of a term; the reminder and the escalation of the term ask here
(``termijnen.bewaking``).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model

from .models import Termijn


@dataclass(frozen=True)
class Onderwerp:
    instance: Model
    nummer: str
    pad: str


_subjects: dict[str, Callable[[Termijn], Onderwerp]] = {}


def register(soort: str, subject: Callable[[Termijn], Onderwerp]) -> None:
    """``subject(termijn)`` tells what a term of ``soort`` without a dossier is about."""
    _subjects[soort] = subject


def subject_of(termijn: Termijn) -> Onderwerp:
    """What ``termijn`` (one without a dossier) is about; the term itself when no app said."""
    subject = _subjects.get(termijn.soort)
    if subject is None:
        return Onderwerp(instance=termijn, nummer="", pad="")
    return subject(termijn)
