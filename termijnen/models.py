"""Deadlines someone must meet, with their suspensions and their history.

Every deadline of a dossier is a :class:`Termijn`: a statutory term of a legal step (Awb,
counted by the Algemene termijnenwet in :mod:`termijnen.deadlines`), or a date set for a
municipality (aftercare, extra work) or for a re-inspection. One kind lives outside a
dossier: telling the municipalities of a data breach within 24 hours (DVO BW/MO Bijlage B
4.2), which may concern reports only and is counted in hours. The tables keep the names
they had when the terms lived in the dossier app.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from regio import dates
from regio.models import Gemeente

from .deadlines import term_end


class Termijn(models.Model):
    """A deadline someone must meet: a statutory term of a legal step, or a date set for a
    municipality (aftercare, extra work) or for a re-inspection.

    A sweep (:mod:`termijnen.bewaking`) watches each one: a reminder to the owner some
    working days before, an escalation to the team leads when it passed.
    """

    class Soort(models.TextChoices):
        ZIENSWIJZE = "zienswijze", _("zienswijze op het voornemen")
        BEZWAARTERMIJN = "bezwaartermijn", _("bezwaartermijn")
        BESLISTERMIJN_BEZWAAR = "beslistermijn_bezwaar", _("beslissen op bezwaar")
        BEROEPSTERMIJN = "beroepstermijn", _("beroepstermijn")
        PROCESTERMIJN = "procestermijn", _("termijn van de rechter")
        INGEBREKESTELLING = "ingebrekestelling", _("termijn ingebrekestelling")
        BETALING = "betaling", _("betalingstermijn terugvordering")
        NAZORG = "nazorg", _("alternatieve zorg regelen")
        HERINSPECTIE = "herinspectie", _("herinspectie verbeterplan")
        MEERWERK = "meerwerk", _("bestuurlijk standpunt meerwerk")
        DATALEK = "datalek", _("datalek melden aan de gemeenten")
        ESCALATIE = "escalatie", _("antwoord van de wethouders (bestuurlijke escalatie)")
        BEGUNSTIGING = "begunstiging", _("begunstigingstermijn van de last")
        VERJARING = "verjaring", _("verjaring van de invordering (Awb 5:35)")

    class Status(models.TextChoices):
        LOPEND = "lopend", _("lopend")
        OPGESCHORT = "opgeschort", _("opgeschort")
        AFGEROND = "afgerond", _("afgerond")

    # Referred to by name: the dossier app builds on this one, not the other way round.
    # Empty only for a data breach's term (see Meta.constraints): a breach may touch
    # reports that have no dossier, and its term is the privacy officer's, not a case's.
    dossier = models.ForeignKey(
        "dossieroverleg.Dossier",
        on_delete=models.CASCADE,
        related_name="termijnen",
        null=True,
        blank=True,
    )
    soort = models.CharField(_("soort"), max_length=25, choices=Soort.choices)
    omschrijving = models.CharField(_("omschrijving"), max_length=200)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="termijnen",
        verbose_name=_("eigenaar"),
    )
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="termijnen",
        verbose_name=_("gemeente die moet handelen"),
    )
    start = models.DateField(_("start (de termijn loopt vanaf de dag erna)"))
    dagen = models.PositiveSmallIntegerField(_("dagen"), default=0)
    weken = models.PositiveSmallIntegerField(_("weken"), default=0)
    maanden = models.PositiveSmallIntegerField(_("maanden"), default=0)
    verlenging_weken = models.PositiveSmallIntegerField(_("verdaagd met (weken)"), default=0)
    verlenging_reden = models.TextField(_("reden verdaging"), blank=True)
    opgeschort_dagen = models.PositiveIntegerField(_("opgeschorte dagen"), default=0)
    uiterlijk_kalender = models.DateField(_("einde volgens de kalender"))
    uiterlijk = models.DateField(_("uiterlijk"), db_index=True)
    # A term counted in hours (a data breach: 24 hours from its discovery) ends at a moment,
    # not at the end of a day; ``uiterlijk`` is then that moment's day.
    uiterlijk_om = models.DateTimeField(_("uiterlijk om"), null=True, blank=True)
    verschoven_wegens = models.CharField(_("verschoven wegens"), max_length=40, blank=True)
    status = FSMField(_("status"), default=Status.LOPEND, choices=Status.choices, protected=True)
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    # The due date a reminder / escalation was sent for: once per due date, and again when
    # the date moves (a suspension or an extension).
    herinnerd_voor = models.DateField(null=True, blank=True, editable=False)
    geescaleerd_voor = models.DateField(null=True, blank=True, editable=False)
    # When the sweep must next look at the term (``termijnen.bewaking.plan``); empty when
    # nothing is left to send.
    volgende_controle = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        db_table = "dossieroverleg_termijn"
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        ordering = ["uiterlijk", "id"]
        indexes = [
            models.Index(fields=["status", "uiterlijk"]),
            # The open terms by due date (the overview, the API): a page is the first rows.
            models.Index(
                fields=["uiterlijk", "id"],
                name="termijn_open_uiterlijk",
                condition=~Q(status="afgerond"),
            ),
            # The sweep's one query: the few due among many watched.
            models.Index(
                fields=["volgende_controle"],
                name="termijn_volgende_controle",
                condition=Q(volgende_controle__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(dossier__isnull=False) | Q(soort="datalek"),
                name="termijn_van_een_dossier_of_een_datalek",
            )
        ]

    def __str__(self) -> str:
        einde = dates.datum_tijd(self.uiterlijk_om) if self.uiterlijk_om else None
        if self.dossier_id is None:
            return f"{self.omschrijving}: {einde or dates.datum(self.uiterlijk)}"
        return f"{self.omschrijving} ({self.dossier}): {einde or dates.datum(self.uiterlijk)}"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.AFGEROND

    @property
    def is_verlopen(self) -> bool:
        return self.is_open and self.uiterlijk < timezone.localdate()

    def bereken(self) -> None:
        """Set the due date from the start, the length, extension and suspension. A term
        with a length follows the Algemene termijnenwet; a set date stays as it is; a term
        counted in hours ends at its moment (the Algemene termijnenwet does not move it)."""
        if self.uiterlijk_om is not None:
            day = timezone.localdate(self.uiterlijk_om)
            self.uiterlijk_kalender = self.uiterlijk = day
            self.verschoven_wegens = ""
        elif self.dagen or self.weken or self.maanden:
            term = term_end(
                start=self.start,
                dagen=self.dagen,
                weken=self.weken + self.verlenging_weken,
                maanden=self.maanden,
                opgeschort_dagen=self.opgeschort_dagen,
            )
            self.uiterlijk_kalender, self.uiterlijk = term.einde_kalender, term.einde
            self.verschoven_wegens = term.verschoven_wegens or ""
        else:
            moved = self.start + datetime.timedelta(days=self.opgeschort_dagen)
            self.uiterlijk_kalender = self.uiterlijk = moved
            self.verschoven_wegens = ""

    @transition(field=status, source=Status.LOPEND, target=Status.OPGESCHORT)
    def schort_op(self) -> None:
        pass

    @transition(field=status, source=Status.OPGESCHORT, target=Status.LOPEND)
    def hervat(self) -> None:
        pass

    @transition(field=status, source=[Status.LOPEND, Status.OPGESCHORT], target=Status.AFGEROND)
    def rond_af(self) -> None:
        self.afgerond_op = timezone.now()


class Opschorting(models.Model):
    """A suspension of a term (e.g. Awb 4:15): the suspended days are added to its end."""

    termijn = models.ForeignKey(Termijn, on_delete=models.CASCADE, related_name="opschortingen")
    van = models.DateField(_("opgeschort vanaf"))
    tot = models.DateField(_("hervat op"), null=True, blank=True)
    reden = models.TextField(_("reden opschorting"), validators=[MaxLengthValidator(2_000)])
    reden_hervatting = models.TextField(_("reden hervatting"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        db_table = "dossieroverleg_opschorting"
        verbose_name = _("opschorting")
        verbose_name_plural = _("opschortingen")
        ordering = ["van", "id"]

    def __str__(self) -> str:
        return f"{self.termijn}: {self.van} - {self.tot or '…'}"


class TermijnWijziging(models.Model):
    """The history of a term: why and by whom its due date moved."""

    class Soort(models.TextChoices):
        GESTART = "gestart", _("gestart")
        OPGESCHORT = "opgeschort", _("opgeschort")
        HERVAT = "hervat", _("hervat")
        VERDAAGD = "verdaagd", _("verdaagd")
        AFGEROND = "afgerond", _("afgerond")
        HERINNERD = "herinnerd", _("herinnering verstuurd")
        GEESCALEERD = "geescaleerd", _("verlopen, teamleider ingelicht")

    termijn = models.ForeignKey(Termijn, on_delete=models.CASCADE, related_name="historie")
    op = models.DateTimeField(_("op"), default=timezone.now)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    soort = models.CharField(_("soort"), max_length=15, choices=Soort.choices)
    uiterlijk_oud = models.DateField(_("uiterlijk was"), null=True, blank=True)
    uiterlijk_nieuw = models.DateField(_("uiterlijk wordt"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        db_table = "dossieroverleg_termijnwijziging"
        verbose_name = _("wijziging termijn")
        verbose_name_plural = _("wijzigingen termijnen")
        ordering = ["op", "id"]

    def __str__(self) -> str:
        return f"{self.termijn_id} {self.get_soort_display()}"
