"""The enforcement dossier, its investigation, the Dossieroverleg, advice and decision.

Dossier: ``geopend -> in_onderzoek -> geagendeerd -> besproken -> advies -> besluit ->
juridische_opvolging -> nazorg -> afgesloten``, with ``besproken -> in_onderzoek`` (more
research) and ``besproken -> afgesloten`` (no measure). DESIGN.md section 2.2;
Samenwerkingsovereenkomst art. 2 lid 2 sub f; DVO BW/MO art. 3.4 and 5.2.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from meldpunt.models import Melding
from regio.models import Contract, Domein, Gemeente, Vestiging, Zorgaanbieder
from regio.records import AbstractDocument, AbstractStatusWijziging
from termijnen.models import Termijn


class Status(models.TextChoices):
    GEOPEND = "geopend", _("geopend")
    IN_ONDERZOEK = "in_onderzoek", _("in onderzoek")
    GEAGENDEERD = "geagendeerd", _("geagendeerd")
    BESPROKEN = "besproken", _("besproken")
    ADVIES = "advies", _("advies")
    BESLUIT = "besluit", _("besluit")
    JURIDISCHE_OPVOLGING = "juridische_opvolging", _("juridische opvolging")
    NAZORG = "nazorg", _("nazorg")
    AFGESLOTEN = "afgesloten", _("afgesloten")


OPEN_STATUSSEN = [s for s in Status.values if s != Status.AFGESLOTEN]


class Vertrouwelijkheid(models.TextChoices):
    """Vertrouwelijkheidaanduiding as the ZGW standard names them."""

    OPENBAAR = "openbaar", _("openbaar")
    BEPERKT_OPENBAAR = "beperkt_openbaar", _("beperkt openbaar")
    INTERN = "intern", _("intern")
    ZAAKVERTROUWELIJK = "zaakvertrouwelijk", _("zaakvertrouwelijk")
    VERTROUWELIJK = "vertrouwelijk", _("vertrouwelijk")
    CONFIDENTIEEL = "confidentieel", _("confidentieel")
    GEHEIM = "geheim", _("geheim")
    ZEER_GEHEIM = "zeer_geheim", _("zeer geheim")


# At these levels only the assigned officers and the team leads see the content; an
# involved municipality sees only that a confidential dossier exists.
AFGESCHERMD = (Vertrouwelijkheid.GEHEIM, Vertrouwelijkheid.ZEER_GEHEIM)


class Prioriteit(models.TextChoices):
    NORMAAL = "normaal", _("normaal")
    URGENT = "urgent", _("urgent")


class Maatregel(models.TextChoices):
    WAARSCHUWING = "waarschuwing", _("waarschuwing")
    AANWIJZING = "aanwijzing", _("aanwijzing / verbetertraject")
    OPSCHORTING_BETALING = "opschorting_betaling", _("opschorting betaling")
    TERUGVORDERING = "terugvordering", _("terugvordering")
    INGEBREKESTELLING = "ingebrekestelling", _("ingebrekestelling")
    ONTBINDING = "ontbinding", _("ontbinding overeenkomst")
    LAST_ONDER_DWANGSOM = "last_onder_dwangsom", _("last onder dwangsom")
    AANGIFTE = "aangifte", _("aangifte")
    GEEN_MAATREGEL = "geen_maatregel", _("geen maatregel")


class Conclusie(models.TextChoices):
    MEER_ONDERZOEK = "meer_onderzoek", _("meer onderzoek")
    GEEN_MAATREGEL = "geen_maatregel", _("geen maatregel")
    ADVIES_VOORBEREIDEN = "advies_voorbereiden", _("advies voorbereiden")


def _perm(codename: str):
    return lambda instance, user: user is None or user.has_perm(f"dossieroverleg.{codename}")


class Dossier(models.Model):
    nummer = models.CharField(_("nummer"), max_length=12, unique=True)
    status = FSMField(_("status"), default=Status.GEOPEND, choices=Status.choices, protected=True)
    zorgaanbieder = models.ForeignKey(
        Zorgaanbieder,
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("zorgaanbieder"),
    )
    domein = models.CharField(_("domein"), max_length=10, choices=Domein.choices)
    meldingen = models.ManyToManyField(
        Melding, related_name="dossiers", blank=True, verbose_name=_("meldingen")
    )
    contracten = models.ManyToManyField(
        Contract, related_name="dossiers", blank=True, verbose_name=_("contracten")
    )
    vestigingen = models.ManyToManyField(
        Vestiging, related_name="dossiers", blank=True, verbose_name=_("vestigingen")
    )
    vestiging_gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente van de vestiging"),
    )
    verstrekkende_gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente die contracteerde of het pgb verstrekte"),
    )
    betrokken_gemeenten = models.ManyToManyField(
        Gemeente, related_name="dossiers", blank=True, verbose_name=_("betrokken gemeenten")
    )
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("behandelaar"),
    )
    prioriteit = models.CharField(
        _("prioriteit"),
        max_length=10,
        choices=Prioriteit.choices,
        default=Prioriteit.NORMAAL,
        db_index=True,
    )
    geopend_op = models.DateTimeField(_("geopend op"), default=timezone.now, db_index=True)
    afgesloten_op = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    resultaat = models.CharField(_("resultaat"), max_length=40, blank=True)
    vertrouwelijkheid = models.CharField(
        _("vertrouwelijkheid"),
        max_length=20,
        choices=Vertrouwelijkheid.choices,
        default=Vertrouwelijkheid.ZAAKVERTROUWELIJK,
    )
    medebehandelaars = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="medebehandelde_dossiers",
        verbose_name=_("toegewezen medewerkers"),
    )
    archiefnominatie = models.CharField(_("archiefnominatie"), max_length=20, blank=True)
    archiefactiedatum = models.DateField(
        _("archiefactiedatum"), null=True, blank=True, db_index=True
    )
    geanonimiseerd_op = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    # The case officer says the investigation is done; only then can it go on the agenda.
    onderzoek_afgerond_op = models.DateTimeField(_("onderzoek afgerond op"), null=True, blank=True)
    onderzoek_samenvatting = models.TextField(_("samenvatting van het onderzoek"), blank=True)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-geopend_op"]
        permissions = [
            ("behandelen_dossier", _("Mag dossiers onderzoeken en adviezen opstellen")),
            ("agenderen_dossier", _("Mag het dossieroverleg plannen en agenderen")),
            ("goedkeuren_advies", _("Mag adviezen goedkeuren (tweede paar ogen)")),
            ("besluit_vastleggen", _("Mag besluiten van het college vastleggen")),
        ]
        indexes = [models.Index(fields=["status", "prioriteit"])]

    def __str__(self) -> str:
        return self.nummer

    @property
    def is_urgent(self) -> bool:
        return self.prioriteit == Prioriteit.URGENT

    def heeft_bevindingen(self) -> bool:
        return self.activiteiten.exclude(bevindingen="").exists()

    def onderzoek_afgerond(self) -> bool:
        return self.onderzoek_afgerond_op is not None

    def advies_goedgekeurd(self) -> bool:
        return self.adviezen.filter(status=Advies.Status.GOEDGEKEURD).exists()

    @transition(
        field=status,
        source=Status.GEOPEND,
        target=Status.IN_ONDERZOEK,
        permission=_perm("behandelen_dossier"),
    )
    def start_onderzoek(self) -> None:
        pass

    # A dossier goes to the meeting only with at least one finding, once its case officer
    # has finished the investigation.
    @transition(
        field=status,
        source=Status.IN_ONDERZOEK,
        target=Status.GEAGENDEERD,
        conditions=[heeft_bevindingen, onderzoek_afgerond],
        permission=_perm("agenderen_dossier"),
    )
    def agendeer(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.GEAGENDEERD,
        target=Status.IN_ONDERZOEK,
        permission=_perm("agenderen_dossier"),
    )
    def van_agenda(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.GEAGENDEERD,
        target=Status.BESPROKEN,
        permission=_perm("agenderen_dossier"),
    )
    def bespreek(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.BESPROKEN,
        target=Status.IN_ONDERZOEK,
        permission=_perm("agenderen_dossier"),
    )
    def meer_onderzoek(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.BESPROKEN,
        target=Status.AFGESLOTEN,
        permission=_perm("agenderen_dossier"),
    )
    def sluit_zonder_maatregel(self) -> None:
        self.afgesloten_op = timezone.now()
        self.resultaat = "geen_maatregel"
        self.zet_archief()

    @transition(
        field=status,
        source=Status.BESPROKEN,
        target=Status.ADVIES,
        permission=_perm("agenderen_dossier"),
    )
    def bereid_advies_voor(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.ADVIES,
        target=Status.BESLUIT,
        conditions=[advies_goedgekeurd],
        permission=_perm("besluit_vastleggen"),
    )
    def besluit_genomen(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.BESLUIT,
        target=Status.JURIDISCHE_OPVOLGING,
        permission=_perm("behandelen_dossier"),
    )
    def start_juridische_opvolging(self) -> None:
        pass

    @transition(
        field=status,
        source=[Status.BESLUIT, Status.JURIDISCHE_OPVOLGING],
        target=Status.NAZORG,
        permission=_perm("behandelen_dossier"),
    )
    def start_nazorg(self) -> None:
        pass

    def geen_lopend_traject(self) -> bool:
        # The legal follow-up (app juridisch) hangs its trajectories on the dossier.
        return not self.trajecten.exclude(fase="afgerond").exists()

    def geen_open_termijn(self) -> bool:
        return not self.termijnen.exclude(status="afgerond").exists()

    @transition(
        field=status,
        source=[Status.BESLUIT, Status.JURIDISCHE_OPVOLGING, Status.NAZORG],
        target=Status.AFGESLOTEN,
        conditions=[geen_lopend_traject, geen_open_termijn],
        permission=_perm("behandelen_dossier"),
    )
    def sluit(self) -> None:
        self.afgesloten_op = timezone.now()
        self.zet_archief()

    def zet_archief(self) -> None:
        """The archive nomination and action date from the result type (selectielijst)."""
        from dateutil.relativedelta import relativedelta

        resultaattype = Resultaattype.objects.filter(code=self.resultaat).first()
        if resultaattype is None:
            return
        self.archiefnominatie = resultaattype.archiefnominatie
        if resultaattype.bewaartermijn_jaren is not None:
            closed = timezone.localdate(self.afgesloten_op)
            self.archiefactiedatum = closed + relativedelta(years=resultaattype.bewaartermijn_jaren)

    @property
    def is_afgeschermd(self) -> bool:
        return self.vertrouwelijkheid in AFGESCHERMD


class StatusWijziging(AbstractStatusWijziging):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="historie")
    van = models.CharField(_("van"), max_length=25, choices=Status.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=25, choices=Status.choices)

    class Meta(AbstractStatusWijziging.Meta):
        verbose_name = _("statuswijziging dossier")
        verbose_name_plural = _("statuswijzigingen dossier")


class BetrokkenheidWijziging(models.Model):
    """A visible record of each change in the involved municipalities, and why."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="betrokkenheid_wijzigingen"
    )
    op = models.DateTimeField(_("op"), default=timezone.now)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    toegevoegd = models.JSONField(_("toegevoegd"), default=list)
    verwijderd = models.JSONField(_("verwijderd"), default=list)
    reden = models.TextField(_("reden"), blank=True)

    class Meta:
        verbose_name = _("wijziging betrokken gemeenten")
        verbose_name_plural = _("wijzigingen betrokken gemeenten")
        ordering = ["op", "id"]

    def __str__(self) -> str:
        return f"{self.dossier}: +{self.toegevoegd} -{self.verwijderd}"


