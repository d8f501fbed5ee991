"""The audit trail, data-subject requests, data breaches and destruction (DESIGN 4;
seed 000 Bijlage 1; seed 002 art. 9 and Bijlage B)."""

import pgtrigger
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regio import dates
from regio.audit import Actie
from termijnen.deadlines import breach_notice_due


class AuditRegel(models.Model):
    """One read, change, export or download. Append-only: on PostgreSQL a trigger refuses
    every UPDATE and DELETE. No personal data of natural persons in any column."""

    op = models.DateTimeField(_("op"), default=timezone.now, db_index=True)
    gebruiker_id = models.IntegerField(_("gebruiker-id"), null=True, blank=True, db_index=True)
    gebruikersnaam = models.CharField(_("gebruiker"), max_length=150, blank=True, db_index=True)
    actie = models.CharField(_("actie"), max_length=15, choices=Actie.choices)
    object_type = models.CharField(_("soort object"), max_length=60, blank=True)
    object_id = models.CharField(_("object-id"), max_length=40, blank=True)
    nummer = models.CharField(_("nummer"), max_length=40, blank=True, db_index=True)
    velden = models.JSONField(_("velden"), default=list, blank=True)
    ip = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    pad = models.CharField(_("pagina"), max_length=300, blank=True)
    toelichting = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-op", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        triggers = [
            pgtrigger.Protect(
                name="auditlog_alleen_toevoegen",
                operation=pgtrigger.Update | pgtrigger.Delete,
            )
        ]

    def __str__(self) -> str:
        return f"{self.op:%Y-%m-%d %H:%M} {self.gebruikersnaam} {self.actie} {self.nummer}"


class BetrokkeneVerzoek(models.Model):
    """A request of a data subject (AVG art. 15-18, 21), recorded without the person's
    identifying data: the reference is the organisation's own (e.g. a mail number), the
    person's reports and client rows are linked, not copied.

    Inspection and correction are done when they are recorded. Erasure, restriction and
    objection are recorded first and decided later (granted, or refused with the legal
    reason), so that the municipalities concerned, told of the request at once, can
    contribute (seed 000 Bijlage 1 art. 5.1)."""

    class Soort(models.TextChoices):
        INZAGE = "inzage", _("inzage")
        CORRECTIE = "correctie", _("correctie")
        VERWIJDERING = "verwijdering", _("verwijdering")
        BEPERKING = "beperking", _("beperking van de verwerking")
        BEZWAAR = "bezwaar", _("bezwaar tegen de verwerking")

    class Besluit(models.TextChoices):
        TOEGEWEZEN = "toegewezen", _("toegewezen")
        AFGEWEZEN = "afgewezen", _("afgewezen")

    # The article of the AVG each kind of request rests on.
    ARTIKEL = {
        Soort.INZAGE: "15",
        Soort.CORRECTIE: "16",
        Soort.VERWIJDERING: "17",
        Soort.BEPERKING: "18",
        Soort.BEZWAAR: "21",
    }
    # Recorded first, decided later.
    TE_BESLISSEN = (Soort.VERWIJDERING, Soort.BEPERKING, Soort.BEZWAAR)

    soort = models.CharField(_("soort"), max_length=12, choices=Soort.choices)
    kenmerk = models.CharField(_("kenmerk van het verzoek"), max_length=100)
    ontvangen_op = models.DateField(_("ontvangen op"))
    behandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    behandeld_op = models.DateTimeField(default=timezone.now)
    gevonden = models.JSONField(_("gevonden in"), default=list)
    toelichting = models.TextField(
        _("toelichting"), blank=True, validators=[MaxLengthValidator(2_000)]
    )
    clienten = models.ManyToManyField(
        "meldpunt.Client", blank=True, related_name="+", verbose_name=_("als cliënt in")
    )
    als_melder = models.ManyToManyField(
        "meldpunt.Melding", blank=True, related_name="+", verbose_name=_("als melder van")
    )
    besluit = models.CharField(_("besluit"), max_length=10, choices=Besluit.choices, blank=True)
    reden = models.TextField(
        _("motivering van het besluit"), blank=True, validators=[MaxLengthValidator(2_000)]
    )
    uitkomst = models.JSONField(_("wat er is gedaan of bewaard"), default=list, blank=True)
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("verzoek van een betrokkene")
        verbose_name_plural = _("verzoeken van betrokkenen")
        ordering = ["-behandeld_op"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.kenmerk}"

    @property
    def nummer(self) -> str:
        return f"AVG-{self.ontvangen_op:%Y}-{self.pk:04d}"

    @property
    def artikel(self) -> str:
        return self.ARTIKEL[self.soort]

    @property
    def is_open(self) -> bool:
        return not self.besluit


class Beperking(models.Model):
    """The processing of a client's data is restricted (AVG art. 18, or after a granted
    objection, art. 21 lid 1): the data are kept, every page marks them "beperkt", and
    only the privacy officer still sees them (``privacy.access.may_see_restricted``)."""

    client = models.OneToOneField("meldpunt.Client", on_delete=models.CASCADE, related_name="+")
    verzoek = models.ForeignKey(
        BetrokkeneVerzoek, on_delete=models.PROTECT, related_name="beperkingen"
    )
    sinds = models.DateTimeField(_("beperkt sinds"), default=timezone.now)

    class Meta:
        verbose_name = _("beperking van de verwerking")
        verbose_name_plural = _("beperkingen van de verwerking")

    def __str__(self) -> str:
        return f"{self.verzoek.nummer}: {self.client_id}"


