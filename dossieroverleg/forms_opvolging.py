"""Forms of the legal follow-up, aftercare, extra work and escalation; services decide."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from meldpunt.forms import MultipleFileField
from regio.models import Gemeente
from regio.ui import date_field

from .models import (
    Escalatie,
    Maatregel,
    NazorgVerzoek,
    Resultaattype,
    TrajectStap,
    Verbeterplan,
    Vertrouwelijkheid,
)
from .opvolging import TRAJECT_MAATREGELEN


def _text(label, required=False, max_length=10_000):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=required,
        max_length=max_length,
    )


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
    toelichting = _text(_("Toelichting"))


class PrimairBesluitForm(forms.Form):
    datum = date_field(_("Datum besluit"))
    bekendmaking_op = date_field(_("Bekendgemaakt op"))
    toelichting = _text(_("Toelichting (zienswijze verwerkt?)"))


class BezwaarForm(forms.Form):
    ontvangen_op = date_field(_("Bezwaarschrift ontvangen op"))
    met_adviescommissie = forms.BooleanField(
        label=_("Behandeling via de adviescommissie bezwaarschriften"), required=False
    )
    toelichting = _text(_("Toelichting"))


class VerdagingForm(forms.Form):
    reden = _text(_("Reden van de verdaging (Awb 7:10 lid 3)"), required=True, max_length=2_000)


class BeroepForm(forms.Form):
    ontvangen_op = date_field(_("Ingesteld op"))
    termijn_rechter = date_field(_("Termijn van de rechter (bijv. verweerschrift)"), False)
    toelichting = _text(_("Toelichting"))


class VoorlopigeVoorzieningForm(forms.Form):
    ontvangen_op = date_field(_("Verzoek ontvangen op"))
    zitting_op = date_field(_("Zitting op"), False)
    toelichting = _text(_("Toelichting"))


class UitkomstForm(forms.Form):
    stap = forms.IntegerField(widget=forms.HiddenInput)
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=U.choices)
    toelichting = _text(_("Toelichting"))


class DatumForm(forms.Form):
    datum = date_field(_("Datum"))
    toelichting = _text(_("Toelichting"))


class AfrondenForm(forms.Form):
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=U.choices)
    toelichting = _text(_("Toelichting"))


class StapDocumentForm(forms.Form):
    stap = forms.IntegerField(widget=forms.HiddenInput)
    bijlagen = MultipleFileField(label=_("Document"))


class OpschortenForm(forms.Form):
    van = date_field(_("Opgeschort vanaf"))
    reden = _text(_("Reden (bijv. Awb 4:15: aanvulling gevraagd)"), required=True, max_length=2_000)


class HervattenForm(forms.Form):
    tot = date_field(_("Hervat op"))
    reden = _text(_("Reden van de hervatting"), required=True, max_length=2_000)


class BeslissingOpBezwaarForm(forms.Form):
    datum = date_field(_("Datum beslissing op bezwaar"))
    bekendmaking_op = date_field(_("Bekendgemaakt op"))
    uitkomst = forms.ChoiceField(label=_("Het bezwaar is"), choices=OBJECTION_OUTCOMES)
    toelichting = _text(_("Motivering"))


class NazorgForm(forms.Form):
    reden = forms.ChoiceField(label=_("Reden"), choices=NazorgVerzoek.Reden.choices)
    dagen = forms.IntegerField(
        label=_("Termijn in dagen (leeg: standaard)"), min_value=1, max_value=180, required=False
    )


class NazorgAntwoordForm(forms.Form):
    aantal_clienten = forms.IntegerField(
        label=_("Aantal cliënten met alternatieve zorg"), min_value=0, required=False
    )
    toelichting = _text(_("Toelichting (geen namen of BSN)"), max_length=5_000)


class NazorgNamensGemeenteForm(NazorgAntwoordForm):
    """The case officer records a municipality's answer given by phone or letter."""

    verzoek = forms.IntegerField(widget=forms.HiddenInput)


class VerbeterplanForm(forms.Form):
    ontvangen_op = date_field(_("Verbeterplan ontvangen op"))
    omschrijving = _text(_("Omschrijving"), required=True)
    herinspectie_op = date_field(_("Herinspectie op"))


class HerinspectieForm(forms.Form):
    plan = forms.IntegerField(widget=forms.HiddenInput)
    datum = date_field(_("Geïnspecteerd op"))
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=Verbeterplan.Uitkomst.choices)
    toelichting = _text(_("Toelichting"))


class MeerwerkForm(forms.Form):
    omschrijving = _text(_("Gevraagd meerwerk"), required=True, max_length=5_000)
    uren = forms.DecimalField(
        label=_("Uren"), min_value=0, max_digits=7, decimal_places=2, required=False
    )
    bedrag = forms.DecimalField(
        label=_("Bedrag (EUR)"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    uiterlijk = date_field(_("Standpunt uiterlijk op"))


class StandpuntForm(forms.Form):
    standpunt = forms.ChoiceField(
        label=_("Standpunt"),
        choices=[("akkoord", _("akkoord")), ("afgewezen", _("niet akkoord"))],
        widget=forms.RadioSelect,
    )
    toelichting = _text(_("Toelichting"), max_length=5_000)


class EscalatieForm(forms.Form):
    woongemeente = forms.ModelChoiceField(
        label=_("Woongemeente van de jeugdige"), queryset=Gemeente.objects.order_by("naam")
    )
    vraag = _text(_("Vraag aan de wethouders"), required=True, max_length=5_000)
    datum = date_field(_("Voorgelegd op"))


class EscalatieAntwoordForm(forms.Form):
    escalatie = forms.ModelChoiceField(queryset=Escalatie.objects.all(), widget=forms.HiddenInput)
    antwoord = _text(_("Antwoord"), required=True, max_length=5_000)
    datum = date_field(_("Beantwoord op"))


class SluitenForm(forms.Form):
    resultaat = forms.ModelChoiceField(
        label=_("Resultaat"),
        queryset=Resultaattype.objects.filter(actief=True),
        to_field_name="code",
    )
    reden = _text(_("Toelichting"))


class VertrouwelijkheidForm(forms.Form):
    niveau = forms.ChoiceField(label=_("Vertrouwelijkheid"), choices=Vertrouwelijkheid.choices)
    medebehandelaars = forms.ModelMultipleChoiceField(
        label=_("Toegewezen medewerkers (bij geheim en zeer geheim)"),
        queryset=get_user_model()
        .objects.filter(groups__name__in=["handhaver", "jurist"])
        .distinct()
        .order_by("username"),
        required=False,
    )
    reden = _text(_("Reden"), required=True, max_length=2_000)
