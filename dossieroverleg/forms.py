"""Forms of dossiers, the Dossieroverleg, advice and decision, and of what follows the
decision (aftercare, extra work, escalation, confidentiality, closing); they validate
input, services decide."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from meldpunt.forms import MultipleFileField
from regio.filters import GemeenteCodeField, IdField
from regio.models import Contract, Gemeente, Vestiging
from regio.ui import date_field, date_input, text_field
from termijnen.models import Termijn

from .models import (
    Conclusie,
    Deelnemer,
    Escalatie,
    Maatregel,
    NazorgVerzoek,
    Onderzoeksactiviteit,
    Prioriteit,
    Resultaattype,
    Status,
    Verbeterplan,
    Vertrouwelijkheid,
)
from .selectors import TERMIJN_STATEN


class ActiviteitForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort"), choices=Onderzoeksactiviteit.Soort.choices)
    datum = forms.DateField(label=_("Datum"), widget=date_input())
    uitgevoerd_door = forms.CharField(label=_("Uitgevoerd door"), max_length=200)
    bevindingen = forms.CharField(
        label=_("Bevindingen"), widget=forms.Textarea, required=False, max_length=20_000
    )
    bijlagen = MultipleFileField(label=_("Bijlagen"), required=False)


class ScopeForm(forms.Form):
    contracten = forms.ModelMultipleChoiceField(
        label=_("Contracten"), queryset=Contract.objects.all(), required=False
    )
    vestigingen = forms.ModelMultipleChoiceField(
        label=_("Vestigingen"), queryset=Vestiging.objects.all(), required=False
    )
    verstrekkende_gemeente = forms.ModelChoiceField(
        label=_("Gemeente die contracteerde of het pgb verstrekte"),
        queryset=Gemeente.objects.all(),
        required=False,
    )
    reden = forms.CharField(label=_("Reden van de wijziging"), max_length=2_000)

    def __init__(self, *args, dossier=None, **kwargs):
        super().__init__(*args, **kwargs)
        if dossier is not None:
            self.fields["contracten"].queryset = Contract.objects.filter(
                zorgaanbieder=dossier.zorgaanbieder, domein=dossier.domein
            )
            self.fields["vestigingen"].queryset = dossier.zorgaanbieder.vestigingen.all()
            if not self.is_bound:
                self.initial.update(
                    contracten=list(dossier.contracten.all()),
                    vestigingen=list(dossier.vestigingen.all()),
                    verstrekkende_gemeente=dossier.verstrekkende_gemeente,
                )


class OnderzoekAfrondenForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Samenvatting voor het overleg"), widget=forms.Textarea, max_length=10_000
    )


class OverlegForm(forms.Form):
    datum = forms.DateTimeField(
        label=_("Datum en tijd"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    locatie = forms.CharField(label=_("Locatie"), max_length=200, required=False)
    voorzitter = forms.ModelChoiceField(label=_("Voorzitter"), queryset=None)
    secretaris = forms.ModelChoiceField(label=_("Secretaris"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff = get_user_model().objects.filter(groups__name="overleg").distinct()
        for name in ("voorzitter", "secretaris"):
            self.fields[name].queryset = staff
            self.fields[name].label_from_instance = lambda u: u.get_full_name() or u.username


class DeelnemerForm(forms.Form):
    naam = forms.CharField(label=_("Naam"), max_length=200)
    discipline = forms.ChoiceField(label=_("Discipline"), choices=Deelnemer.Discipline.choices)
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Gemeente.objects.all(), required=False
    )


class ConclusieForm(forms.Form):
    conclusie = forms.ChoiceField(label=_("Conclusie"), choices=Conclusie.choices)
    maatregelen = forms.MultipleChoiceField(
        label=_("Voorgestelde maatregelen"),
        choices=Maatregel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea, required=False, max_length=10_000
    )


class AdviesForm(forms.Form):
    maatregelen = forms.MultipleChoiceField(
        label=_("Voorgestelde maatregelen"),
        choices=Maatregel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    motivering = forms.CharField(label=_("Motivering"), widget=forms.Textarea, max_length=50_000)
    juridische_grondslag = forms.CharField(
        label=_("Juridische grondslag"), widget=forms.Textarea, max_length=10_000
    )


class BeoordelingForm(forms.Form):
    besluit = forms.ChoiceField(
        label=_("Beoordeling"),
        choices=[
            ("goedkeuren", _("goedkeuren")),
            ("afwijzen", _("afwijzen (terug naar de opsteller)")),
        ],
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea, required=False, max_length=10_000
    )


class BesluitForm(forms.Form):
    datum = forms.DateField(label=_("Datum besluit"), widget=date_input())
    maatregelen = forms.MultipleChoiceField(
        label=_("Genomen maatregelen"),
        choices=Maatregel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    bekendmaking_op = forms.DateField(
        label=_("Bekendgemaakt aan de zorgaanbieder op"), widget=date_input()
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea, required=False, max_length=10_000
    )


class InzetForm(forms.Form):
    datum = forms.DateField(label=_("Datum"), widget=date_input())
    uren = forms.DecimalField(
        label=_("Uren"), min_value=0, max_digits=7, decimal_places=2, required=False
    )
    bedrag = forms.DecimalField(
        label=_("Bedrag (EUR)"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    omschrijving = forms.CharField(label=_("Omschrijving"), max_length=200)


class DossierFilterForm(forms.Form):
    """The filters of the dossier list (``regio.filters``)."""

    status = forms.ChoiceField(label=_("Status"), choices=Status.choices, required=False)
    zorgaanbieder = IdField(label=_("Zorgaanbieder"))
    gemeente = GemeenteCodeField(label=_("Gemeente"))
    behandelaar = IdField(label=_("Behandelaar"))
    prioriteit = forms.ChoiceField(
        label=_("Prioriteit"), choices=Prioriteit.choices, required=False
    )
    q = forms.CharField(label=_("Zoeken"), max_length=200, required=False)


class TermijnFilterForm(forms.Form):
    """The filters of the deadline overview (``regio.filters``); the API's are the same."""

    soort = forms.ChoiceField(label=_("Soort"), choices=Termijn.Soort.choices, required=False)
    eigenaar = IdField(label=_("Eigenaar"))
    gemeente = GemeenteCodeField(label=_("Gemeente"))
    staat = forms.ChoiceField(label=_("Staat"), choices=TERMIJN_STATEN, required=False)
    q = forms.CharField(label=_("Zoeken"), max_length=200, required=False)


