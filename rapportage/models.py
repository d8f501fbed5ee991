"""Who received which report: one row per recipient and period.

The half-year report goes to every municipality's contacts (DVO BW/MO art. 3.8 sub a),
the monthly overview of enforcement casework to the ROB partners' contacts
(samenwerkingsovereenkomst ROB art. 2 lid 2 sub f); ``rapportage.distribution`` sends
both. A row is written in the transaction that puts the mail in the outbox, so there is a
row exactly when a mail was queued; the mail's delivery is its outbox row's
(``notificatie``). ``geopend_op`` is when the private link of a half-year report was
first opened (``rapportage.links``).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regio.models import Contactpersoon, Gemeente


class Verzending(models.Model):
    class Soort(models.TextChoices):
        HALFJAARRAPPORTAGE = "halfjaarrapportage", _("halfjaarrapportage")
        CASUISTIEK = "casuistiek", _("overzicht handhavingscasuïstiek")

    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    # Kept when the contact is removed: the address says who received it (as the outbox).
    contactpersoon = models.ForeignKey(
        Contactpersoon,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rapportage_verzendingen",
        verbose_name=_("contactpersoon"),
    )
    ontvanger = models.EmailField(_("ontvanger"))
    van = models.DateField(_("periode van"))
    tot = models.DateField(_("periode tot"), help_text=_("De eerste dag na de periode."))
    verzonden_op = models.DateTimeField(
        _("verzonden op"),
        default=timezone.now,
        help_text=_("Het moment waarop de e-mail in de uitgaande e-mail werd gezet."),
    )
    geopend_op = models.DateTimeField(
        _("geopend op"),
        null=True,
        blank=True,
        help_text=_("Het moment waarop de persoonlijke link voor het eerst werd geopend."),
    )
    notificatie = models.ForeignKey(
        "notifications.Notificatie",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("e-mail"),
    )

    class Meta:
        verbose_name = _("verzending rapportage")
        verbose_name_plural = _("verzendingen rapportages")
        ordering = ["-verzonden_op", "-id"]
        constraints = [
            # Once per contact, kind and period: a second run sends nothing twice.
            models.UniqueConstraint(
                fields=["soort", "contactpersoon", "van"], name="een_verzending_per_periode"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.van:%Y-%m-%d} – {self.gemeente}"
