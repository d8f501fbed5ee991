"""Forms of the letters' actions: they read the input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from meldpunt.services import Upload

from .briefsoort import Briefsoort
from .word import MAX_DOCX_BYTES


class BriefMakenForm(forms.Form):
    """Which letter, where a step takes more than one (else its only one)."""

    soort = forms.ChoiceField(label=_("Soort brief"), choices=Briefsoort.choices, required=False)


class ConceptForm(forms.Form):
    bestand = forms.FileField(label=_("Bewerkt concept (.docx)"))


def upload_of(uploaded) -> Upload:
    # No more than one byte past the limit: a larger file is refused by its size.
    return Upload(
        naam=uploaded.name, inhoud=uploaded.read(MAX_DOCX_BYTES + 1), grootte=uploaded.size
    )


class DefinitiefForm(forms.Form):
    """Nothing to fill in: the current draft becomes the PDF."""