class Onderzoeksactiviteit(models.Model):
    class Soort(models.TextChoices):
        DOSSIERONDERZOEK = "dossieronderzoek", _("dossieronderzoek")
        GESPREK = "gesprek", _("gesprek")
        AANGEKONDIGD_BEZOEK = "aangekondigd_bezoek", _("aangekondigd bezoek")
        ONAANGEKONDIGD_BEZOEK = "onaangekondigd_bezoek", _("onaangekondigd bezoek")
        DATA_ANALYSE = "data_analyse", _("data-analyse")
        VERZOEK_GGD = "verzoek_ggd", _("verzoek aan GGD Wmo-toezicht")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="activiteiten")
    soort = models.CharField(_("soort"), max_length=25, choices=Soort.choices)
    datum = models.DateField(_("datum"))
    uitgevoerd_door = models.CharField(_("uitgevoerd door"), max_length=200)
    bevindingen = models.TextField(
        _("bevindingen"), blank=True, validators=[MaxLengthValidator(20_000)]
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("onderzoeksactiviteit")
        verbose_name_plural = _("onderzoeksactiviteiten")
        ordering = ["datum", "id"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.datum:%d-%m-%Y}"


class Document(AbstractDocument):
    """An attachment of a dossier (to an activity or the dossier itself)."""

    UPLOAD_FOLDER = "dossiers"

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documenten")
    activiteit = models.ForeignKey(
        Onderzoeksactiviteit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documenten",
    )
    # Referred to by name: the legal follow-up builds on the dossier, not the other way round.
    stap = models.ForeignKey(
        "juridisch.TrajectStap",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documenten",
    )

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")


class Overleg(models.Model):
    """A meeting of the Dossieroverleg Regionale Handhaving."""

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("gepland")
        AGENDA_VASTGESTELD = "agenda_vastgesteld", _("agenda vastgesteld")
        GEHOUDEN = "gehouden", _("gehouden")
        VERSLAG_VASTGESTELD = "verslag_vastgesteld", _("verslag vastgesteld")

    datum = models.DateTimeField(_("datum en tijd"))
    locatie = models.CharField(_("locatie"), max_length=200, blank=True)
    voorzitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("voorzitter"),
    )
    secretaris = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("secretaris"),
    )
    status = FSMField(_("status"), default=Status.GEPLAND, choices=Status.choices, protected=True)

    class Meta:
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")
        ordering = ["-datum"]

    def __str__(self) -> str:
        return _("Dossieroverleg %(datum)s") % {
            "datum": timezone.localtime(self.datum).strftime("%d-%m-%Y")
        }

    def heeft_agenda(self) -> bool:
        return self.agendapunten.exists()

    def alle_conclusies(self) -> bool:
        return not self.agendapunten.filter(conclusie="").exists()

    def is_begonnen(self) -> bool:
        """The planned day has come: a meeting cannot have been held before it."""
        return timezone.localdate(self.datum) <= timezone.localdate()

    @transition(
        field=status,
        source=Status.GEPLAND,
        target=Status.AGENDA_VASTGESTELD,
        conditions=[heeft_agenda],
        permission=_perm("agenderen_dossier"),
    )
    def stel_agenda_vast(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.AGENDA_VASTGESTELD,
        target=Status.GEHOUDEN,
        conditions=[is_begonnen],
        permission=_perm("agenderen_dossier"),
    )
    def houd(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.GEHOUDEN,
        target=Status.VERSLAG_VASTGESTELD,
        conditions=[alle_conclusies],
        permission=_perm("agenderen_dossier"),
    )
    def stel_verslag_vast(self) -> None:
        pass


