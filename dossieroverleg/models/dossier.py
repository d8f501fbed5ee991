"""The enforcement dossier: its states, confidentiality, involved municipalities, status
history and the result type it is closed with.

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
from regio.records import AbstractStatusWijziging


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


def permission(codename: str):
    """A transition's permission: ``dossieroverleg.<codename>``; ``None`` (no user) is a
    step of the system."""
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
    # BW/MO: "niet uitgesloten dat ook andere belanghebbende regiogemeenten worden
    # betrokken" (DVO BW/MO art. 5.2): added by hand with a reason, kept through every
    # recomputation of the involvement.
    ook_betrokken = models.ManyToManyField(
        Gemeente,
        related_name="+",
        blank=True,
        verbose_name=_("ook betrokken (belanghebbende regiogemeenten)"),
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
        indexes = [
            models.Index(fields=["status", "prioriteit"]),
            # The list's order (urgent first, newest first): its first page from the index.
            models.Index(fields=["-prioriteit", "-geopend_op"], name="dossier_lijst_volgorde"),
            # The few secret dossiers (need to know: ``selectors.hidden_dossiers``) found
            # without reading the others.
            models.Index(
                fields=["id"],
                condition=models.Q(vertrouwelijkheid__in=AFGESCHERMD),
                name="dossier_afgeschermd",
            ),
        ]

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
        from .advies import Advies

        return self.adviezen.filter(status=Advies.Status.GOEDGEKEURD).exists()

    @transition(
        field=status,
        source=Status.GEOPEND,
        target=Status.IN_ONDERZOEK,
        permission=permission("behandelen_dossier"),
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
        permission=permission("agenderen_dossier"),
    )
    def agendeer(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.GEAGENDEERD,
        target=Status.IN_ONDERZOEK,
        permission=permission("agenderen_dossier"),
    )
    def van_agenda(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.GEAGENDEERD,
        target=Status.BESPROKEN,
        permission=permission("agenderen_dossier"),
    )
    def bespreek(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.BESPROKEN,
        target=Status.IN_ONDERZOEK,
        permission=permission("agenderen_dossier"),
    )
    def meer_onderzoek(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.BESPROKEN,
        target=Status.AFGESLOTEN,
        permission=permission("agenderen_dossier"),
    )
    def sluit_zonder_maatregel(self) -> None:
        self.afgesloten_op = timezone.now()
        self.resultaat = "geen_maatregel"
        self.zet_archief()

    @transition(
        field=status,
        source=Status.BESPROKEN,
        target=Status.ADVIES,
        permission=permission("agenderen_dossier"),
    )
    def bereid_advies_voor(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.ADVIES,
        target=Status.BESLUIT,
        conditions=[advies_goedgekeurd],
        permission=permission("besluit_vastleggen"),
    )
    def besluit_genomen(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.BESLUIT,
        target=Status.JURIDISCHE_OPVOLGING,
        permission=permission("behandelen_dossier"),
    )
    def start_juridische_opvolging(self) -> None:
        pass

    @transition(
        field=status,
        source=[Status.BESLUIT, Status.JURIDISCHE_OPVOLGING],
        target=Status.NAZORG,
        permission=permission("behandelen_dossier"),
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
        permission=permission("behandelen_dossier"),
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


class VerdelingAfspraak(models.Model):
    """The division of responsibilities agreed for a BW/MO case between the municipality
    that contracted the care (or granted the PGB) and the location's municipality, who are
    jointly responsible (DVO BW/MO art. 5.2: "per geval een evenwichtige en realistische
    verdeling van verantwoordelijkheden overeengekomen"). Each agreement is a row: the
    latest holds, the earlier ones are its history."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="verdelingen")
    tekst = models.TextField(_("afgesproken verdeling"), validators=[MaxLengthValidator(5_000)])
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("verdeling van verantwoordelijkheden")
        verbose_name_plural = _("verdelingen van verantwoordelijkheden")
        ordering = ["-op", "-id"]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.tekst[:40]}"


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
