"""The legal follow-up of a decision: one trajectory per measure, with its steps.

The tables keep the names they had when the legal follow-up lived in the dossier app.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from dossieroverleg.models import Besluit, Dossier, Maatregel
from regio import dates
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


class TrajectStap(models.Model):
    """One step of a trajectory: what happened on which day, its term and its outcome."""

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