class Deelnemer(models.Model):
    class Discipline(models.TextChoices):
        CONTRACTMANAGEMENT = "contractmanagement", _("contractmanagement")
        JURIDISCH = "juridisch", _("juridisch")
        WMO_TOEZICHT = "wmo_toezicht", _("Wmo-toezicht")
        BELEID = "beleid", _("beleid")
        INTAKE = "intake", _("intake (meldpunt)")
        GEMEENTE = "gemeente", _("gemeente")

    overleg = models.ForeignKey(Overleg, on_delete=models.CASCADE, related_name="deelnemers")
    naam = models.CharField(_("naam"), max_length=200)
    discipline = models.CharField(_("discipline"), max_length=25, choices=Discipline.choices)
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")

    def __str__(self) -> str:
        return f"{self.naam} ({self.get_discipline_display()})"


class Agendapunt(models.Model):
    overleg = models.ForeignKey(Overleg, on_delete=models.CASCADE, related_name="agendapunten")
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="agendapunten")
    volgorde = models.PositiveIntegerField(_("volgorde"), default=0)
    conclusie = models.CharField(
        _("conclusie"), max_length=25, choices=Conclusie.choices, blank=True
    )
    voorgestelde_maatregelen = models.JSONField(
        _("voorgestelde maatregelen"), default=list, blank=True
    )
    toelichting = models.TextField(
        _("toelichting"), blank=True, validators=[MaxLengthValidator(10_000)]
    )

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["volgorde", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["overleg", "dossier"], name="dossier_eenmaal_per_overleg"
            )
        ]

    def __str__(self) -> str:
        return f"{self.overleg}: {self.dossier}"

    def maatregelen_display(self) -> list[str]:
        labels = dict(Maatregel.choices)
        return [str(labels.get(m, m)) for m in self.voorgestelde_maatregelen]