class Datalek(models.Model):
    """A personal-data breach touching cases: the municipalities concerned are told
    within 24 hours (DVO BW/MO Bijlage B 4.2)."""

    omschrijving = models.TextField(_("wat is er gebeurd"), validators=[MaxLengthValidator(5_000)])
    ontdekt_op = models.DateTimeField(_("ontdekt op"))
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), default=timezone.now)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dossiers = models.ManyToManyField(
        "dossieroverleg.Dossier", blank=True, related_name="+", verbose_name=_("dossiers")
    )
    meldingen = models.ManyToManyField(
        "meldpunt.Melding", blank=True, related_name="+", verbose_name=_("meldingen")
    )
    gemeenten = models.JSONField(_("geïnformeerde gemeenten"), default=list)
    maatregelen = models.TextField(_("genomen maatregelen"), blank=True)
    gemeld_aan_ap = models.BooleanField(
        _("gemeld aan de Autoriteit Persoonsgegevens"), default=False
    )
    # Watched until the municipalities were told: done when each got the breach mail, or
    # when the officer records that they were told otherwise (privacy.services).
    termijn = models.OneToOneField(
        "termijnen.Termijn",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("termijn gemeenten informeren"),
    )

    class Meta:
        verbose_name = _("datalek")
        verbose_name_plural = _("datalekkenregister")
        ordering = ["-ontdekt_op"]

    def __str__(self) -> str:
        return _("Datalek %(op)s") % {"op": f"{dates.datum(self.ontdekt_op)}"}

    @property
    def nummer(self) -> str:
        return f"DL-{self.ontdekt_op:%Y}-{self.pk:04d}"

    @property
    def melden_voor(self):
        return breach_notice_due(self.ontdekt_op)


class Vernietigingslijst(models.Model):
    """A batch of closed dossiers whose archive term ended: reviewed, approved by
    `privacy`, destroyed, with a statement (verklaring van vernietiging)."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("ter beoordeling")
        VERNIETIGD = "vernietigd", _("vernietigd")
        AFGEWEZEN = "afgewezen", _("niet vernietigd")

    aangemaakt_op = models.DateTimeField(default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.CONCEPT
    )
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    vernietigd_op = models.DateTimeField(null=True, blank=True)
    onderwerp = models.CharField(_("onderwerp"), max_length=200, default="")
    verklaring = models.FileField(upload_to="verklaringen/", blank=True)

    class Meta:
        verbose_name = _("vernietigingslijst")
        verbose_name_plural = _("vernietigingslijsten")
        ordering = ["-aangemaakt_op"]
        permissions = [
            (
                "uittreding_vernietigingslijst",
                _("Mag de gegevens van een uittredende gemeente exporteren en verwijderen"),
            )
        ]

    def __str__(self) -> str:
        return _("Vernietigingslijst %(op)s") % {"op": f"{dates.datum(self.aangemaakt_op)}"}


class VernietigingsItem(models.Model):
    """What was (to be) destroyed, kept after the destruction: no personal data."""

    lijst = models.ForeignKey(Vernietigingslijst, on_delete=models.CASCADE, related_name="items")
    soort = models.CharField(_("soort"), max_length=20)
    object_id = models.IntegerField(_("object-id"))
    nummer = models.CharField(_("nummer"), max_length=40)
    omschrijving = models.CharField(_("omschrijving"), max_length=300)
    resultaat = models.CharField(_("resultaat"), max_length=200, blank=True)
    afgesloten_op = models.DateField(_("afgesloten op"), null=True, blank=True)
    archiefactiedatum = models.DateField(_("archiefactiedatum"), null=True, blank=True)

    class Meta:
        verbose_name = _("te vernietigen object")
        verbose_name_plural = _("te vernietigen objecten")
        ordering = ["nummer"]

    def __str__(self) -> str:
        return self.nummer


class Overbrenging(models.Model):
    """A closed dossier whose result type says "blijvend bewaren", transferred for
    permanent keeping when its archive action date came (Archiefwet 1995 art. 12; DVO
    BW/MO art. 9 lid 3 and 5): the dossier in the exit format (a ZIP with data.json after
    the published schema, its documents, a manifest and SHA256SUMS), stored here for the
    designated archive. The dossier is kept as it was, marked transferred by this record,
    and never destroyed."""

    dossier = models.OneToOneField(
        "dossieroverleg.Dossier",
        on_delete=models.PROTECT,
        related_name="overbrenging",
        verbose_name=_("dossier"),
    )
    nummer = models.CharField(_("nummer"), max_length=40)
    overgebracht_op = models.DateTimeField(_("overgebracht op"), default=timezone.now)
    overgebracht_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    archief = models.FileField(_("overdrachtsbestand"), upload_to="overbrengingen/")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    bestanden = models.PositiveIntegerField(_("aantal bestanden"), default=0)

    class Meta:
        verbose_name = _("overbrenging")
        verbose_name_plural = _("overbrengingen")
        ordering = ["-overgebracht_op"]

    def __str__(self) -> str:
        return _("Overbrenging %(nummer)s") % {"nummer": self.nummer}
