"""Melding (a report about a care provider) and its state machine.

``ontvangen -> geregistreerd -> gewogen -> doorgeleid | geen_vervolg | naar_handhaving``
(DESIGN.md section 2.1; Samenwerkingsovereenkomst art. 2 lid 2 sub f). The status field is
protected: the only door is a transition method, called by ``meldpunt.services``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from regio import dates
from regio.models import Contract, Domein, Gemeente, Zorgaanbieder
from regio.records import AbstractDocument, AbstractStatusWijziging

from .validators import validate_bsn

MAX_OMSCHRIJVING = 20_000


class Kanaal(models.TextChoices):
    WEBFORMULIER = "webformulier", _("webformulier")
    TELEFOON = "telefoon", _("telefoon")
    BRIEF = "brief", _("brief")
    EMAIL = "email", _("e-mail (door medewerker ingevoerd)")
    EMAIL_INBOUND = "email_inbound", _("e-mail aan het meldpunt")
    API = "api", _("koppeling (API)")
    INTERN = "intern", _("intern signaal")
    VERWIJZING = "verwijzing", _("verwijzing (IGJ, GGD, andere regio)")
    GEMEENTE = "gemeente", _("signaal van een gemeente (portaal)")


# Channels staff enter by hand; the others arrive by themselves.
STAFF_KANALEN = [
    Kanaal.TELEFOON,
    Kanaal.BRIEF,
    Kanaal.EMAIL,
    Kanaal.INTERN,
    Kanaal.VERWIJZING,
]


class Aard(models.TextChoices):
    KWALITEIT = "kwaliteit", _("kwaliteit")
    RECHTMATIGHEID = "rechtmatigheid", _("rechtmatigheid")
    WERKWIJZE = "werkwijze", _("werkwijze")
    FRAUDEVERMOEDEN = "fraudevermoeden", _("fraudevermoeden")


class Ernst(models.TextChoices):
    LAAG = "laag", _("laag")
    MIDDEN = "midden", _("midden")
    HOOG = "hoog", _("hoog")
    ACUUT = "acuut", _("acuut (veiligheid cliënt in gevaar)")


class Aannemelijkheid(models.TextChoices):
    ONAANNEMELIJK = "onaannemelijk", _("niet aannemelijk")
    MOGELIJK = "mogelijk", _("mogelijk")
    AANNEMELIJK = "aannemelijk", _("aannemelijk")
    VASTGESTELD = "vastgesteld", _("vastgesteld")


class Route(models.TextChoices):
    DOORGELEID = "doorgeleid", _("doorgeleiden")
    GEEN_VERVOLG = "geen_vervolg", _("geen vervolg")
    NAAR_HANDHAVING = "naar_handhaving", _("naar handhaving")


class Instantie(models.TextChoices):
    IGJ = "igj", _("Inspectie Gezondheidszorg en Jeugd")
    GGD = "ggd_wmo", _("GGD Wmo-toezicht")
    POLITIE_OM = "politie_om", _("politie / OM")
    IKZ = "ikz", _("Informatieknooppunt Zorgfraude")
    ZORGVERZEKERAAR = "zorgverzekeraar", _("zorgverzekeraar")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    ANDERE_REGIO = "andere_regio", _("andere regio")
    GEMEENTE = "gemeente", _("lokale gemeente")


class Status(models.TextChoices):
    ONTVANGEN = "ontvangen", _("ontvangen")
    GEREGISTREERD = "geregistreerd", _("geregistreerd")
    GEWOGEN = "gewogen", _("gewogen")
    DOORGELEID = "doorgeleid", _("doorgeleid")
    GEEN_VERVOLG = "geen_vervolg", _("geen vervolg")
    NAAR_HANDHAVING = "naar_handhaving", _("naar handhaving")


EINDSTATUSSEN = (Status.DOORGELEID, Status.GEEN_VERVOLG, Status.NAAR_HANDHAVING)


def _can_register(user) -> bool:
    return user is None or user.has_perm("meldpunt.registreren_melding")


def _can_weigh(user) -> bool:
    return user is None or user.has_perm("meldpunt.wegen_melding")


class Melding(models.Model):
    nummer = models.CharField(_("nummer"), max_length=14, unique=True, null=True, blank=True)
    status = FSMField(_("status"), default=Status.ONTVANGEN, choices=Status.choices, protected=True)
    kanaal = models.CharField(_("kanaal"), max_length=20, choices=Kanaal.choices)
    ontvangen_op = models.DateTimeField(_("ontvangen op"), default=timezone.now, db_index=True)
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), null=True, blank=True)
    omschrijving = models.TextField(
        _("omschrijving"), validators=[MaxLengthValidator(MAX_OMSCHRIJVING)]
    )
    domein = models.CharField(_("domein"), max_length=10, choices=Domein.choices, blank=True)
    aard = models.CharField(_("aard"), max_length=20, choices=Aard.choices, blank=True)
    zorgaanbieder = models.ForeignKey(
        Zorgaanbieder,
        on_delete=models.PROTECT,
        related_name="meldingen",
        null=True,
        blank=True,
        verbose_name=_("zorgaanbieder"),
    )
    vestiging_gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("gemeente van de vestiging"),
    )
    contracten = models.ManyToManyField(
        Contract, blank=True, related_name="meldingen", verbose_name=_("contracten")
    )
    verstrekkende_gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("gemeente die contracteerde of het pgb verstrekte"),
    )
    acuut = models.BooleanField(_("acuut"), default=False, db_index=True)
    # Reporter: confidential; never in an e-mail to municipalities, a log or a list.
    melder_anoniem = models.BooleanField(_("anoniem"), default=False)
    melder_naam = models.CharField(_("naam melder"), max_length=200, blank=True)
    melder_email = models.EmailField(_("e-mailadres melder"), blank=True)
    melder_telefoon = models.CharField(_("telefoon melder"), max_length=30, blank=True)
    geanonimiseerd_op = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    # The reporter's receipt code: shown once at submission, kept only as its SHA-256 (a
    # long random code: no salt needed); with it the reporter opens the report's page
    # without an account. Emptied when the report is anonymised: the code then opens
    # nothing.
    code_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    # The key of the reporter's link by e-mail (signed with it); a new key or none ends
    # every link sent before.
    volg_sleutel = models.CharField(max_length=32, blank=True, default="")
    # A signal a municipality submitted in its portal: shown there with its status.
    gemeld_door_gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gemelde_signalen",
        verbose_name=_("gemeld door gemeente"),
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, unique=True)
    # SHA-256 of the canonical JSON body that came with the key: a retry must be the same
    # request; the same key with another body is refused (422) instead of answered with
    # a report it is not about. Empty for reports from before the fingerprint was kept.
    idempotency_hash = models.CharField(max_length=64, blank=True, default="")
    # Accepted through the API and not yet processed: its history, events (the flow, the
    # acknowledgement, the audit) follow in a worker (meldpunt.intake; ADR 12).
    verwerking_open = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-ontvangen_op"]
        permissions = [
            ("registreren_melding", _("Mag meldingen registreren")),
            ("wegen_melding", _("Mag meldingen wegen en doorgeleiden")),
            ("persoonsgegevens_melding", _("Mag persoonsgegevens van melder en cliënt zien")),
        ]
        indexes = [
            models.Index(fields=["status", "ontvangen_op"]),
            # The list's order (acute first, newest first): its first page read from here.
            models.Index(fields=["-acuut", "-ontvangen_op"], name="melding_lijst_volgorde"),
            # The intake sweep's query: the few accepted reports still to process.
            models.Index(
                fields=["ontvangen_op"],
                name="melding_verwerking_open",
                condition=models.Q(verwerking_open=True),
            ),
        ]

    def __str__(self) -> str:
        return self.nummer or _("melding (nog niet geregistreerd)")

    @property
    def heeft_contactgegevens(self) -> bool:
        return bool(self.melder_email) and not self.melder_anoniem

    @property
    def melder_bereikbaar(self) -> bool:
        """The reporter can be reached: on the report's page with the receipt code, or by
        e-mail (``meldpunt.melder``)."""
        return bool(self.code_hash) or self.heeft_contactgegevens

    @property
    def is_afgerond(self) -> bool:
        return self.status in EINDSTATUSSEN

    def has_weging(self) -> bool:
        return hasattr(self, "weging")

    def weging_route_is(self, route: str) -> bool:
        return self.has_weging() and self.weging.route == route

    # Transitions: the only way the status changes. Services call them.

    def _registration_complete(self) -> bool:
        return bool(self.omschrijving and self.kanaal and self.zorgaanbieder_id)

    @transition(
        field=status,
        source=Status.ONTVANGEN,
        target=Status.GEREGISTREERD,
        conditions=[_registration_complete],
        permission=lambda instance, user: _can_register(user),
    )
    def registreer(self) -> None:
        self.geregistreerd_op = timezone.now()

    @transition(
        field=status,
        source=Status.GEREGISTREERD,
        target=Status.GEWOGEN,
        conditions=[has_weging],
        permission=lambda instance, user: _can_weigh(user),
    )
    def weeg(self) -> None:
        self.acuut = self.weging.ernst == Ernst.ACUUT

    def _route_doorgeleid(self) -> bool:
        return self.weging_route_is(Route.DOORGELEID)

    def _route_geen_vervolg(self) -> bool:
        return self.weging_route_is(Route.GEEN_VERVOLG)

    def _route_handhaving(self) -> bool:
        return self.weging_route_is(Route.NAAR_HANDHAVING)

    @transition(
        field=status,
        source=Status.GEWOGEN,
        target=Status.DOORGELEID,
        conditions=[_route_doorgeleid],
        permission=lambda instance, user: _can_weigh(user),
    )
    def geleid_door(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.GEWOGEN,
        target=Status.GEEN_VERVOLG,
        conditions=[_route_geen_vervolg],
        permission=lambda instance, user: _can_weigh(user),
    )
    def zonder_vervolg(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.GEWOGEN,
        target=Status.NAAR_HANDHAVING,
        conditions=[_route_handhaving],
        permission=lambda instance, user: _can_weigh(user),
    )
    def naar_handhaving(self) -> None:
        pass


class StatusWijziging(AbstractStatusWijziging):
    """The stored history of a report's transitions."""

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="historie")
    van = models.CharField(_("van"), max_length=20, choices=Status.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=20, choices=Status.choices)

    class Meta(AbstractStatusWijziging.Meta):
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")


