"""The dossier's timeline: every report, activity, meeting item, advice, decision and
status change (and, where the notifications app records them, e-mails) in date order."""

from dataclasses import dataclass
from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from regio import dates
from regio.models import Gemeente

from .models import Dossier


@dataclass
class Entry:
    op: datetime
    soort: str
    tekst: str
    url: str = ""


def at_noon(day) -> datetime:
    """A day as a moment on the timeline (entries that have a date, not a time)."""
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


# Other apps add entries without this module importing them: the legal steps (with the
# follow-up after the decision, before aftercare) and the e-mails sent (after the rest).
_follow_up = []
_providers = []


def register(provider, *, follow_up: bool = False) -> None:
    """``provider(dossier, staff) -> iterable[Entry]``; ``follow_up``: its entries belong
    to the follow-up after the decision."""
    providers = _follow_up if follow_up else _providers
    if provider not in providers:
        providers.append(provider)


def timeline(dossier: Dossier, *, staff: bool) -> list[Entry]:
    entries = []
    for melding in dossier.meldingen.all():
        entries.append(
            Entry(
                melding.ontvangen_op,
                _("melding"),
                _("Melding %(n)s ontvangen") % {"n": melding.nummer},
                f"/meldpunt/melding/{melding.pk}/" if staff else "",
            )
        )
    for wijziging in dossier.historie.all():
        entries.append(
            Entry(
                wijziging.op,
                _("status"),
                _("Status: %(van)s → %(naar)s")
                % {"van": wijziging.get_van_display() or "—", "naar": wijziging.get_naar_display()},
            )
        )
    names = None
    for wijziging in dossier.betrokkenheid_wijzigingen.all():
        if names is None:  # the municipalities by name, as their readers know them
            names = dict(Gemeente.objects.values_list("code", "naam"))
        entries.append(
            Entry(
                wijziging.op,
                _("betrokkenheid"),
                _("Betrokken gemeenten: erbij %(plus)s, eraf %(min)s (%(reden)s)")
                % {
                    "plus": ", ".join(names.get(c, c) for c in wijziging.toegevoegd) or "—",
                    "min": ", ".join(names.get(c, c) for c in wijziging.verwijderd) or "—",
                    "reden": wijziging.reden,
                },
            )
        )
    if staff:
        for activiteit in dossier.activiteiten.all():
            entries.append(
                Entry(
                    at_noon(activiteit.datum),
                    _("onderzoek"),
                    f"{activiteit.get_soort_display()}: {activiteit.bevindingen}",
                )
            )
    for punt in dossier.agendapunten.all():
        tekst = _("Geagendeerd voor %(o)s") % {"o": punt.overleg}
        if punt.conclusie:
            tekst += " – " + _("conclusie: %(c)s") % {"c": punt.get_conclusie_display()}
        entries.append(
            Entry(
                punt.overleg.datum,
                _("overleg"),
                tekst,
                f"/handhaving/overleg/{punt.overleg_id}/" if staff else "",
            )
        )
    for advies in dossier.adviezen.all():
        entries.append(
            Entry(
                advies.opgesteld_op,
                _("advies"),
                _("Advies (%(status)s): %(m)s")
                % {
                    "status": advies.get_status_display(),
                    "m": ", ".join(advies.maatregelen_display()),
                },
                f"/handhaving/dossier/{dossier.pk}/advies/{advies.pk}.pdf" if staff else "",
            )
        )
    besluit = getattr(dossier, "besluit", None)
    if besluit is not None:
        entries.append(
            Entry(
                at_noon(besluit.datum),
                _("besluit"),
                _("Besluit: %(m)s") % {"m": ", ".join(besluit.maatregelen_display())},
            )
        )
    entries += _after_decision(dossier, staff)
    for provider in _providers:
        entries.extend(provider(dossier, staff))
    return sorted(entries, key=lambda e: e.op)


def _after_decision(dossier: Dossier, staff: bool) -> list[Entry]:
    """Legal steps (registered), aftercare, extra work and escalation. Municipalities see
    the steps and what is asked of them; the legal detail and escalations are for staff."""
    entries = [entry for provider in _follow_up for entry in provider(dossier, staff)]
    for verzoek in dossier.nazorg.all():  # see selectors.with_follow_up
        tekst = _("Nazorg gevraagd aan %(g)s") % {"g": verzoek.gemeente}
        if verzoek.geregeld_op:
            tekst += " – " + _("alternatieve zorg geregeld")
        entries.append(Entry(verzoek.gevraagd_op, _("nazorg"), tekst))
    for verzoek in dossier.meerwerk.all():
        tekst = _("Bestuurlijk standpunt meerwerk gevraagd")
        if verzoek.uitkomst:
            tekst += f" – {verzoek.get_uitkomst_display()}"
        entries.append(Entry(verzoek.gevraagd_op, _("meerwerk"), tekst))
    if staff:
        for escalatie in dossier.escalaties.all():
            tekst = _("Geëscaleerd naar de wethouders")
            if escalatie.beantwoord_op:
                tekst += " – " + _("beantwoord op %(d)s") % {
                    "d": f"{dates.datum(escalatie.beantwoord_op)}"
                }
            entries.append(Entry(at_noon(escalatie.gevraagd_op), _("escalatie"), tekst))
    return entries
