"""A signal: one piece of work waiting for one staff member, and their mail setting.

A signal says what waits (``soort``, a short ``toelichting``), about which case
(``nummer``, the registered provider's name) and where to do it (``pad``: the task or the
case page). It holds no personal data of natural persons: it is listed on a page, counted
in the top bar and put in a mail. ``onderwerp`` is the dossier or report it is about, so
the need-to-know rule can be asked again whenever it is shown (a dossier can become secret
after the signal was made).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Soort(models.TextChoices):
    ADVIES_BEOORDELEN = "advies_beoordelen", _("Advies beoordelen")
    REACTIE_MELDER = "reactie_melder", _("Antwoord van de melder")
    BEZWAAR_BESLISSEN = "bezwaar_beslissen", _("Beslissen op bezwaar")
    TERMIJN_HERINNERING = "termijn_herinnering", _("Termijn loopt af")
    TERMIJN_VERLOPEN = "termijn_verlopen", _("Termijn verlopen")
    MEERWERK_BEANTWOORD = "meerwerk_beantwoord", _("Gemeente gaf standpunt over meerwerk")
    NAZORG_GEREGELD = "nazorg_geregeld", _("Gemeente regelde alternatieve zorg")


class Signaal(models.Model):
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="signalen",
        verbose_name=_("medewerker"),
    )
    soort = models.CharField(_("wat"), max_length=30, choices=Soort.choices)
    # What made it: the task (``taak:<id>``) or the event's id. One signal per user and key,
    # however often the event is sent.
    sleutel = models.CharField(_("sleutel"), max_length=160)
    nummer = models.CharField(_("nummer"), max_length=40, blank=True)
    zorgaanbieder = models.CharField(_("zorgaanbieder"), max_length=255, blank=True)
    toelichting = models.CharField(_("toelichting"), max_length=255, blank=True)
    pad = models.CharField(_("link"), max_length=255)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    onderwerp = GenericForeignKey("content_type", "object_id")
    taak = models.ForeignKey(
        "viewflow.Task", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    # The work no longer waits for this user: the task was done or cancelled, or a
    # colleague took it. Still listed, no longer counted.
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    # In the daily mail of this day: a signal is in one daily mail at most.
    gemaild_op = models.DateTimeField(_("in dagelijkse e-mail op"), null=True, blank=True)

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "sleutel"], name="een_signaal_per_gebruiker_en_sleutel"
            )
        ]
        indexes = [
            models.Index(fields=["gebruiker", "-aangemaakt_op"], name="signaal_lijst"),
            models.Index(
                fields=["gebruiker", "gelezen_op", "afgehandeld_op"], name="signaal_teller"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} – {self.nummer}"

    @property
    def is_open(self) -> bool:
        """Unread, and the work still waits: what the badge counts."""
        return self.gelezen_op is None and self.afgehandeld_op is None


class SignaalVoorkeur(models.Model):
    """A staff member's choice to receive the daily mail of their signals."""

    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signaalvoorkeur"
    )
    dagelijkse_mail = models.BooleanField(
        _("dagelijkse e-mail met signalen"),
        default=False,
        help_text=_(
            "Elke ochtend één e-mail met de signalen van de afgelopen dag die u nog niet "
            "hebt gelezen; zonder nieuwe signalen geen e-mail."
        ),
    )

    class Meta:
        verbose_name = _("voorkeur signalen")
        verbose_name_plural = _("voorkeuren signalen")

    def __str__(self) -> str:
        return str(self.gebruiker)