class Client(models.Model):
    """A client concerned (all fields optional). Personal data: shown only to those who may."""

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="clienten")
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, validators=[validate_bsn])
    naam = models.CharField(_("naam"), max_length=200, blank=True)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    woonplaats_gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("woonplaats (gemeente)"),
    )

    class Meta:
        verbose_name = _("cliënt")
        verbose_name_plural = _("cliënten")

    def __str__(self) -> str:
        return str(_("cliënt"))


class Weging(models.Model):
    """The weighing (wegingskader) of a registered report and its routing decision."""

    melding = models.OneToOneField(Melding, on_delete=models.CASCADE, related_name="weging")
    aard = models.CharField(_("aard"), max_length=20, choices=Aard.choices)
    domein = models.CharField(_("domein"), max_length=10, choices=Domein.choices)
    ernst = models.CharField(_("ernst"), max_length=10, choices=Ernst.choices)
    aannemelijkheid = models.CharField(
        _("aannemelijkheid"), max_length=20, choices=Aannemelijkheid.choices
    )
    motivering = models.TextField(_("motivering"), validators=[MaxLengthValidator(10_000)])
    route = models.CharField(_("besluit"), max_length=20, choices=Route.choices)
    doorgeleid_aan = models.CharField(
        _("doorgeleid aan"), max_length=20, choices=Instantie.choices, blank=True
    )
    doorgeleid_aan_gemeente = models.ForeignKey(
        "regio.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("doorgeleid aan gemeente"),
    )
    lokale_wmo_taak = models.BooleanField(
        _("lokale Wmo-taak"),
        default=False,
        help_text=_(
            "Begeleiding, dagbesteding, huishoudelijke hulp en dergelijke (DVO BW/MO art. 5.1.a)."
        ),
    )
    reden = models.TextField(_("reden"), blank=True, validators=[MaxLengthValidator(10_000)])
    verzendwijze = models.CharField(
        _("wijze van doorgeleiden"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld: beveiligde e-mail, telefonisch, brief."),
    )
    dossier_nummer = models.CharField(
        _("bestaand dossier"),
        max_length=12,
        blank=True,
        help_text=_("Leeg laten om een nieuw dossier te laten openen."),
    )
    gewogen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    gewogen_op = models.DateTimeField(_("gewogen op"), default=timezone.now)

    class Meta:
        verbose_name = _("weging")
        verbose_name_plural = _("wegingen")

    def __str__(self) -> str:
        return f"{self.melding} – {self.get_route_display()}"


class Ontvanger(models.Model):
    """An authority a report can be forwarded to, with the address its forwarding mail
    goes to (reference data, kept by `beheer`): the IGJ, a municipality's team, the fraud
    information hub, another region. Only where ``mag_bsn`` is set does its page show a
    client's BSN."""

    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort instantie"), max_length=20, choices=Instantie.choices)
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ontvangers",
        verbose_name=_("gemeente (bij een lokale gemeente)"),
    )
    email = models.EmailField(_("e-mailadres"))
    mag_bsn = models.BooleanField(
        _("mag het BSN van cliënten zien"),
        default=False,
        help_text=_("Alleen waar de wet de ontvanger het BSN toestaat (bijv. een gemeente)."),
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("ontvanger van doorgeleide meldingen")
        verbose_name_plural = _("ontvangers van doorgeleide meldingen")
        ordering = ["soort", "naam"]

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        # A local municipality's recipient is found by its municipality; another
        # authority's by its kind alone (``meldpunt.doorgeleiding.find_recipient``).
        if self.soort == Instantie.GEMEENTE and self.gemeente_id is None:
            raise ValidationError({"gemeente": _("Kies de gemeente van deze ontvanger.")})
        if self.soort != Instantie.GEMEENTE and self.gemeente_id is not None:
            raise ValidationError(
                {"gemeente": _("Alleen een lokale gemeente als ontvanger heeft een gemeente.")}
            )


class Doorgeleiding(models.Model):
    """A forwarding: to whom, when, how, and what the receiving authority reported back.
    The named recipient gets a mail with an expiring link (``token_hash``: the SHA-256 of
    the link's token, which only the mail holds) to the report's shareable content, where
    it marks the report received and records its outcome."""

    class Uitkomst(models.TextChoices):
        ONBEKEND = "onbekend", _("nog niet bekend")
        IN_BEHANDELING = "in_behandeling", _("in behandeling bij ontvanger")
        AFGEROND = "afgerond", _("afgerond door ontvanger")
        NIET_OPGEPAKT = "niet_opgepakt", _("niet opgepakt")

    melding = models.OneToOneField(Melding, on_delete=models.CASCADE, related_name="doorgeleiding")
    aan = models.CharField(_("aan"), max_length=20, choices=Instantie.choices)
    gemeente = models.ForeignKey(
        "regio.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="doorgeleide_meldingen",
        verbose_name=_("gemeente"),
    )
    verzonden_op = models.DateTimeField(_("verzonden op"), default=timezone.now)
    wijze = models.CharField(_("wijze van verzenden"), max_length=100, blank=True)
    navragen_op = models.DateField(_("navragen op"))
    uitkomst = models.CharField(
        _("uitkomst"), max_length=20, choices=Uitkomst.choices, default=Uitkomst.ONBEKEND
    )
    uitkomst_toelichting = models.TextField(_("toelichting uitkomst"), blank=True)
    uitkomst_op = models.DateTimeField(_("uitkomst vastgelegd op"), null=True, blank=True)
    ontvanger_adres = models.ForeignKey(
        Ontvanger,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="doorgeleidingen",
        verbose_name=_("ontvanger"),
    )
    token_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    link_geldig_tot = models.DateTimeField(_("link geldig tot"), null=True, blank=True)
    ontvangen_op = models.DateTimeField(_("ontvangst bevestigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("doorgeleiding")
        verbose_name_plural = _("doorgeleidingen")

    def __str__(self) -> str:
        return f"{self.melding} -> {self.ontvanger}"

    @property
    def ontvanger(self) -> str:
        """To whom, in words: the authority, and which municipality."""
        if self.gemeente_id:
            return f"{self.get_aan_display()} ({self.gemeente.naam})"
        return str(self.get_aan_display())


class Bijlage(AbstractDocument):
    UPLOAD_FOLDER = "meldingen"

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="bijlagen")
    # Sent later by the reporter with a message on the report's page.
    bericht = models.ForeignKey(
        "MelderBericht",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bijlagen",
    )

    class Meta(AbstractDocument.Meta):
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")


class ReactieVerzoek(models.Model):
    """A question to the reporter, answered through a personal link (token), with a deadline."""

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="reactieverzoeken")
    vraag = models.TextField(_("vraag"), validators=[MaxLengthValidator(5_000)])
    token = models.CharField(max_length=64, unique=True)
    gevraagd_op = models.DateTimeField(_("gevraagd op"), default=timezone.now)
    gevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uiterlijk_op = models.DateTimeField(_("antwoord uiterlijk op"))
    antwoord = models.TextField(_("antwoord"), blank=True, validators=[MaxLengthValidator(20_000)])
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    class Meta:
        verbose_name = _("reactieverzoek")
        verbose_name_plural = _("reactieverzoeken")
        ordering = ["-gevraagd_op"]

    def __str__(self) -> str:
        return f"{self.melding} – {dates.datum(self.gevraagd_op)}"

    @property
    def is_open(self) -> bool:
        return self.beantwoord_op is None and timezone.now() < self.uiterlijk_op


class MelderBericht(models.Model):
    """A message between the Meldpunt and a reporter on the report's page: what the
    reporter added, what the Meldpunt wrote, and the notices of what happened (forwarded,
    taken into enforcement, closed). A reporter with an e-mail address is told that
    something waits, never what."""

    class Richting(models.TextChoices):
        AAN_MELDER = "aan_melder", _("aan de melder")
        VAN_MELDER = "van_melder", _("van de melder")

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="berichten")
    richting = models.CharField(_("richting"), max_length=12, choices=Richting.choices)
    tekst = models.TextField(_("bericht"), validators=[MaxLengthValidator(20_000)])
    op = models.DateTimeField(_("op"), default=timezone.now)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The status notice this is (its event), once per report and kind of notice.
    gebeurtenis = models.CharField(max_length=60, blank=True, default="")

    class Meta:
        verbose_name = _("bericht melder")
        verbose_name_plural = _("berichten melder")
        ordering = ["op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["melding", "gebeurtenis"],
                condition=~models.Q(gebeurtenis=""),
                name="een_statusbericht_per_gebeurtenis",
            )
        ]

    def __str__(self) -> str:
        return f"{self.melding} – {self.get_richting_display()} {dates.datum(self.op)}"
