"""Forms of the meldpunt. They only validate input and build service arguments."""

import dataclasses

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from regio.models import Contract, Domein, Gemeente, Zorgaanbieder, kvk_validator
from regio.ui import apply_service_errors, date_field, text_field

from . import services
from .models import (
    MAX_OMSCHRIJVING,
    STAFF_KANALEN,
    Aannemelijkheid,
    Aard,
    Doorgeleiding,
    Ernst,
    Instantie,
    Kanaal,
    Route,
    Status,
)
from .validators import MAX_BIJLAGE_BYTES, validate_bsn


class AccessibleErrorsMixin:
    """Marks fields with errors for assistive technology: aria-invalid and the error's id."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[name].id_for_label}_error"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


def uploads_from(files) -> list[services.Upload]:
    # Read no more than one byte past the limit: a larger file is refused by its size.
    return [
        services.Upload(
            naam=uploaded.name, inhoud=uploaded.read(MAX_BIJLAGE_BYTES + 1), grootte=uploaded.size
        )
        for uploaded in files or []
    ]


class ClientForm(forms.Form):
    bsn = forms.CharField(label=_("BSN"), required=False, max_length=9, validators=[validate_bsn])
    naam = forms.CharField(label=_("Naam cliënt"), required=False, max_length=200)
    geboortedatum = forms.DateField(
        label=_("Geboortedatum"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    woonplaats_gemeente = forms.ModelChoiceField(
        label=_("Woonplaats (gemeente)"),
        queryset=Gemeente.objects.all(),
        required=False,
        to_field_name="code",
    )


class IntakeForm(forms.Form):
    """Staff entry of a report (phone, letter, e-mail, internal signal, referral)."""

    kanaal = forms.ChoiceField(
        label=_("Kanaal"), choices=[(k.value, k.label) for k in STAFF_KANALEN]
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"), widget=forms.Textarea, max_length=MAX_OMSCHRIJVING
    )
    domein = forms.ChoiceField(label=_("Domein"), choices=Domein.choices)
    aard = forms.ChoiceField(label=_("Aard"), choices=[("", "—")] + Aard.choices, required=False)
    zorgaanbieder = forms.ModelChoiceField(
        label=_("Zorgaanbieder (bestaand)"), queryset=Zorgaanbieder.objects.all(), required=False
    )
    nieuwe_zorgaanbieder_naam = forms.CharField(
        label=_("Of: naam nieuwe zorgaanbieder"), required=False, max_length=200
    )
    nieuwe_zorgaanbieder_kvk = forms.CharField(
        label=_("KvK-nummer nieuwe zorgaanbieder"),
        required=False,
        max_length=20,
        validators=[kvk_validator],
    )
    vestiging_gemeente = forms.ModelChoiceField(
        label=_("Gemeente van de vestiging"), queryset=Gemeente.objects.all(), required=False
    )
    contracten = forms.ModelMultipleChoiceField(
        label=_("Contract(en), indien bekend"), queryset=Contract.objects.all(), required=False
    )
    melder_anoniem = forms.BooleanField(label=_("Melder wil anoniem blijven"), required=False)
    melder_naam = forms.CharField(label=_("Naam melder"), required=False, max_length=200)
    melder_email = forms.EmailField(label=_("E-mailadres melder"), required=False)
    melder_telefoon = forms.CharField(label=_("Telefoon melder"), required=False, max_length=30)
    client_bsn = forms.CharField(
        label=_("BSN cliënt"), required=False, max_length=9, validators=[validate_bsn]
    )
    client_naam = forms.CharField(label=_("Naam cliënt"), required=False, max_length=200)
    client_geboortedatum = forms.DateField(
        label=_("Geboortedatum cliënt"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    client_woonplaats = forms.ModelChoiceField(
        label=_("Woonplaats cliënt (gemeente)"), queryset=Gemeente.objects.all(), required=False
    )
    bijlagen = MultipleFileField(label=_("Bijlagen"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("zorgaanbieder") and not data.get("nieuwe_zorgaanbieder_naam"):
            self.add_error(
                "zorgaanbieder", _("Kies een bestaande zorgaanbieder of vul een nieuwe naam in.")
            )
        return data

    def intake(self, *, kanaal: str | None = None) -> services.Intake:
        data = self.cleaned_data
        nieuw = None
        if not data.get("zorgaanbieder"):
            nieuw = services.NieuweZorgaanbieder(
                naam=data["nieuwe_zorgaanbieder_naam"],
                kvk_nummer=data.get("nieuwe_zorgaanbieder_kvk", ""),
            )
        clienten = []
        if any(data.get(f) for f in ("client_bsn", "client_naam", "client_geboortedatum")):
            clienten.append(
                services.ClientGegevens(
                    bsn=data.get("client_bsn", ""),
                    naam=data.get("client_naam", ""),
                    geboortedatum=data.get("client_geboortedatum"),
                    woonplaats_gemeente=data.get("client_woonplaats"),
                )
            )
        return services.Intake(
            kanaal=kanaal or data["kanaal"],
            omschrijving=data["omschrijving"],
            domein=data.get("domein", ""),
            aard=data.get("aard", ""),
            zorgaanbieder=data.get("zorgaanbieder"),
            nieuwe_zorgaanbieder=nieuw,
            vestiging_gemeente=data.get("vestiging_gemeente"),
            contracten=list(data.get("contracten") or []),
            melder=services.Melder(
                naam=data.get("melder_naam", ""),
                email=data.get("melder_email", ""),
                telefoon=data.get("melder_telefoon", ""),
                anoniem=data.get("melder_anoniem", False),
            ),
            clienten=clienten,
            bijlagen=uploads_from(data.get("bijlagen")),
        )


class PublicReportForm(AccessibleErrorsMixin, IntakeForm):
    """The public form: no login, anonymous allowed; fewer, plainer fields."""

    kanaal = None
    contracten = None
    zorgaanbieder = None
    nieuwe_zorgaanbieder_kvk = None
    nieuwe_zorgaanbieder_naam = forms.CharField(
        label=_("Naam van de zorgaanbieder"), max_length=200
    )
    aard = None
    domein = forms.ChoiceField(
        label=_("Over welke zorg gaat het?"),
        choices=[
            (Domein.WMO, _("Wmo (ondersteuning thuis, dagbesteding, huishoudelijke hulp)")),
            (Domein.JEUGD, _("Jeugdhulp")),
            (Domein.BW_MO, _("Beschermd wonen of maatschappelijke opvang")),
        ],
    )
    omschrijving = forms.CharField(
        label=_("Wat is er aan de hand?"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_OMSCHRIJVING,
        help_text=_("Beschrijf wat u zag of meemaakte, wanneer en waar."),
    )
    vestiging_gemeente = forms.ModelChoiceField(
        label=_("In welke gemeente is de zorgaanbieder (of de locatie)?"),
        queryset=Gemeente.objects.all(),
        required=False,
        empty_label=_("Weet ik niet"),
    )
    melder_anoniem = forms.BooleanField(
        label=_("Ik wil anoniem melden (wij kunnen u dan niet op de hoogte houden)"),
        required=False,
    )
    client_bsn = None
    client_geboortedatum = None
    client_woonplaats = None
    client_naam = None
    # A field people do not see; bots fill it in.
    website = forms.CharField(
        required=False,
        label=_("Laat dit veld leeg"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean(self):
        data = forms.Form.clean(self)
        if data.get("website"):
            raise ValidationError(_("Uw melding kon niet worden verwerkt."))
        if data.get("melder_anoniem") and (data.get("melder_email") or data.get("melder_naam")):
            self.add_error(
                "melder_anoniem",
                _("U koos voor anoniem melden; laat dan uw naam en e-mailadres leeg."),
            )
        return data

    def intake(self, *, kanaal: str | None = None) -> services.Intake:
        return super().intake(kanaal=Kanaal.WEBFORMULIER)


class RegistratieForm(forms.Form):
    """Completing an inbound report (e.g. an e-mail) so it can be registered."""

    zorgaanbieder = forms.ModelChoiceField(
        label=_("Zorgaanbieder"), queryset=Zorgaanbieder.objects.all()
    )
    domein = forms.ChoiceField(label=_("Domein"), choices=Domein.choices)
    aard = forms.ChoiceField(label=_("Aard"), choices=[("", "—")] + Aard.choices, required=False)
    vestiging_gemeente = forms.ModelChoiceField(
        label=_("Gemeente van de vestiging"), queryset=Gemeente.objects.all(), required=False
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving (samenvatting)"),
        widget=forms.Textarea,
        max_length=MAX_OMSCHRIJVING,
        required=False,
    )


def contract_label(contract) -> str:
    """A contract as the Meldpunt recognises it: reference, provider, domain and parties."""
    partijen = ", ".join(g.naam for g in contract.gemeenten.all())
    domein = contract.get_domein_display()
    return f"{contract.referentie} – {contract.zorgaanbieder} – {domein} ({partijen})"


class WegingForm(forms.Form):
    """The weighing (wegingskader) and the routing decision."""

    aard = forms.ChoiceField(label=_("Aard"), choices=Aard.choices)
    domein = forms.ChoiceField(label=_("Domein"), choices=Domein.choices)
    ernst = forms.ChoiceField(label=_("Ernst"), choices=Ernst.choices)
    aannemelijkheid = forms.ChoiceField(label=_("Aannemelijkheid"), choices=Aannemelijkheid.choices)
    motivering = forms.CharField(label=_("Motivering"), widget=forms.Textarea, max_length=10_000)
    contracten = forms.ModelMultipleChoiceField(
        label=_("Contract(en)"),
        queryset=Contract.objects.all(),
        required=False,
        to_field_name="referentie",
        widget=forms.CheckboxSelectMultiple,
    )
    verstrekkende_gemeente = forms.ModelChoiceField(
        label=_("Gemeente die de zorg contracteerde of het pgb verstrekte"),
        queryset=Gemeente.objects.all(),
        required=False,
        to_field_name="code",
    )
    lokale_wmo_taak = forms.BooleanField(
        label=_(
            "Bij BW/MO: de melding gaat over een lokale Wmo-taak (begeleiding, dagbesteding, "
            "huishoudelijke hulp; DVO BW/MO art. 5.1.a)"
        ),
        required=False,
    )
    route = forms.ChoiceField(label=_("Besluit"), choices=Route.choices)
    doorgeleid_aan = forms.ChoiceField(
        label=_("Doorgeleiden aan"), choices=[("", "—")] + Instantie.choices, required=False
    )
    doorgeleid_aan_gemeente = forms.ModelChoiceField(
        label=_("Welke gemeente (bij doorgeleiden aan een gemeente)"),
        queryset=Gemeente.objects.order_by("naam"),
        required=False,
        to_field_name="code",
    )
    reden = forms.CharField(
        label=_("Reden (bij doorgeleiden of geen vervolg)"),
        widget=forms.Textarea,
        required=False,
        max_length=10_000,
    )
    verzendwijze = forms.CharField(
        label=_("Wijze van doorgeleiden (bij doorgeleiden)"), required=False, max_length=100
    )
    dossier_nummer = forms.CharField(
        label=_("Koppelen aan bestaand dossier (nummer)"), required=False, max_length=12
    )
    bevestigd = forms.BooleanField(
        label=_("Ik bevestig deze ongebruikelijke combinatie (toegelicht in de motivering)"),
        required=False,
    )

    # Combinations that are allowed but seldom meant: the form asks to confirm them.
    UNUSUAL = (
        (
            lambda d: (
                d.get("aannemelijkheid") == Aannemelijkheid.ONAANNEMELIJK
                and d.get("route") == Route.NAAR_HANDHAVING
            ),
            _("De melding is niet aannemelijk, maar gaat toch naar handhaving."),
        ),
        (
            lambda d: (
                d.get("aannemelijkheid") == Aannemelijkheid.VASTGESTELD
                and d.get("route") == Route.GEEN_VERVOLG
            ),
            _("Wat de melding zegt is vastgesteld, maar zij krijgt geen vervolg."),
        ),
    )

    def __init__(self, *args, melding=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.melding = melding
        contracten = self.fields["contracten"]
        contracten.label_from_instance = contract_label
        contracten.queryset = contracten.queryset.select_related(
            "zorgaanbieder", "samenwerkingsverband"
        ).prefetch_related("gemeenten")
        if melding is not None and melding.zorgaanbieder_id:
            # The provider's own contracts; all of the region's only while it has none here.
            eigen = contracten.queryset.filter(zorgaanbieder_id=melding.zorgaanbieder_id)
            if eigen.exists():
                contracten.queryset = eigen
        if melding is not None and not self.is_bound:
            self.initial.setdefault("aard", melding.aard)
            self.initial.setdefault("domein", melding.domein)
            self.initial.setdefault("contracten", list(melding.contracten.all()))

    def invoer(self) -> services.WegingInvoer:
        data = self.cleaned_data
        return services.WegingInvoer(
            aard=data["aard"],
            domein=data["domein"],
            ernst=data["ernst"],
            aannemelijkheid=data["aannemelijkheid"],
            motivering=data["motivering"],
            route=data["route"],
            doorgeleid_aan=data.get("doorgeleid_aan", ""),
            doorgeleid_aan_gemeente=data.get("doorgeleid_aan_gemeente"),
            lokale_wmo_taak=bool(data.get("lokale_wmo_taak")),
            reden=data.get("reden", ""),
            dossier_nummer=data.get("dossier_nummer", ""),
            verzendwijze=data.get("verzendwijze", ""),
            contracten=list(data.get("contracten") or []),
            verstrekkende_gemeente=data.get("verstrekkende_gemeente"),
        )

    def clean(self):
        data = super().clean()
        unusual = [text for applies, text in self.UNUSUAL if applies(data)]
        if unusual and not data.get("bevestigd"):
            self.add_error(
                "bevestigd",
                " ".join(str(t) for t in unusual)
                + " "
                + str(_("Klopt dat? Vink dan aan dat u dit bedoelt.")),
            )
        if self.melding is not None and not self.errors:
            errors = services.validate_weighing(melding=self.melding, invoer=self.invoer())
            if errors:
                apply_service_errors(self, services.as_validation_error(errors))
        return data


class AcuutForm(forms.Form):
    """Same-day follow-up of an acute report (client safety at risk)."""

    toezichthouder = forms.ChoiceField(
        label=_("Toezichthouder geïnformeerd"),
        choices=[
            (Instantie.GGD, Instantie.GGD.label),
            (Instantie.IGJ, Instantie.IGJ.label),
            (Instantie.VEILIG_THUIS, Instantie.VEILIG_THUIS.label),
        ],
    )
    toelichting = forms.CharField(
        label=_("Wat is vandaag gedaan?"), widget=forms.Textarea, max_length=5_000
    )


class NavraagForm(forms.Form):
    """The outcome of a forwarded report, asked after a set period."""

    wijze = forms.CharField(label=_("Hoe is nagevraagd?"), max_length=100, required=False)
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=Doorgeleiding.Uitkomst.choices)
    toelichting = forms.CharField(
        label=_("Toelichting"), widget=forms.Textarea, required=False, max_length=5_000
    )


class ReactieVraagForm(forms.Form):
    vraag = forms.CharField(label=_("Vraag aan de melder"), widget=forms.Textarea, max_length=5_000)


class BerichtAanMelderForm(forms.Form):
    tekst = forms.CharField(
        label=_("Bericht aan de melder"), widget=forms.Textarea, max_length=20_000
    )


class ReactieAntwoordForm(AccessibleErrorsMixin, forms.Form):
    antwoord = forms.CharField(
        label=_("Uw antwoord"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20_000
    )
    bijlage = forms.FileField(label=_("Bestand toevoegen (niet verplicht)"), required=False)


class MeldingFilterForm(forms.Form):
    """The filters of the report list (``regio.filters``)."""

    status = forms.ChoiceField(label=_("Status"), choices=Status.choices, required=False)
    kanaal = forms.ChoiceField(label=_("Kanaal"), choices=Kanaal.choices, required=False)
    acuut = forms.ChoiceField(
        label=_("Alleen acuut"), choices=[("1", _("alleen acuut"))], required=False
    )
    q = forms.CharField(label=_("Zoeken"), max_length=200, required=False)


class BibobStartForm(forms.Form):
    """A Bibob investigation started (seed 000 art. 7.4), on the provider's page."""

    datum = date_field(_("Ingesteld op"))
    betrokkenen = text_field(_("Betrokken (rechts)personen"), required=True, max_length=2000)
    toelichting = text_field(_("Toelichting (intern)"), max_length=5000)