class Advies(models.Model):
    """Advice to the college of Nijmegen; approved by a team lead who is not its author."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("concept")
        TER_GOEDKEURING = "ter_goedkeuring", _("ter goedkeuring")
        GOEDGEKEURD = "goedgekeurd", _("goedgekeurd")
        AFGEWEZEN = "afgewezen", _("afgewezen")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="adviezen")
    maatregelen = models.JSONField(_("voorgestelde maatregelen"), default=list)
    motivering = models.TextField(_("motivering"), validators=[MaxLengthValidator(50_000)])
    juridische_grondslag = models.TextField(
        _("juridische grondslag"), validators=[MaxLengthValidator(10_000)]
    )
    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opgesteld door"),
    )
    opgesteld_op = models.DateTimeField(_("opgesteld op"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.TER_GOEDKEURING
    )
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    beoordeling = models.TextField(_("toelichting beoordeling"), blank=True)

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        ordering = ["opgesteld_op", "id"]
        constraints = [
            # Second pair of eyes (DESIGN 2.2): never approved by its own author.
            models.CheckConstraint(
                condition=~models.Q(beoordeeld_door=models.F("opgesteld_door")),
                name="advies_niet_door_eigen_auteur_beoordeeld",
            )
        ]

    def __str__(self) -> str:
        return _("Advies %(dossier)s") % {"dossier": self.dossier}

    def maatregelen_display(self) -> list[str]:
        labels = dict(Maatregel.choices)
        return [str(labels.get(m, m)) for m in self.maatregelen]


class Besluit(models.Model):
    """The decision of the college (under mandate; Samenwerkingsovereenkomst art. 3)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="besluit")
    datum = models.DateField(_("datum besluit"))
    maatregelen = models.JSONField(_("genomen maatregelen"), default=list)
    bekendmaking_op = models.DateField(_("bekendgemaakt aan de zorgaanbieder op"))
    toelichting = models.TextField(_("toelichting"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")

    def __str__(self) -> str:
        return _("Besluit %(dossier)s") % {"dossier": self.dossier}

    def maatregelen_display(self) -> list[str]:
        labels = dict(Maatregel.choices)
        return [str(labels.get(m, m)) for m in self.maatregelen]


class Inzet(models.Model):
    """Enforcement costs recorded per dossier (hours and/or amounts), for cost sharing."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="inzet")
    datum = models.DateField(_("datum"))
    uren = models.DecimalField(_("uren"), max_digits=7, decimal_places=2, default=0)
    bedrag = models.DecimalField(_("bedrag (EUR)"), max_digits=12, decimal_places=2, default=0)
    omschrijving = models.CharField(_("omschrijving"), max_length=200)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("inzet")
        verbose_name_plural = _("inzet (kosten)")
        ordering = ["datum", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(uren__gte=0) & models.Q(bedrag__gte=0),
                name="inzet_niet_negatief",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier} {self.datum}: {self.uren} u, EUR {self.bedrag}"


# Aftercare, extra work and escalation (DESIGN 2.2; seed 000 art. 2.2.f and 5; seed 002
# art. 5.2; seed 003). Their deadlines are terms (termijnen.models.Termijn); the legal
# follow-up is the app `juridisch`.


class NazorgVerzoek(models.Model):
    """Continuity of care (DVO BW/MO art. 5.2): the municipality that contracted the care
    or granted the pgb arranges alternative care for the clients."""

    class Reden(models.TextChoices):
        ONTBINDING = "ontbinding", _("overeenkomst ontbonden")
        ZORG_GESTOPT = "zorg_gestopt", _("zorg gestopt")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="nazorg")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    reden = models.CharField(_("reden"), max_length=15, choices=Reden.choices)
    termijn = models.OneToOneField(Termijn, on_delete=models.PROTECT, related_name="nazorg")
    gevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    gevraagd_op = models.DateTimeField(default=timezone.now)
    geregeld_op = models.DateTimeField(_("geregeld op"), null=True, blank=True)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aantal_clienten = models.PositiveIntegerField(_("aantal cliënten"), null=True, blank=True)
    toelichting = models.TextField(
        _("toelichting"), blank=True, validators=[MaxLengthValidator(5_000)]
    )

    class Meta:
        verbose_name = _("nazorgverzoek")
        verbose_name_plural = _("nazorgverzoeken")
        ordering = ["gevraagd_op", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "gemeente", "reden"], name="nazorg_eenmaal_per_gemeente"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.gemeente}"


class Verbeterplan(models.Model):
    """An improvement plan of the provider, monitored until a re-inspection."""

    class Uitkomst(models.TextChoices):
        VOLDAAN = "voldaan", _("voldaan")
        NIET_VOLDAAN = "niet_voldaan", _("niet voldaan")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="verbeterplannen")
    ontvangen_op = models.DateField(_("ontvangen op"))
    omschrijving = models.TextField(_("omschrijving"), validators=[MaxLengthValidator(10_000)])
    herinspectie = models.OneToOneField(Termijn, on_delete=models.PROTECT, related_name="+")
    uitkomst = models.CharField(_("uitkomst"), max_length=15, choices=Uitkomst.choices, blank=True)
    geinspecteerd_op = models.DateField(_("geïnspecteerd op"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("verbeterplan")
        verbose_name_plural = _("verbeterplannen")
        ordering = ["ontvangen_op", "id"]

    def __str__(self) -> str:
        return _("Verbeterplan %(dossier)s") % {"dossier": self.dossier}


class MeerwerkVerzoek(models.Model):
    """Extra work (seed 000 art. 5): every member municipality is asked, in parallel, for
    an administrative position."""

    class Uitkomst(models.TextChoices):
        AKKOORD = "akkoord", _("akkoord")
        AFGEWEZEN = "afgewezen", _("afgewezen")
        GEEN_ANTWOORD = "geen_antwoord", _("geen antwoord")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="meerwerk")
    omschrijving = models.TextField(_("gevraagd meerwerk"), validators=[MaxLengthValidator(5_000)])
    uren = models.DecimalField(_("uren"), max_digits=7, decimal_places=2, default=0)
    bedrag = models.DecimalField(_("bedrag (EUR)"), max_digits=12, decimal_places=2, default=0)
    termijn = models.OneToOneField(Termijn, on_delete=models.PROTECT, related_name="meerwerk")
    gevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    gevraagd_op = models.DateTimeField(default=timezone.now)
    uitkomst = models.CharField(_("uitkomst"), max_length=15, choices=Uitkomst.choices, blank=True)
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    class Meta:
        verbose_name = _("meerwerkverzoek")
        verbose_name_plural = _("meerwerkverzoeken")
        ordering = ["gevraagd_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(uren__gte=0) & models.Q(bedrag__gte=0),
                name="meerwerk_niet_negatief",
            )
        ]

    def __str__(self) -> str:
        return _("Meerwerk %(dossier)s") % {"dossier": self.dossier}


class MeerwerkStandpunt(models.Model):
    class Standpunt(models.TextChoices):
        AKKOORD = "akkoord", _("akkoord")
        AFGEWEZEN = "afgewezen", _("niet akkoord")
        GEEN_ANTWOORD = "geen_antwoord", _("geen antwoord voor de termijn")

    verzoek = models.ForeignKey(
        MeerwerkVerzoek, on_delete=models.CASCADE, related_name="standpunten"
    )
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    standpunt = models.CharField(
        _("standpunt"), max_length=15, choices=Standpunt.choices, blank=True
    )
    toelichting = models.TextField(
        _("toelichting"), blank=True, validators=[MaxLengthValidator(5_000)]
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    op = models.DateTimeField(_("op"), null=True, blank=True)

    class Meta:
        verbose_name = _("standpunt meerwerk")
        verbose_name_plural = _("standpunten meerwerk")
        ordering = ["gemeente__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["verzoek", "gemeente"], name="standpunt_eenmaal_per_gemeente"
            )
        ]

    def __str__(self) -> str:
        return f"{self.verzoek}: {self.gemeente} {self.standpunt or '…'}"


class Escalatie(models.Model):
    """Youth cases escalated to the Nijmegen alderman together with the alderman of the
    youth's home municipality (bestuurlijk escalatiepunt, seed 003)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="escalaties")
    woongemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("woongemeente van de jeugdige"),
    )
    vraag = models.TextField(_("vraag"), validators=[MaxLengthValidator(5_000)])
    gevraagd_op = models.DateField(_("voorgelegd op"))
    gevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    antwoord = models.TextField(_("antwoord"), blank=True, validators=[MaxLengthValidator(5_000)])
    beantwoord_op = models.DateField(_("beantwoord op"), null=True, blank=True)
    antwoord_vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("escalatie")
        verbose_name_plural = _("escalaties")
        ordering = ["gevraagd_op", "id"]

    def __str__(self) -> str:
        return _("Escalatie %(dossier)s") % {"dossier": self.dossier}


class Resultaattype(models.Model):
    """How a dossier ended; it later decides the archive action (selectielijst)."""

    class Archiefnominatie(models.TextChoices):
        BLIJVEND_BEWAREN = "blijvend_bewaren", _("blijvend bewaren")
        VERNIETIGEN = "vernietigen", _("vernietigen")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=200)
    archiefnominatie = models.CharField(
        _("archiefnominatie"), max_length=20, choices=Archiefnominatie.choices
    )
    bewaartermijn_jaren = models.PositiveSmallIntegerField(
        _("bewaartermijn (jaren)"), null=True, blank=True
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("resultaattype")
        verbose_name_plural = _("resultaattypen")
        ordering = ["omschrijving"]

    def __str__(self) -> str:
        return self.omschrijving
