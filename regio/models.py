"""Reference data of the region: municipalities, arrangements, providers, contracts, contacts.

Loaded from ``regio/data/regio.json`` by ``manage.py load_regio`` and maintained by
``beheer`` in the admin.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Domein(models.TextChoices):
    WMO = "wmo", _("Wmo")
    JEUGD = "jeugd", _("Jeugd")
    BW_MO = "bw_mo", _("Beschermd wonen / maatschappelijke opvang")


cbs_code_validator = RegexValidator(
    r"^GM\d{4}$", _("Een CBS-gemeentecode heeft de vorm GM gevolgd door 4 cijfers.")
)
kvk_validator = RegexValidator(r"^\d{8}$", _("Een KvK-nummer bestaat uit precies 8 cijfers."))
agb_validator = RegexValidator(r"^\d{8}$", _("Een AGB-code bestaat uit precies 8 cijfers."))
postcode_validator = RegexValidator(
    r"^[1-9]\d{3} ?[A-Z]{2}$", _("Een postcode heeft de vorm 1234 AB.")
)


def validate_domeinen(value) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Kies ten minste één domein."))
    validate_domeinen_or_none(value)


def validate_domeinen_or_none(value) -> None:
    """A list of known domains, possibly empty."""
    valid = set(Domein.values)
    if not isinstance(value, list):
        raise ValidationError(_("Kies de domeinen uit de lijst."))
    unknown = [item for item in value if item not in valid]
    if unknown:
        raise ValidationError(
            _("Onbekend domein: %(domeinen)s."), params={"domeinen": ", ".join(map(str, unknown))}
        )


class Gemeente(models.Model):
    code = models.CharField(
        _("CBS-code"), max_length=6, unique=True, validators=[cbs_code_validator]
    )
    naam = models.CharField(_("naam"), max_length=100)
    # Where a youth case is put to the alderman (bestuurlijk escalatiepunt, seed 003): the
    # alderman's office, not a person's own address.
    wethouder_jeugd_email = models.EmailField(
        _("e-mailadres wethouder jeugd (secretariaat)"),
        blank=True,
        help_text=_(
            "Voor bestuurlijke escalatie van jeugdcasussen: het adres van het secretariaat "
            "van de wethouder met jeugd in portefeuille."
        ),
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Samenwerkingsverband(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    domeinen = models.JSONField(_("domeinen"), default=list, validators=[validate_domeinen])
    uitvoerder = models.ForeignKey(
        Gemeente,
        verbose_name=_("uitvoerende gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uitgevoerde_samenwerkingsverbanden",
    )
    leden = models.ManyToManyField(
        Gemeente, through="Deelname", related_name="samenwerkingsverbanden", verbose_name=_("leden")
    )
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Deelname(models.Model):
    """Membership of a municipality in an arrangement, possibly limited.

    Wijchen takes part in the ROB Rijk van Nijmegen only for the regional contracts it is
    a party to, and not in benchmarking (Samenwerkingsovereenkomst art. 2 lid 2 sub g).
    """

    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband, on_delete=models.CASCADE, related_name="deelnames"
    )
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="deelnames")
    beperkt = models.BooleanField(_("beperkte deelname"), default=False)
    beperking = models.TextField(_("toelichting beperking"), blank=True)
    verdeelsleutel_pct = models.DecimalField(
        _("verdeelsleutel (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    bijdrage_eur = models.DecimalField(
        _("bijdrage (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        constraints = [
            models.UniqueConstraint(
                fields=["samenwerkingsverband", "gemeente"], name="uniek_lid_per_verband"
            )
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} in {self.samenwerkingsverband.code}"

    @property
    def neemt_deel_aan_benchmark(self) -> bool:
        return not self.beperkt


class Zorgaanbieder(models.Model):
    naam = models.CharField(_("naam"), max_length=200)
    kvk_nummer = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        unique=True,
        null=True,
        blank=True,
        validators=[kvk_validator],
    )
    agb_code = models.CharField(_("AGB-code"), max_length=8, blank=True, validators=[agb_validator])
    bibob = models.BooleanField(_("Bibob-onderzoek"), default=False)
    bibob_datum = models.DateField(_("datum Bibob-onderzoek"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("zorgaanbieder")
        verbose_name_plural = _("zorgaanbieders")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bibob=False) | models.Q(bibob_datum__isnull=False),
                name="bibob_heeft_datum",
                violation_error_message=_("Een Bibob-onderzoek heeft een datum."),
            )
        ]

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        if self.kvk_nummer == "":
            self.kvk_nummer = None
        if self.bibob and not self.bibob_datum:
            raise ValidationError({"bibob_datum": _("Een Bibob-onderzoek heeft een datum.")})


class BibobOnderzoek(models.Model):
    """A Bibob investigation into a provider and the (legal) persons behind it, as the
    municipality that started it records it. The ROB partners tell each other that it was
    started (Samenwerkingsovereenkomst art. 7.4); nobody else (the Wet Bibob limits who
    may know). ``betrokkenen`` may name natural persons: never in a mail, read audited."""

    zorgaanbieder = models.ForeignKey(
        Zorgaanbieder, on_delete=models.PROTECT, related_name="bibob_onderzoeken"
    )
    gestart_op = models.DateField(_("ingesteld op"))
    gestart_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,  # only for an investigation carried over from the former flag
        verbose_name=_("vastgelegd door"),
    )
    betrokkenen = models.TextField(
        _("betrokken (rechts)personen"),
        help_text=_("Op wie het onderzoek zich richt: de rechtspersoon en eventueel bestuurders."),
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    beeindigd_op = models.DateField(_("beëindigd op"), null=True, blank=True)
    beeindigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("beëindiging vastgelegd door"),
    )
    uitkomst = models.TextField(_("uitkomst"), blank=True)
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("Bibob-onderzoek")
        verbose_name_plural = _("Bibob-onderzoeken")
        ordering = ["-gestart_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["zorgaanbieder"],
                condition=models.Q(beeindigd_op__isnull=True),
                name="een_lopend_bibob_onderzoek",
                violation_error_message=_("Er loopt al een Bibob-onderzoek."),
            )
        ]

    def __str__(self) -> str:
        return f"Bibob {self.zorgaanbieder} ({self.gestart_op})"

    @property
    def loopt(self) -> bool:
        return self.beeindigd_op is None


class Vestiging(models.Model):
    zorgaanbieder = models.ForeignKey(
        Zorgaanbieder, on_delete=models.CASCADE, related_name="vestigingen"
    )
    naam = models.CharField(_("naam"), max_length=200, blank=True)
    straat = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[postcode_validator]
    )
    plaats = models.CharField(_("plaats"), max_length=100, blank=True)
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="vestigingen", verbose_name=_("gemeente")
    )

    class Meta:
        verbose_name = _("vestiging")
        verbose_name_plural = _("vestigingen")
        ordering = ["zorgaanbieder__naam", "naam"]

    def __str__(self) -> str:
        label = self.naam or self.plaats or str(self.gemeente)
        return f"{self.zorgaanbieder} – {label}"


class Contract(models.Model):
    """A regional contract; its parties are the municipalities involved in enforcement."""

    referentie = models.CharField(_("referentie"), max_length=50, unique=True)
    domein = models.CharField(_("domein"), max_length=10, choices=Domein.choices)
    zorgaanbieder = models.ForeignKey(
        Zorgaanbieder, on_delete=models.PROTECT, related_name="contracten"
    )
    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="contracten",
        null=True,
        blank=True,
    )
    ingangsdatum = models.DateField(_("ingangsdatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    gemeenten = models.ManyToManyField(
        Gemeente, related_name="contracten", verbose_name=_("partijen (gemeenten)")
    )

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracten")
        ordering = ["referentie"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(einddatum__isnull=True)
                | models.Q(einddatum__gte=models.F("ingangsdatum")),
                name="contract_periode_geldig",
                violation_error_message=_("De einddatum ligt niet voor de ingangsdatum."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.referentie} ({self.get_domein_display()})"

    def clean(self) -> None:
        if self.einddatum and self.ingangsdatum and self.einddatum < self.ingangsdatum:
            raise ValidationError({"einddatum": _("De einddatum ligt niet voor de ingangsdatum.")})
        verband = self.samenwerkingsverband
        if verband and self.domein and self.domein not in verband.domeinen:
            raise ValidationError(
                {"domein": _("Dit samenwerkingsverband werkt niet voor dit domein.")}
            )


class Contactpersoon(models.Model):
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="contactpersonen")
    domeinen = models.JSONField(_("domeinen"), default=list, validators=[validate_domeinen])
    naam = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"))
    actief = models.BooleanField(_("actief"), default=True)
    wekelijks_overzicht = models.BooleanField(
        _("wekelijks overzicht ontvangen"),
        default=False,
        help_text=_("Eens per week een overzicht van de open dossiers van deze gemeente."),
    )
    # Informational changes go in one daily overview, so that a contact is not sent a mail
    # for every step; a contact who wants them at once chooses so per domain (ADR 0007).
    direct_domeinen = models.JSONField(
        _("statuswijzigingen direct ontvangen"),
        default=list,
        blank=True,
        validators=[validate_domeinen_or_none],
        help_text=_(
            "Voor deze domeinen komt elke statuswijziging ter informatie meteen per e-mail; "
            "voor de andere domeinen staan ze in één dagelijks overzicht. Verzoeken om actie "
            "(nazorg, meerwerk, Bibob, datalek) komen altijd meteen."
        ),
    )

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["gemeente__naam", "naam"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.gemeente})"

    def clean(self) -> None:
        super().clean()
        if not (isinstance(self.direct_domeinen, list) and isinstance(self.domeinen, list)):
            return  # the field validators say what is wrong
        extra = [d for d in self.direct_domeinen if d not in self.domeinen]
        if extra:
            labels = dict(Domein.choices)
            raise ValidationError(
                {
                    "direct_domeinen": _(
                        "Kies alleen domeinen van deze contactpersoon; %(domeinen)s hoort er "
                        "niet bij."
                    )
                    % {"domeinen": ", ".join(str(labels.get(d, d)) for d in extra)}
                }
            )

    @property
    def domeinen_display(self) -> list[str]:
        labels = dict(Domein.choices)
        return [str(labels.get(d, d)) for d in self.domeinen]

    def wil_direct(self, domein: str) -> bool:
        """Whether informational changes in ``domein`` go to this contact at once."""
        return domein in self.direct_domeinen


class Gebruiker(models.Model):
    """Links a user to a municipality; a `gemeente` user sees only that municipality's work."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gebruiker"
    )
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="gebruikers"
    )

    class Meta:
        verbose_name = _("gebruikersprofiel")
        verbose_name_plural = _("gebruikersprofielen")

    def __str__(self) -> str:
        return f"{self.user} – {self.gemeente or _('geen gemeente')}"


