"""The advice to the college of Nijmegen (approved by a team lead who is not its author)
and the college's decision, with the measures they name."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regio.models import OnderMandaat

from .dossier import Dossier


class Maatregel(models.TextChoices):
    WAARSCHUWING = "waarschuwing", _("waarschuwing")
    AANWIJZING = "aanwijzing", _("aanwijzing / verbetertraject")
    OPSCHORTING_BETALING = "opschorting_betaling", _("opschorting betaling")
    TERUGVORDERING = "terugvordering", _("terugvordering")
    INGEBREKESTELLING = "ingebrekestelling", _("ingebrekestelling")
    ONTBINDING = "ontbinding", _("ontbinding overeenkomst")
    LAST_ONDER_DWANGSOM = "last_onder_dwangsom", _("last onder dwangsom")
    LAST_ONDER_BESTUURSDWANG = "last_onder_bestuursdwang", _("last onder bestuursdwang")
    AANGIFTE = "aangifte", _("aangifte")
    GEEN_MAATREGEL = "geen_maatregel", _("geen maatregel")


class Advies(models.Model):
    """Advice to the college of Nijmegen; approved by a team lead who is not its author."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("concept")
        TER_GOEDKEURING = "ter_goedkeuring", _("ter goedkeuring")
        GOEDGEKEURD = "goedgekeurd", _("goedgekeurd")
        AFGEWEZEN = "afgewezen", _("afgewezen")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="adviezen")
    maatregelen = models.JSONField(_("voorgestelde maatregelen"), default=list)
    motivering = models.TextField(_("motivering"), validators=[MaxLengthValidator(50_000)])
    juridische_grondslag = models.TextField(
        _("juridische grondslag"), validators=[MaxLengthValidator(10_000)]
    )
    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opgesteld door"),
    )
    opgesteld_op = models.DateTimeField(_("opgesteld op"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.TER_GOEDKEURING
    )
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    beoordeling = models.TextField(_("toelichting beoordeling"), blank=True)

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        ordering = ["opgesteld_op", "id"]
        constraints = [
            # Second pair of eyes (DESIGN 2.2): never approved by its own author.
            models.CheckConstraint(
                condition=~models.Q(beoordeeld_door=models.F("opgesteld_door")),
                name="advies_niet_door_eigen_auteur_beoordeeld",
            )
        ]

    def __str__(self) -> str:
        return _("Advies %(dossier)s") % {"dossier": self.dossier}

    def maatregelen_display(self) -> list[str]:
        labels = dict(Maatregel.choices)
        return [str(labels.get(m, m)) for m in self.maatregelen]


class Besluit(OnderMandaat):
    """The decision of the college: in the name of the college of every party, under the
    mandate of its signer (Samenwerkingsovereenkomst ROB art. 3; DVO BW/MO Bijlage A)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="besluit")
    datum = models.DateField(_("datum besluit"))
    maatregelen = models.JSONField(_("genomen maatregelen"), default=list)
    bekendmaking_op = models.DateField(_("bekendgemaakt aan de zorgaanbieder op"))
    toelichting = models.TextField(_("toelichting"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")

    def __str__(self) -> str:
        return _("Besluit %(dossier)s") % {"dossier": self.dossier}

    def maatregelen_display(self) -> list[str]:
        labels = dict(Maatregel.choices)
        return [str(labels.get(m, m)) for m in self.maatregelen]
