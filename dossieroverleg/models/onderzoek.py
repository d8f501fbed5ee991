"""The investigation: its activities (file review, interview, visits, data analysis, a
request to GGD Wmo-toezicht) with their findings, and the dossier's documents."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regio import dates
from regio.records import AbstractDocument

from .dossier import Dossier


class Onderzoeksactiviteit(models.Model):
    class Soort(models.TextChoices):
        DOSSIERONDERZOEK = "dossieronderzoek", _("dossieronderzoek")
        GESPREK = "gesprek", _("gesprek")
        AANGEKONDIGD_BEZOEK = "aangekondigd_bezoek", _("aangekondigd bezoek")
        ONAANGEKONDIGD_BEZOEK = "onaangekondigd_bezoek", _("onaangekondigd bezoek")
        DATA_ANALYSE = "data_analyse", _("data-analyse")
        VERZOEK_GGD = "verzoek_ggd", _("verzoek aan GGD Wmo-toezicht")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="activiteiten")
    soort = models.CharField(_("soort"), max_length=25, choices=Soort.choices)
    datum = models.DateField(_("datum"))
    uitgevoerd_door = models.CharField(_("uitgevoerd door"), max_length=200)
    bevindingen = models.TextField(
        _("bevindingen"), blank=True, validators=[MaxLengthValidator(20_000)]
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("onderzoeksactiviteit")
        verbose_name_plural = _("onderzoeksactiviteiten")
        ordering = ["datum", "id"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {dates.datum(self.datum)}"


class Document(AbstractDocument):
    """An attachment of a dossier (to an activity or the dossier itself)."""

    UPLOAD_FOLDER = "dossiers"

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documenten")
    activiteit = models.ForeignKey(
        Onderzoeksactiviteit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documenten",
    )
    # Referred to by name: the legal follow-up builds on the dossier, not the other way round.
    stap = models.ForeignKey(
        "juridisch.TrajectStap",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documenten",
    )

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