class Nummerreeks(models.Model):
    """The last number given per series and year; its row is locked while a number is drawn."""

    reeks = models.CharField(_("reeks"), max_length=10)
    jaar = models.PositiveIntegerField(_("jaar"))
    laatste = models.PositiveIntegerField(_("laatste nummer"), default=0)

    class Meta:
        verbose_name = _("nummerreeks")
        verbose_name_plural = _("nummerreeksen")
        constraints = [
            models.UniqueConstraint(fields=["reeks", "jaar"], name="uniek_nummer_per_reeks_jaar")
        ]

    def __str__(self) -> str:
        return f"{self.reeks}-{self.jaar}: {self.laatste}"


class Besluitsoort(models.TextChoices):
    """The kinds of decision a mandate covers (Mandaatbesluit BW/MO, DVO Bijlage A art. 2
    lid 3 and 5; Samenwerkingsovereenkomst ROB art. 3 lid 2-3)."""

    COLLEGEBESLUIT = "collegebesluit", _("besluit op het advies (maatregelen)")
    HANDHAVINGSBESLUIT = (
        "handhavingsbesluit",
        _(
            "handhavingsbesluit (aanwijzing, last onder dwangsom of bestuursdwang, wijziging of "
            "opheffing)"
        ),
    )
    BESLISSING_OP_BEZWAAR = "beslissing_op_bezwaar", _("beslissing op bezwaar")
    INVORDERINGSBESLUIT = "invorderingsbesluit", _("invorderingsbesluit (Awb 5:37)")
    KOSTENVERHAAL = "kostenverhaal", _("kostenverhaalbesluit bestuursdwang (Awb 5:25)")
    ONTBINDING = "ontbinding", _("ontbinding van de overeenkomst (volmacht)")