class BibobEindeForm(forms.Form):
    datum = date_field(_("Beëindigd op"))
    uitkomst = text_field(_("Uitkomst (intern)"), max_length=5000)


class GemeenteSignaalForm(AccessibleErrorsMixin, IntakeForm):
    """A municipality's signal about a provider, in its portal: the provider (from the
    register or by name), the domain, what is the matter, where, and attachments. No
    reporter and no clients: the municipality reports, and the Meldpunt asks it for more."""

    kanaal = None
    aard = None
    contracten = None
    nieuwe_zorgaanbieder_kvk = None
    melder_anoniem = None
    melder_naam = None
    melder_email = None
    melder_telefoon = None
    client_bsn = None
    client_naam = None
    client_geboortedatum = None
    client_woonplaats = None
    zorgaanbieder = forms.ModelChoiceField(
        label=_("Zorgaanbieder uit het register"),
        queryset=Zorgaanbieder.objects.order_by("naam"),
        required=False,
        empty_label=_("Staat er niet bij: vul de naam hieronder in"),
    )
    nieuwe_zorgaanbieder_naam = forms.CharField(
        label=_("Of: naam van de zorgaanbieder"), required=False, max_length=200
    )
    omschrijving = forms.CharField(
        label=_("Wat is er aan de hand?"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_OMSCHRIJVING,
        help_text=_(
            "Wat uw gemeente zag of hoorde, wanneer en waar. Noem cliënten alleen als het "
            "nodig is; het meldpunt vraagt zo nodig door."
        ),
    )
    vestiging_gemeente = forms.ModelChoiceField(
        label=_("Gemeente van de locatie"),
        queryset=Gemeente.objects.order_by("naam"),
        required=False,
        empty_label=_("Onbekend"),
    )
    bijlagen = MultipleFileField(label=_("Bijlagen"), required=False)

    field_order = [
        "zorgaanbieder",
        "nieuwe_zorgaanbieder_naam",
        "domein",
        "omschrijving",
        "vestiging_gemeente",
        "bijlagen",
    ]

    def intake(self, *, gemeente: Gemeente) -> services.Intake:
        return dataclasses.replace(
            super().intake(kanaal=Kanaal.GEMEENTE), gemeld_door_gemeente=gemeente
        )
