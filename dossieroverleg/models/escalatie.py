"""Youth cases escalated to the aldermen (bestuurlijk escalatiepunt, seed 003)."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from regio.models import Gemeente

from .dossier import Dossier


class Escalatie(models.Model):
    """Youth cases escalated to the Nijmegen alderman together with the alderman of the
    youth's home municipality (bestuurlijk escalatiepunt, seed 003)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="escalaties")
    # "waar dat te determineren is" (seed 003): not always known.
    woongemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("woongemeente van de jeugdige"),
    )
    termijn = models.OneToOneField(
        "termijnen.Termijn",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="escalatie",
        verbose_name=_("termijn voor het antwoord"),
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