class Orgaan(models.TextChoices):
    COLLEGE = "college", _("college van burgemeester en wethouders")
    BURGEMEESTER = "burgemeester", _("burgemeester")


def validate_besluitsoorten(value) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Kies ten minste één soort besluit."))
    unknown = [v for v in value if v not in Besluitsoort.values]
    if unknown:
        raise ValidationError(_("Onbekende soort besluit: %(v)s") % {"v": ", ".join(unknown)})


class Mandaat(models.Model):
    """A mandate (or power of attorney, for private-law acts): who may decide what in
    whose name, from when to when, on which source.

    The giver is a municipality's college or mayor, on its own or under an arrangement
    (the Centrumregeling BW/MO: each member's college, Bijlage A). The holder is another
    organ (the college of Nijmegen), a role or a person. A holder that is an organ may pass
    the power on to a role or person (ondermandaat) only where the giver allowed it
    (Bijlage A art. 2 lid 4). The rule that reads this register is ``regio.mandates``.
    """

    gever = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="gegeven_mandaten", verbose_name=_("van")
    )
    gever_orgaan = models.CharField(
        _("orgaan van de mandaatgever"), max_length=15, choices=Orgaan.choices
    )
    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mandaten",
        verbose_name=_("in het kader van"),
        help_text=_("Bijvoorbeeld de Centrumregeling: namens haar deelnemers."),
    )
    houder_gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gekregen_mandaten",
        verbose_name=_("aan (orgaan van gemeente)"),
    )
    houder_orgaan = models.CharField(
        _("orgaan van de gemandateerde"), max_length=15, choices=Orgaan.choices, blank=True
    )
    houder_rol = models.CharField(
        _("aan (rol)"),
        max_length=20,
        blank=True,
        choices=[(role, role) for role in ("handhaver", "jurist", "teamleider")],
    )
    houder_gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mandaten",
        verbose_name=_("aan (persoon)"),
    )
    besluiten = models.JSONField(
        _("soorten besluiten"), default=list, validators=[validate_besluitsoorten]
    )
    domeinen = models.JSONField(
        _("domeinen (leeg: alle)"),
        default=list,
        blank=True,
        validators=[validate_domeinen_or_none],
    )
    ondermandaat = models.BooleanField(
        _("ondermandaat toegestaan"),
        default=False,
        help_text=_("De gemandateerde mag het mandaat doorgeven aan personen of functies."),
    )
    geldig_van = models.DateField(_("geldig van"))
    geldig_tot = models.DateField(_("geldig tot en met"), null=True, blank=True)
    bron = models.CharField(
        _("bron"),
        max_length=300,
        help_text=_("Het mandaatbesluit en het artikel, bijv. ‘DVO BW/MO Bijlage A art. 2’."),
    )
    vindplaats = models.CharField(
        _("vindplaats"), max_length=300, blank=True, help_text=_("Gemeenteblad, URL of zaaknummer.")
    )
    sleutel = models.SlugField(
        _("sleutel"),
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Voor mandaten uit de samenwerkingsafspraken: zo worden ze bijgewerkt."),
    )
    beeindigd_op = models.DateField(_("beëindigd per"), null=True, blank=True)
    reden_beeindiging = models.CharField(_("reden beëindiging"), max_length=300, blank=True)
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("mandaat")
        verbose_name_plural = _("mandaatregister")
        ordering = ["gever__naam", "geldig_van", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    (
                        models.Q(houder_gemeente__isnull=False, houder_gebruiker__isnull=True)
                        & models.Q(houder_rol="")
                        & ~models.Q(houder_orgaan="")
                    )
                    | (
                        models.Q(houder_gemeente__isnull=True, houder_gebruiker__isnull=False)
                        & models.Q(houder_rol="", houder_orgaan="")
                    )
                    | (
                        models.Q(houder_gemeente__isnull=True, houder_gebruiker__isnull=True)
                        & models.Q(houder_orgaan="")
                        & ~models.Q(houder_rol="")
                    )
                ),
                name="mandaat_een_houder",
            )
        ]

    def __str__(self) -> str:
        return _("%(gever)s aan %(houder)s") % {"gever": self.gever_naam, "houder": self.houder}

    @property
    def gever_naam(self) -> str:
        naam = f"{self.get_gever_orgaan_display()} van {self.gever.naam}"
        if self.samenwerkingsverband_id:
            naam += f" ({self.samenwerkingsverband.naam})"
        return naam

    @property
    def houder(self) -> str:
        if self.houder_gemeente_id:
            return f"{self.get_houder_orgaan_display()} van {self.houder_gemeente.naam}"
        if self.houder_gebruiker_id:
            user = self.houder_gebruiker
            return user.get_full_name() or user.get_username()
        return _("rol %(rol)s") % {"rol": self.houder_rol}

    def clean(self) -> None:
        holders = [
            bool(self.houder_gemeente_id and self.houder_orgaan),
            bool(self.houder_rol),
            bool(self.houder_gebruiker_id),
        ]
        if sum(holders) != 1:
            raise ValidationError(
                _(
                    "Kies één gemandateerde: een orgaan van een gemeente (gemeente en orgaan), "
                    "een rol of een persoon."
                )
            )
        if self.geldig_tot and self.geldig_tot < self.geldig_van:
            raise ValidationError({"geldig_tot": _("Het einde ligt voor het begin.")})

    def geldig_op(self, day) -> bool:
        """Valid on ``day``: begun, not past its end, not ended before."""
        if day < self.geldig_van:
            return False
        if self.geldig_tot is not None and day > self.geldig_tot:
            return False
        return self.beeindigd_op is None or day < self.beeindigd_op


