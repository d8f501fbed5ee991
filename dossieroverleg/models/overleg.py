"""The Dossieroverleg Regionale Handhaving: a meeting, its attendees, its agenda of
dossiers and the conclusion per item. ``gepland -> agenda_vastgesteld -> gehouden ->
verslag_vastgesteld``."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from regio import dates
from regio.models import Gemeente

from .advies import Maatregel
from .dossier import Dossier, permission


class Conclusie(models.TextChoices):
    MEER_ONDERZOEK = "meer_onderzoek", _("meer onderzoek")
    GEEN_MAATREGEL = "geen_maatregel", _("geen maatregel")
    ADVIES_VOORBEREIDEN = "advies_voorbereiden", _("advies voorbereiden")


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
        return _("Dossieroverleg %(datum)s") % {"datum": dates.datum(self.datum)}

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
        permission=permission("agenderen_dossier"),
    )
    def stel_agenda_vast(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.AGENDA_VASTGESTELD,
        target=Status.GEHOUDEN,
        conditions=[is_begonnen],
        permission=permission("agenderen_dossier"),
    )
    def houd(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.GEHOUDEN,
        target=Status.VERSLAG_VASTGESTELD,
        conditions=[alle_conclusies],
        permission=permission("agenderen_dossier"),
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
