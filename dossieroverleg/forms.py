"""Forms of dossiers and the Dossieroverleg; they validate input, services decide."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from meldpunt.forms import MultipleFileField
from regio.filters import GemeenteCodeField, IdField
from regio.models import Contract, Gemeente, Vestiging
from regio.ui import date_input
from termijnen.models import Termijn

from .models import (
    Conclusie,
    Deelnemer,
    Maatregel,
    Onderzoeksactiviteit,
    Prioriteit,
    Status,
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
