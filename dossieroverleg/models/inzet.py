"""Enforcement costs per dossier, the basis of the cost sharing."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .dossier import Dossier


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