class OnderMandaat(models.Model):
    """A decision that says in whose name it was taken, under which mandate and who signed
    (the mandate register, ``regio.mandates``)."""

    mandaat = models.ForeignKey(
        Mandaat,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("krachtens mandaat"),
    )
    in_naam_van = models.CharField(_("in naam van"), max_length=500, blank=True)
    ondertekend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ondertekend door"),
    )

    class Meta:
        abstract = True

    def onder(self, grant, signer) -> None:
        """Record the outcome of ``regio.mandates.grant`` and the signer (not saved)."""
        self.mandaat = grant.mandaat
        self.in_naam_van = grant.in_naam_van
        self.ondertekend_door = signer


class PubliekeTekst(models.Model):
    """A text the public reads, in words `beheer` may change: the privacy statement of the
    public pages, and the notices on a reporter's page. Without a row the product's own
    text is used (``regio.texts``)."""

    class Sleutel(models.TextChoices):
        PRIVACYVERKLARING = (
            "privacyverklaring",
            _("privacyverklaring (formulier en meldingspagina)"),
        )
        MELDER_DOORGELEID = "melder.doorgeleid", _("bericht aan de melder: doorgestuurd")
        MELDER_IN_HANDHAVING = "melder.in_handhaving", _("bericht aan de melder: in onderzoek")
        MELDER_AFGEROND = "melder.afgerond", _("bericht aan de melder: afgerond")

    sleutel = models.CharField(_("tekst"), max_length=40, choices=Sleutel.choices, unique=True)
    tekst = models.TextField(
        _("tekst"),
        validators=[MaxLengthValidator(20_000)],
        help_text=_(
            "Gewone tekst; een witregel begint een nieuwe alinea. In berichten aan de melder: "
            "{{ nummer }} (het meldingsnummer) en {{ instantie }} (aan wie doorgestuurd)."
        ),
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("publieke tekst")
        verbose_name_plural = _("publieke teksten")
        ordering = ["sleutel"]

    def __str__(self) -> str:
        return self.get_sleutel_display()

    def clean(self) -> None:
        from django.template import Template, TemplateSyntaxError

        try:
            Template(self.tekst)
        except TemplateSyntaxError as error:
            raise ValidationError(
                {"tekst": _("De tekst is geen geldig sjabloon: %s") % error}
            ) from None
