"""Letters from Word templates: the templates beheer uploads (each upload of a kind is a
new version; the old ones stay), and each letter made from one, with its merge data, its
draft (.docx) and, once final, its PDF."""

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from dossieroverleg.models import Advies
from juridisch.models import TrajectStap
from regio.records import AbstractDocument

from .briefsoort import Briefsoort

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


class BriefSjabloon(AbstractDocument):
    """One version of the Word template of a kind of letter. A new upload of a kind is
    its next version; a letter uses the newest active version of its kind. A version's
    file never changes: a letter made from it keeps pointing at it."""

    UPLOAD_FOLDER = "briefsjablonen"

    soort = models.CharField(_("soort brief"), max_length=30, choices=Briefsoort.choices)
    versie = models.PositiveIntegerField(_("versie"), editable=False)
    actief = models.BooleanField(
        _("actief"),
        default=True,
        help_text=_("Alleen de nieuwste actieve versie van een soort wordt gebruikt."),
    )
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta(AbstractDocument.Meta):
        verbose_name = _("briefsjabloon")
        verbose_name_plural = _("briefsjablonen")
        ordering = ["soort", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["soort", "versie"], name="briefsjabloon_versie_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} v{self.versie}"


class Brief(models.Model):
    """A letter of a step of a legal trajectory, or of the advice to the college. Its
    merge data are kept as they were when it was made; a final letter no longer changes."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("concept")
        DEFINITIEF = "definitief", _("definitief")

    stap = models.ForeignKey(
        TrajectStap,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="brieven",
        verbose_name=_("stap"),
    )
    advies = models.ForeignKey(
        Advies,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="brieven",
        verbose_name=_("advies"),
    )
    soort = models.CharField(_("soort brief"), max_length=30, choices=Briefsoort.choices)
    sjabloon = models.ForeignKey(
        BriefSjabloon,
        on_delete=models.PROTECT,
        related_name="brieven",
        verbose_name=_("sjabloonversie"),
    )
    gegevens = models.JSONField(_("samenvoeggegevens"), default=dict)
    status = FSMField(_("status"), default=Status.CONCEPT, choices=Status.choices, protected=True)
    gemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    gemaakt_op = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    opnieuw_geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opnieuw_geupload_op = models.DateTimeField(
        _("concept opnieuw geüpload op"), null=True, blank=True
    )
    definitief_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    definitief_op = models.DateTimeField(_("definitief gemaakt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        ordering = ["gemaakt_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stap__isnull=False, advies__isnull=True)
                | models.Q(stap__isnull=True, advies__isnull=False),
                name="brief_van_stap_of_advies",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.get_status_display()})"

    @property
    def dossier(self):
        return self.stap.traject.dossier if self.stap_id else self.advies.dossier

    @property
    def concept(self) -> "BriefBestand | None":
        """The current draft: the newest .docx (made, or uploaded again)."""
        drafts = [b for b in self.bestanden.all() if b.soort == BriefBestand.Soort.CONCEPT]
        return max(drafts, key=lambda b: (b.toegevoegd_op, b.pk), default=None)

    @property
    def pdf(self) -> "BriefBestand | None":
        return next((b for b in self.bestanden.all() if b.soort == BriefBestand.Soort.PDF), None)

    def filename(self, extension: str) -> str:
        """A download's name, without personal data: number, kind, template version."""
        return f"brief-{self.dossier.nummer}-{self.soort}-v{self.sjabloon.versie}.{extension}"

    @transition(field=status, source=Status.CONCEPT, target=Status.DEFINITIEF)
    def maak_definitief(self) -> None:
        self.definitief_op = timezone.now()


class BriefBestand(AbstractDocument):
    """A file of a letter: each draft (the one made, each one uploaded again) and the PDF."""

    UPLOAD_FOLDER = "brieven"

    class Soort(models.TextChoices):
        CONCEPT = "concept", _("concept (.docx)")
        PDF = "pdf", _("definitief (PDF)")

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="bestanden")
    soort = models.CharField(_("soort"), max_length=10, choices=Soort.choices)

    class Meta(AbstractDocument.Meta):
        verbose_name = _("bestand van een brief")
        verbose_name_plural = _("bestanden van brieven")
        ordering = ["toegevoegd_op", "id"]


@receiver(post_delete, sender=BriefBestand)
@receiver(post_delete, sender=BriefSjabloon)
def _remove_file(sender, instance, **kwargs) -> None:
    # A letter goes with its dossier (destruction, Archiefwet): its files go once the
    # deletion is committed, as regio.records.delete_documents does for documents.
    storage, name = instance.bestand.storage, instance.bestand.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))
