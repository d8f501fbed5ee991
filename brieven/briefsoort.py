"""Which letters exist, and which letter a step of a legal trajectory takes.

One template per kind of letter (``BriefSjabloon.soort``). A step's kind decides its
letter; a decision (``besluit``) takes the letter of the trajectory's measure. Where no
kind fits (an appeal received, a decision on an instruction), the step has no letter and
asking for one is refused with the reason.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dossieroverleg.models import Maatregel
from juridisch.models import TrajectStap


class Briefsoort(models.TextChoices):
    VOORNEMEN = "voornemen", _("voornemen (zienswijze)")
    LAST_ONDER_DWANGSOM = "last_onder_dwangsom", _("last onder dwangsom")
    LAST_ONDER_BESTUURSDWANG = "last_onder_bestuursdwang", _("last onder bestuursdwang")
    INGEBREKESTELLING = "ingebrekestelling", _("ingebrekestelling")
    ONTBINDING = "ontbinding", _("ontbinding overeenkomst")
    INVORDERINGSBESLUIT = "invorderingsbesluit", _("invorderingsbesluit")
    BESLISSING_OP_BEZWAAR = "beslissing_op_bezwaar", _("beslissing op bezwaar")
    VERZOEK_ALTERNATIEVE_ZORG = "verzoek_alternatieve_zorg", _("verzoek alternatieve zorg")
    ADVIES_COLLEGE = "advies_college", _("advies aan het college")


Stap = TrajectStap.Soort

# A step's letters, the first one offered first. A dissolution also asks the
# municipalities concerned to arrange alternative care (DVO BW/MO art. 5.2).
BY_STEP: dict[str, list[str]] = {
    Stap.VOORNEMEN: [Briefsoort.VOORNEMEN],
    Stap.INGEBREKESTELLING: [Briefsoort.INGEBREKESTELLING],
    Stap.ONTBINDING: [Briefsoort.ONTBINDING, Briefsoort.VERZOEK_ALTERNATIEVE_ZORG],
    Stap.BESLISSING_OP_BEZWAAR: [Briefsoort.BESLISSING_OP_BEZWAAR],
    # Collecting forfeited penalties (Awb 5:37), and collecting a recovery under the
    # contract that was not paid (private law): the one letter, which says which it is.
    Stap.INVORDERINGSBESLUIT: [Briefsoort.INVORDERINGSBESLUIT],
    Stap.INVORDERING: [Briefsoort.INVORDERINGSBESLUIT],
}

# The decision (``besluit``) of a trajectory imposes the order of its measure; the letter
# names the order as recorded (what to do, the compliance period, the penalty) once the
# order is recorded. The step that records the order (``last``) has no letter of its own:
# the decision is the one letter. An instruction (aanwijzing) has no letter kind: its
# decision is written by hand and added to the step as a document.
BY_MEASURE: dict[str, str] = {
    Maatregel.LAST_ONDER_DWANGSOM: Briefsoort.LAST_ONDER_DWANGSOM,
    Maatregel.LAST_ONDER_BESTUURSDWANG: Briefsoort.LAST_ONDER_BESTUURSDWANG,
}


def for_step(stap: TrajectStap) -> list[str]:
    """The kinds of letter ``stap`` can have; empty when none fits."""
    if stap.soort == Stap.BESLUIT:
        soort = BY_MEASURE.get(stap.traject.maatregel)
        return [soort] if soort else []
    return list(BY_STEP.get(stap.soort, []))
