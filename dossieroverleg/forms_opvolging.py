"""Forms of aftercare, extra work, escalation, confidentiality and closing; services
decide."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from regio.models import Gemeente
from regio.ui import date_field, text_field

from .models import Escalatie, NazorgVerzoek, Resultaattype, Verbeterplan, Vertrouwelijkheid


class NazorgForm(forms.Form):
    reden = forms.ChoiceField(label=_("Reden"), choices=NazorgVerzoek.Reden.choices)
    dagen = forms.IntegerField(
        label=_("Termijn in dagen (leeg: standaard)"), min_value=1, max_value=180, required=False
    )


class NazorgAntwoordForm(forms.Form):
    aantal_clienten = forms.IntegerField(
        label=_("Aantal cliënten met alternatieve zorg"), min_value=0, required=False
    )
    toelichting = text_field(_("Toelichting (geen namen of BSN)"), max_length=5_000)


class NazorgNamensGemeenteForm(NazorgAntwoordForm):
    """The case officer records a municipality's answer given by phone or letter."""

    verzoek = forms.IntegerField(widget=forms.HiddenInput)


class VerbeterplanForm(forms.Form):
    ontvangen_op = date_field(_("Verbeterplan ontvangen op"))
    omschrijving = text_field(_("Omschrijving"), required=True)
    herinspectie_op = date_field(_("Herinspectie op"))


class HerinspectieForm(forms.Form):
    plan = forms.IntegerField(widget=forms.HiddenInput)
    datum = date_field(_("Geïnspecteerd op"))
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=Verbeterplan.Uitkomst.choices)
    toelichting = text_field(_("Toelichting"))


class MeerwerkForm(forms.Form):
    omschrijving = text_field(_("Gevraagd meerwerk"), required=True, max_length=5_000)
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
    toelichting = text_field(_("Toelichting"), max_length=5_000)


class EscalatieForm(forms.Form):
    woongemeente = forms.ModelChoiceField(
        label=_("Woongemeente van de jeugdige"), queryset=Gemeente.objects.order_by("naam")
    )
    vraag = text_field(_("Vraag aan de wethouders"), required=True, max_length=5_000)
    datum = date_field(_("Voorgelegd op"))


class EscalatieAntwoordForm(forms.Form):
    escalatie = forms.ModelChoiceField(queryset=Escalatie.objects.all(), widget=forms.HiddenInput)
    antwoord = text_field(_("Antwoord"), required=True, max_length=5_000)
    datum = date_field(_("Beantwoord op"))


class SluitenForm(forms.Form):
    resultaat = forms.ModelChoiceField(
        label=_("Resultaat"),
        queryset=Resultaattype.objects.filter(actief=True),
        to_field_name="code",
    )
    reden = text_field(_("Toelichting"))


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
    reden = text_field(_("Reden"), required=True, max_length=2_000)
