"""Aftercare after a decision: a municipality arranges alternative care for the clients
(DVO BW/MO art. 5.2), and the provider's improvement plan is re-inspected. Each has its
term (termijnen.models.Termijn)."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regio.models import Gemeente
from termijnen.models import Termijn

from .dossier import Dossier


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
