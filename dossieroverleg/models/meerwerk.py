"""Extra work (seed 000 art. 5): every member municipality gives its administrative
position by a term."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regio.models import Gemeente
from termijnen.models import Termijn

from .dossier import Dossier


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
