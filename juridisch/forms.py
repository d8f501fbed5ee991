"""Forms of the legal follow-up: a trajectory, its steps, suspending a term, the decision
on an objection. They validate input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dossieroverleg.models import Maatregel
from meldpunt.forms import MultipleFileField
from regio.ui import date_field, text_field

from .models import Last, TrajectStap
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


class OntbindingForm(forms.Form):
    datum = date_field(_("Datum ontbindingsbrief"))
    ingang = date_field(_("Ontbinding gaat in op (leeg: de datum van de brief)"), False)
    toelichting = text_field(_("Toelichting"))


def euro_field(label, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=required, min_value=0.01, max_digits=12, decimal_places=2
    )


class LastForm(forms.Form):
    lastgeving = text_field(
        _("Wat moet de zorgaanbieder doen (herstelmaatregel)?"), required=True, max_length=5_000
    )
    begunstiging_dagen = forms.IntegerField(
        label=_("Begunstigingstermijn in dagen (vanaf de dag na de bekendmaking)"),
        min_value=1,
        max_value=365,
    )
    bedrag = euro_field(_("Dwangsom (EUR; alleen bij een last onder dwangsom)"), False)
    per = forms.ChoiceField(label=_("Per"), choices=[("", "—"), *Last.Per.choices], required=False)
    maximum = euro_field(_("Maximum (EUR)"), False)


class ControleForm(forms.Form):
    datum = date_field(_("Datum controle"))
    nagekomen = forms.TypedChoiceField(
        label=_("Is de last nagekomen?"),
        choices=[("ja", _("ja, nagekomen")), ("nee", _("nee, niet nagekomen"))],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
    )
    overtredingen = forms.IntegerField(
        label=_("Aantal overtredingen (bij een dwangsom per overtreding)"),
        min_value=1,
        max_value=1_000,
        initial=1,
        required=False,
    )
    toelichting = text_field(_("Bevindingen"))


class BesluitForm(forms.Form):
    """A decision: its date and its notification."""

    datum = date_field(_("Datum besluit"))
    bekendmaking_op = date_field(_("Bekendgemaakt op"))
    toelichting = text_field(_("Toelichting"))


class WijzigingLastForm(BesluitForm):
    wijze = forms.ChoiceField(
        label=_("Besluit (Awb 5:34)"),
        choices=[
            (U.OPGEHEVEN.value, _("de last opheffen")),
            (U.VERMINDERD.value, _("de dwangsom verminderen")),
        ],
        widget=forms.RadioSelect,
    )
    bedrag = euro_field(_("Nieuwe dwangsom (EUR)"), False)
    maximum = euro_field(_("Nieuw maximum (EUR)"), False)


class KostenverhaalForm(BesluitForm):
    bedrag = euro_field(_("Te verhalen kosten (EUR)"))


class BedragForm(forms.Form):
    datum = date_field(_("Datum"))
    bedrag = euro_field(_("Bedrag (EUR)"))
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
