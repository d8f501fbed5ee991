"""Forms of the legal follow-up: a trajectory, its steps, suspending a term, the decision
on an objection. They validate input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dossieroverleg.models import Maatregel
from meldpunt.forms import MultipleFileField
from regio.ui import date_field, text_field

from .models import TrajectStap
from .services import TRAJECT_MAATREGELEN

U = TrajectStap.Uitkomst
OBJECTION_OUTCOMES = [
    (u.value, u.label)
    for u in (
        U.GEGROND,
        U.DEELS_GEGROND,
        U.ONGEGROND,
        U.NIET_ONTVANKELIJK,
        U.INGETROKKEN,
        U.GESCHIKT,
    )
]


class TrajectForm(forms.Form):
    maatregel = forms.ChoiceField(
        label=_("Maatregel"),
        choices=[(m.value, m.label) for m in Maatregel if m in TRAJECT_MAATREGELEN],
    )
    voornemen_op = date_field(_("Voornemen verzonden op (bestuursrecht, met zienswijze)"), False)
    termijn_dagen = forms.IntegerField(
        label=_("Termijn in dagen (ingebrekestelling of betaling)"),
        min_value=1,
        max_value=365,
        required=False,
    )
    toelichting = text_field(_("Toelichting"))


class PrimairBesluitForm(forms.Form):
    datum = date_field(_("Datum besluit"))
    bekendmaking_op = date_field(_("Bekendgemaakt op"))
    toelichting = text_field(_("Toelichting (zienswijze verwerkt?)"))


class BezwaarForm(forms.Form):
    ontvangen_op = date_field(_("Bezwaarschrift ontvangen op"))
    met_adviescommissie = forms.BooleanField(
        label=_("Behandeling via de adviescommissie bezwaarschriften"), required=False
    )
    toelichting = text_field(_("Toelichting"))


class VerdagingForm(forms.Form):
    reden = text_field(
        _("Reden van de verdaging (Awb 7:10 lid 3)"), required=True, max_length=2_000
    )


class BeroepForm(forms.Form):
    ontvangen_op = date_field(_("Ingesteld op"))
    termijn_rechter = date_field(_("Termijn van de rechter (bijv. verweerschrift)"), False)
    toelichting = text_field(_("Toelichting"))


class VoorlopigeVoorzieningForm(forms.Form):
    ontvangen_op = date_field(_("Verzoek ontvangen op"))
    zitting_op = date_field(_("Zitting op"), False)
    toelichting = text_field(_("Toelichting"))


class UitkomstForm(forms.Form):
    stap = forms.IntegerField(widget=forms.HiddenInput)
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=U.choices)
    toelichting = text_field(_("Toelichting"))


class DatumForm(forms.Form):
    datum = date_field(_("Datum"))
    toelichting = text_field(_("Toelichting"))


class AfrondenForm(forms.Form):
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=U.choices)
    toelichting = text_field(_("Toelichting"))


class StapDocumentForm(forms.Form):
    stap = forms.IntegerField(widget=forms.HiddenInput)
    bijlagen = MultipleFileField(label=_("Document"))


class OpschortenForm(forms.Form):
    van = date_field(_("Opgeschort vanaf"))
    reden = text_field(
        _("Reden (bijv. Awb 4:15: aanvulling gevraagd)"), required=True, max_length=2_000
    )


class HervattenForm(forms.Form):
    tot = date_field(_("Hervat op"))
    reden = text_field(_("Reden van de hervatting"), required=True, max_length=2_000)


class BeslissingOpBezwaarForm(forms.Form):
    datum = date_field(_("Datum beslissing op bezwaar"))
    bekendmaking_op = date_field(_("Bekendgemaakt op"))
    uitkomst = forms.ChoiceField(label=_("Het bezwaar is"), choices=OBJECTION_OUTCOMES)
    toelichting = text_field(_("Motivering"))
