"""What a granted request for erasure erases, and what the archive keeps (AVG art. 17;
Archiefwet 1995; seed 000 Bijlage 1 art. 3; seed 002 art. 9).

AVG art. 17 lid 3 sub b: the right to erasure does not apply where the processing is
needed for a legal obligation or for a task in the public interest. Here:

* the reporter's contact details are not part of the case record (DESIGN 4): erased,
  whatever became of the report;
* a report that ended without a dossier (forwarded, or no follow-up) has served its
  purpose: anonymised as the periodic anonymisation does (:mod:`privacy.anonymise`);
* a client of a report behind a dossier is part of the case file, which stays whole until
  its archive action date (Archiefwet 1995 art. 3, the selectielijst): kept;
* a client of a report that is still being handled, or that goes to enforcement: kept, the
  supervision task needs it (Wmo 2015 art. 6.1, Jeugdwet art. 9.2).

When nothing may be erased, the request is refused with these reasons.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from meldpunt.models import Melding, Status
from regio import dates

from . import anonymise

# A report that ended without a dossier; one sent to enforcement waits for its dossier.
ENDED_WITHOUT_CASE = (Status.DOORGELEID, Status.GEEN_VERVOLG)
ARCHIVE = "Archiefwet 1995, AVG art. 17 lid 3 sub b"
TASK = "toezichtstaak Wmo 2015 / Jeugdwet, AVG art. 17 lid 3 sub b"


@dataclass
class Plan:
    """What a grant would do: per report, erase the reporter's contact details, anonymise
    it, or keep it with the reason."""

    contactgegevens: list[Melding] = field(default_factory=list)
    anonimiseren: list[Melding] = field(default_factory=list)
    bewaren: list[tuple[str, str]] = field(default_factory=list)  # (number, why)

    @property
    def is_empty(self) -> bool:
        return not (self.contactgegevens or self.anonimiseren)

    def lines(self) -> list[str]:
        """What it does, in words without personal data (case numbers only)."""
        lines = [_("%(n)s: melding geanonimiseerd") % {"n": m.nummer} for m in self.anonimiseren]
        lines += [
            _("%(n)s: contactgegevens van de melder gewist") % {"n": m.nummer}
            for m in self.contactgegevens
        ]
        lines += [_("%(n)s: bewaard, %(why)s") % {"n": n, "why": why} for n, why in self.bewaren]
        return lines

    def reasons(self) -> str:
        return "; ".join(f"{n}: {why}" for n, why in self.bewaren)


def _kept_client(melding: Melding) -> str:
    dossiers = list(melding.dossiers.all())
    if dossiers:
        kept_until = [d.archiefactiedatum for d in dossiers if d.archiefactiedatum]
        until = _(" tot %(d)s") % {"d": dates.datum(max(kept_until))} if kept_until else ""
        return _("cliënt in het dossier %(d)s, dat het archief bewaart%(tot)s (%(grond)s)") % {
            "d": ", ".join(d.nummer for d in dossiers),
            "tot": until,
            "grond": ARCHIVE,
        }
    return _("cliënt in een melding die nog wordt behandeld (%(grond)s)") % {"grond": TASK}


def plan(*, clienten, als_melder) -> Plan:
    """What may be erased of a person who is a client in ``clienten`` and the reporter of
    ``als_melder``."""
    result = Plan()
    as_client = {c.melding_id for c in clienten}
    reports = {m.pk: m for m in als_melder}
    reports.update({c.melding_id: c.melding for c in clienten})
    for melding in sorted(reports.values(), key=lambda m: m.nummer):
        if melding.geanonimiseerd_op:
            continue  # nothing personal left
        if melding.status in ENDED_WITHOUT_CASE and not melding.dossiers.exists():
            result.anonimiseren.append(melding)
            continue
        if melding.pk in as_client:
            result.bewaren.append((melding.nummer, _kept_client(melding)))
        if melding in als_melder:
            result.contactgegevens.append(melding)
    return result


def carry_out(erasure: Plan, *, verzoek: str) -> list[str]:
    """Erase what ``erasure`` says; returns what was done and kept, for the request's
    record. ``verzoek`` (the request's number) is written in the audit rows."""
    reden = _("verwijdering op verzoek %(v)s (AVG art. 17)") % {"v": verzoek}
    if erasure.anonimiseren:
        anonymise.anonymise_meldingen(erasure.anonimiseren, now=timezone.now(), reden=reden)
    if erasure.contactgegevens:
        anonymise.erase_reporter(erasure.contactgegevens, reden=reden)
    return erasure.lines()
