"""The letters of a step or an advice, for the include on its page."""

from django import template

from dossieroverleg.models import Advies

from .. import briefsoort, selectors
from ..briefsoort import Briefsoort

register = template.Library()


@register.simple_tag
def brieven_van_stap(stap) -> dict:
    """The step's letters, and the kinds of letter it can have (value, label)."""
    return {
        "lijst": selectors.letters_of(stap=stap),
        "soorten": [(s, Briefsoort(s).label) for s in briefsoort.for_step(stap)],
    }


@register.simple_tag
def adviesbrieven(dossier) -> list[dict]:
    """The dossier's approved advice, each with its letters to the college."""
    return [
        {"advies": advies, "lijst": selectors.letters_of(advies=advies)}
        for advies in dossier.adviezen.all()
        if advies.status == Advies.Status.GOEDGEKEURD
    ]
