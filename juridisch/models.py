"""The legal follow-up of a decision: one trajectory per measure, with its steps.

The tables keep the names they had when the legal follow-up lived in the dossier app.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from dossieroverleg.models import Besluit, Dossier, Maatregel
from regio import dates
from regio.models import OnderMandaat
from termijnen.models import Termijn


class JuridischTraject(models.Model):
    """The legal follow-up of one measure of a decision (procesregie juridische trajecten).

    Administrative law: ``voornemen -> besluit -> bezwaar -> beslist_op_bezwaar -> beroep ->
    hoger_beroep``; private law: ``ingebrekestelling -> ontbinding`` and
    ``terugvordering -> invordering``; every phase can end the trajectory.
    """

    class Spoor(models.TextChoices):
        BESTUURSRECHT = "bestuursrecht", _("bestuursrecht (Awb)")
        PRIVAATRECHT = "privaatrecht", _("privaatrecht (overeenkomst)")

    class Fase(models.TextChoices):
        VOORNEMEN = "voornemen", _("voornemen, zienswijze")
        BESLUIT = "besluit", _("besluit, bezwaartermijn loopt")
        BEZWAAR = "bezwaar", _("bezwaar in behandeling")
        BESLIST_OP_BEZWAAR = "beslist_op_bezwaar", _("beslist op bezwaar, beroepstermijn loopt")
        BEROEP = "beroep", _("beroep")
        HOGER_BEROEP = "hoger_beroep", _("hoger beroep")
        INGEBREKESTELLING = "ingebrekestelling", _("ingebrekestelling")
        ONTBINDING = "ontbinding", _("overeenkomst ontbonden")
        TERUGVORDERING = "terugvordering", _("terugvordering")
        INVORDERING = "invordering", _("invordering")
        AFGEROND = "afgerond", _("afgerond")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="trajecten")
    besluit = models.ForeignKey(Besluit, on_delete=models.PROTECT, related_name="trajecten")
    maatregel = models.CharField(_("maatregel"), max_length=25, choices=Maatregel.choices)
    spoor = models.CharField(_("spoor"), max_length=15, choices=Spoor.choices)
    fase = FSMField(_("fase"), default=Fase.VOORNEMEN, choices=Fase.choices, protected=True)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="trajecten",
        verbose_name=_("eigenaar"),
    )
    met_adviescommissie = models.BooleanField(_("bezwaar via een adviescommissie"), default=False)
    geopend_op = models.DateTimeField(_("geopend op"), default=timezone.now)
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    uitkomst = models.CharField(_("uitkomst"), max_length=25, blank=True)

    class Meta:
        db_table = "dossieroverleg_juridischtraject"
        verbose_name = _("juridisch traject")
        verbose_name_plural = _("juridische trajecten")
        ordering = ["geopend_op", "id"]
        permissions = [
            ("voeren_traject", _("Mag juridische trajecten voeren en termijnen bijhouden")),
            ("beslissen_op_bezwaar", _("Mag beslissen op bezwaar")),
        ]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.get_maatregel_display()}"

    @property
    def is_open(self) -> bool:
        return self.fase != self.Fase.AFGEROND

    @transition(field=fase, source=Fase.VOORNEMEN, target=Fase.BESLUIT)
    def neem_besluit(self) -> None:
        pass

    @transition(field=fase, source=Fase.BESLUIT, target=Fase.BEZWAAR)
    def ontvang_bezwaar(self) -> None:
        pass

    @transition(field=fase, source=Fase.BEZWAAR, target=Fase.BESLIST_OP_BEZWAAR)
    def beslis_op_bezwaar(self) -> None:
        pass

    @transition(field=fase, source=Fase.BESLIST_OP_BEZWAAR, target=Fase.BEROEP)
    def ontvang_beroep(self) -> None:
        pass

    @transition(field=fase, source=Fase.BEROEP, target=Fase.HOGER_BEROEP)
    def ontvang_hoger_beroep(self) -> None:
        pass

    @transition(field=fase, source=Fase.INGEBREKESTELLING, target=Fase.ONTBINDING)
    def ontbind(self) -> None:
        pass

    @transition(field=fase, source=Fase.TERUGVORDERING, target=Fase.INVORDERING)
    def vorder_in(self) -> None:
        pass

    @transition(field=fase, source="*", target=Fase.AFGEROND, conditions=[lambda t: t.is_open])
    def rond_af(self) -> None:
        self.afgerond_op = timezone.now()


class TrajectStap(OnderMandaat):
    """One step of a trajectory: what happened on which day, its term and its outcome. A
    step that is a decision says in whose name, under which mandate and who signed
    (``regio.mandates``); a step of a sanction has its amount."""

    class Soort(models.TextChoices):
        VOORNEMEN = "voornemen", _("voornemen verzonden")
        BESLUIT = "besluit", _("besluit bekendgemaakt")
        BEZWAAR = "bezwaar", _("bezwaarschrift ontvangen")
        BESLISSING_OP_BEZWAAR = "beslissing_op_bezwaar", _("beslissing op bezwaar")
        BEROEP = "beroep", _("beroep ingesteld")
        HOGER_BEROEP = "hoger_beroep", _("hoger beroep ingesteld")
        UITSPRAAK = "uitspraak", _("uitspraak")
        VOORLOPIGE_VOORZIENING = "voorlopige_voorziening", _("voorlopige voorziening gevraagd")
        INGEBREKESTELLING = "ingebrekestelling", _("ingebrekestelling verzonden")
        ONTBINDING = "ontbinding", _("overeenkomst ontbonden")
        TERUGVORDERING = "terugvordering", _("terugvordering verzonden")
        INVORDERING = "invordering", _("invordering gestart")
        AFRONDING = "afronding", _("traject afgerond")
        LAST = "last", _("last opgelegd")
        CONTROLE = "controle", _("controle na de begunstigingstermijn")
        VERBEURTE = "verbeurte", _("dwangsom verbeurd")
        INVORDERINGSBESLUIT = "invorderingsbesluit", _("invorderingsbesluit (Awb 5:37)")
        BETALING = "betaling", _("betaling ontvangen")
        WIJZIGING_LAST = "wijziging_last", _("last gewijzigd of opgeheven (Awb 5:34)")
        UITVOERING = "uitvoering", _("bestuursdwang uitgevoerd")
        KOSTENVERHAAL = "kostenverhaal", _("kostenverhaalbesluit (Awb 5:25)")

    class Uitkomst(models.TextChoices):
        GEGROND = "gegrond", _("gegrond")
        DEELS_GEGROND = "deels_gegrond", _("deels gegrond")
        ONGEGROND = "ongegrond", _("ongegrond (besluit blijft in stand)")
        NIET_ONTVANKELIJK = "niet_ontvankelijk", _("niet-ontvankelijk")
        INGETROKKEN = "ingetrokken", _("ingetrokken")
        GESCHIKT = "geschikt", _("geschikt (minnelijke oplossing)")
        TOEGEWEZEN = "toegewezen", _("toegewezen")
        AFGEWEZEN = "afgewezen", _("afgewezen")
        ONHERROEPELIJK = "onherroepelijk", _("onherroepelijk (geen bezwaar of beroep)")
        NAGEKOMEN = "nagekomen", _("nagekomen door de zorgaanbieder")
        BETAALD = "betaald", _("betaald")
        NIET_NAGEKOMEN = "niet_nagekomen", _("niet nagekomen")
        OPGEHEVEN = "opgeheven", _("opgeheven")
        VERMINDERD = "verminderd", _("dwangsom verminderd")

    traject = models.ForeignKey(JuridischTraject, on_delete=models.CASCADE, related_name="stappen")
    soort = models.CharField(_("stap"), max_length=25, choices=Soort.choices)
    datum = models.DateField(_("datum"))
    termijn = models.OneToOneField(
        Termijn, on_delete=models.SET_NULL, null=True, blank=True, related_name="stap"
    )
    uitkomst = models.CharField(_("uitkomst"), max_length=25, choices=Uitkomst.choices, blank=True)
    toelichting = models.TextField(
        _("toelichting"), blank=True, validators=[MaxLengthValidator(10_000)]
    )
    bedrag = models.DecimalField(
        _("bedrag (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # A dissolution takes effect on this day (the contract ends then), which may lie
    # after the day the letter is sent.
    ingang = models.DateField(_("gaat in op"), null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "dossieroverleg_trajectstap"
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")
        ordering = ["datum", "id"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {dates.datum(self.datum)}"


EURO = [MinValueValidator(Decimal("0.01"))]


class Last(models.Model):
    """An order under penalty (last onder dwangsom, Awb 5:31d-5:39) or under administrative
    coercion (last onder bestuursdwang, Awb 5:21-5:31c) imposed by the decision of a
    trajectory: what the provider must do, within which compliance period (a watched
    term), and for a penalty its amount per violation or per period and its maximum.

    What happened after, every inspection, forfeiture, collection decision, payment,
    change, execution and cost recovery, is a step of the trajectory with its amount; the
    totals below add them up.
    """

    class Soort(models.TextChoices):
        DWANGSOM = "dwangsom", _("last onder dwangsom")
        BESTUURSDWANG = "bestuursdwang", _("last onder bestuursdwang")

    class Per(models.TextChoices):
        OVERTREDING = "overtreding", _("per overtreding")
        DAG = "dag", _("per dag")
        WEEK = "week", _("per week")

    class Status(models.TextChoices):
        LOPEND = "lopend", _("begunstigingstermijn loopt of nog niet gecontroleerd")
        NAGEKOMEN = "nagekomen", _("nagekomen")
        VERBEURD = "verbeurd", _("dwangsom verbeurd")
        MAXIMUM = "maximum", _("maximum verbeurd")
        NIET_NAGEKOMEN = "niet_nagekomen", _("niet nagekomen; bestuursdwang uit te voeren")
        UITGEVOERD = "uitgevoerd", _("bestuursdwang uitgevoerd")
        OPGEHEVEN = "opgeheven", _("opgeheven")

    traject = models.OneToOneField(JuridischTraject, on_delete=models.CASCADE, related_name="last")
    soort = models.CharField(_("soort last"), max_length=15, choices=Soort.choices)
    besluit = models.ForeignKey(
        TrajectStap, on_delete=models.PROTECT, related_name="+", verbose_name=_("opgelegd bij")
    )
    lastgeving = models.TextField(
        _("wat de zorgaanbieder moet doen (herstelmaatregel)"),
        validators=[MaxLengthValidator(5_000)],
    )
    begunstigingstermijn = models.OneToOneField(
        Termijn,
        on_delete=models.PROTECT,
        related_name="last",
        verbose_name=_("begunstigingstermijn"),
    )
    bedrag = models.DecimalField(
        _("dwangsom (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True, validators=EURO
    )
    per = models.CharField(_("per"), max_length=15, choices=Per.choices, blank=True)
    maximum = models.DecimalField(
        _("maximum (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True, validators=EURO
    )
    status = models.CharField(
        _("stand"), max_length=15, choices=Status.choices, default=Status.LOPEND
    )

    class Meta:
        verbose_name = _("last")
        verbose_name_plural = _("lasten")

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.traject.dossier})"

    def _sum(self, soort: str) -> Decimal:
        total = self.traject.stappen.filter(soort=soort).aggregate(s=Sum("bedrag"))["s"]
        return total or Decimal("0.00")

    @property
    def verbeurd(self) -> Decimal:
        return self._sum(TrajectStap.Soort.VERBEURTE)

    @property
    def ingevorderd(self) -> Decimal:
        """What collection decisions claimed (Awb 5:37)."""
        return self._sum(TrajectStap.Soort.INVORDERINGSBESLUIT)

    @property
    def betaald(self) -> Decimal:
        return self._sum(TrajectStap.Soort.BETALING)

    @property
    def kosten(self) -> Decimal:
        return self._sum(TrajectStap.Soort.UITVOERING)

    @property
    def verhaald(self) -> Decimal:
        return self._sum(TrajectStap.Soort.KOSTENVERHAAL)