# After the decision ------------------------------------------------------------------


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
        label=_("Woongemeente van de jeugdige (als die te bepalen is)"),
        queryset=Gemeente.objects.order_by("naam"),
        required=False,
    )
    vraag = text_field(_("Vraag aan de wethouders"), required=True, max_length=5_000)
    datum = date_field(_("Voorgelegd op"))
    antwoord_dagen = forms.IntegerField(
        label=_("Antwoord binnen (dagen)"), min_value=1, max_value=90, initial=14
    )


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


class BerichtenForm(forms.Form):
    """How a municipality's contact is told (ADR 0007), set in the municipality portal:
    per domain of the contact, status changes at once instead of in the daily overview."""

    direct_domeinen = forms.MultipleChoiceField(
        label=_("Statuswijzigingen direct per e-mail voor"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Niet aangevinkt: in één dagelijks overzicht. Verzoeken om actie (nazorg, "
            "meerwerk, Bibob, datalek) komen altijd meteen."
        ),
    )
    wekelijks_overzicht = forms.BooleanField(
        label=_("Elke week een overzicht van de open dossiers"), required=False
    )

    def __init__(self, *args, contactpersoon, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "direct_domeinen": contactpersoon.direct_domeinen,
                "wekelijks_overzicht": contactpersoon.wekelijks_overzicht,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["direct_domeinen"].choices = list(
            zip(contactpersoon.domeinen, contactpersoon.domeinen_display, strict=True)
        )


class VerdelingForm(forms.Form):
    tekst = text_field(
        _("Afgesproken verdeling van verantwoordelijkheden"), required=True, max_length=5_000
    )


class BelanghebbendeForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Gemeente.objects.filter(samenwerkingsverbanden__code="bwmo-nr").order_by("naam"),
    )
    reden = text_field(_("Waarom deze gemeente belang heeft"), required=True, max_length=2_000)
