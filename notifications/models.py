"""The outbox: one row per (event, recipient), written in the transaction of the change.

``wachtend -> verzenden -> verzonden -> afgeleverd | gebounced``; ``verzenden -> wachtend``
after a temporary failure, ``verzenden -> mislukt`` after a permanent one or the last
attempt; ``mislukt -> wachtend`` when a `beheer` user sends it again. A row left
``verzenden`` by a worker that stopped mid-send is sent again (``mogelijk_dubbel``).

An informational change for a municipality contact who takes the daily overview is
written ``voor_overzicht`` and never sent itself: the daily overview (a row of its own,
sent like any other) takes it in, ``voor_overzicht -> in_overzicht``, and its delivery
is the overview's (``overzicht``).
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from regio.events import Event
from regio.models import Contactpersoon, Domein, Gemeente


class Status(models.TextChoices):
    WACHTEND = "wachtend", _("wachtend")
    VERZENDEN = "verzenden", _("verzenden")
    VERZONDEN = "verzonden", _("verzonden")
    AFGELEVERD = "afgeleverd", _("afgeleverd")
    GEBOUNCED = "gebounced", _("gebounced")
    MISLUKT = "mislukt", _("mislukt")
    VOOR_OVERZICHT = "voor_overzicht", _("wacht op dagoverzicht")
    IN_OVERZICHT = "in_overzicht", _("in dagoverzicht")


def is_due(row: "Notificatie") -> bool:
    return row.volgende_poging <= timezone.now()


def stale_before() -> datetime.datetime:
    """An attempt begun before this was interrupted: it is longer ago than any send takes
    (``NOTIFICATIONS_SENDING_STALE_SECONDS``)."""
    return timezone.now() - datetime.timedelta(seconds=settings.NOTIFICATIONS_SENDING_STALE_SECONDS)


def is_interrupted(row: "Notificatie") -> bool:
    """Its worker stopped before recording how the attempt went, possibly after the mail
    server had accepted the mail."""
    return row.poging_begonnen_op is not None and row.poging_begonnen_op <= stale_before()


def has_attempts_left(row: "Notificatie") -> bool:
    return row.pogingen < settings.NOTIFICATIONS_MAX_ATTEMPTS


class Notificatie(models.Model):
    event = models.CharField(_("gebeurtenis"), max_length=40, choices=Event.choices)
    event_id = models.CharField(_("gebeurtenis-id"), max_length=120)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True)
    object_id = models.PositiveBigIntegerField(null=True)
    onderwerp_object = GenericForeignKey("content_type", "object_id")
    nummer = models.CharField(_("nummer"), max_length=40, blank=True, db_index=True)
    ontvanger = models.EmailField(_("ontvanger"))
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.SET_NULL, null=True, blank=True, related_name="notificaties"
    )
    contactpersoon = models.ForeignKey(
        Contactpersoon,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notificaties",
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sjabloon = models.CharField(_("sjabloon"), max_length=60)
    onderwerp = models.CharField(_("onderwerp"), max_length=255)
    tekst = models.TextField(_("tekst"))
    html = models.TextField(_("HTML"))
    status = FSMField(
        _("status"), default=Status.WACHTEND, choices=Status.choices, protected=True, db_index=True
    )
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    volgende_poging = models.DateTimeField(
        _("volgende poging"), default=timezone.now, db_index=True
    )
    poging_begonnen_op = models.DateTimeField(_("poging begonnen op"), null=True, blank=True)
    mogelijk_dubbel = models.BooleanField(
        _("mogelijk dubbel"),
        default=False,
        help_text=_(
            "Opnieuw verstuurd na een onderbroken poging, die de mailserver misschien al "
            "had aangenomen: de ontvanger kan hem twee keer hebben, met hetzelfde Message-ID."
        ),
    )
    laatste_fout = models.TextField(_("laatste fout"), blank=True)
    overzicht = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opgenomen",
        verbose_name=_("in dagoverzicht"),
        help_text=_("Het dagelijkse overzicht waarin deze wijziging aan de ontvanger ging."),
    )
    # What a line of the daily overview shows beside the subject: the provider and the
    # link, as the single mail would have shown them (nothing of a secret dossier).
    overzicht_regel = models.JSONField(_("regel in dagoverzicht"), default=dict, blank=True)
    message_id = models.CharField(
        _("bericht-id aanbieder"), max_length=255, blank=True, db_index=True
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, db_index=True)
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    afgeleverd_op = models.DateTimeField(_("afgeleverd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("notificatie")
        verbose_name_plural = _("notificaties (uitgaande e-mail)")
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event_id", "ontvanger"],
                name="een_notificatie_per_gebeurtenis_en_ontvanger",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        permissions = [("opnieuw_verzenden_notificatie", _("Mag mislukte e-mail opnieuw sturen"))]

    def __str__(self) -> str:
        # Shown in admin pages and logs: never a reporter's address (personal data).
        aan = "melder" if self.aan_melder else (self.gemeente or self.ontvanger)
        return f"{self.get_event_display()} – {self.nummer} – {aan}"

    @property
    def aan_melder(self) -> bool:
        """Sent to a reporter (a natural person), not a municipality or a colleague."""
        return not (self.gemeente_id or self.contactpersoon_id or self.gebruiker_id)

    @property
    def message_header_id(self) -> str:
        """A stable Message-ID: a resend of the same row can be recognised downstream."""
        return f"<notificatie-{self.pk}.{self.event_id.replace(':', '-')}@handhaving>"

    # Delivery (notifications/delivery.py) writes these transitions with a conditional
    # UPDATE of the fields below, so that of two workers holding the same row only one
    # claims it and a late worker does not overwrite a newer attempt.
    DELIVERY_FIELDS = (
        "status",
        "pogingen",
        "poging_begonnen_op",
        "mogelijk_dubbel",
        "volgende_poging",
        "laatste_fout",
        "message_id",
        "verzonden_op",
    )

    @transition(field=status, source=Status.WACHTEND, target=Status.VERZENDEN, conditions=[is_due])
    def verzenden(self) -> None:
        self.pogingen += 1
        self.poging_begonnen_op = timezone.now()

    @transition(
        field=status,
        source=Status.VERZENDEN,
        target=Status.VERZENDEN,
        conditions=[is_interrupted, has_attempts_left],
    )
    def opnieuw_na_onderbreking(self) -> None:
        # The interrupted attempt may have reached the recipient: this one may be a second.
        self.pogingen += 1
        self.poging_begonnen_op = timezone.now()
        self.mogelijk_dubbel = True

    @transition(field=status, source=Status.VERZENDEN, target=Status.VERZONDEN)
    def verzonden(self, message_id: str = "") -> None:
        self.verzonden_op = timezone.now()
        self.message_id = message_id
        self.laatste_fout = ""

    @transition(field=status, source=Status.VERZENDEN, target=Status.WACHTEND)
    def later(self, *, fout: str, volgende_poging: datetime.datetime) -> None:
        self.laatste_fout = fout
        self.volgende_poging = volgende_poging

    @transition(field=status, source=Status.VERZENDEN, target=Status.MISLUKT)
    def mislukt(self, fout: str) -> None:
        self.laatste_fout = fout

    @transition(field=status, source=[Status.VERZONDEN, Status.GEBOUNCED], target=Status.AFGELEVERD)
    def afgeleverd(self) -> None:
        self.afgeleverd_op = timezone.now()

    @transition(field=status, source=[Status.VERZONDEN, Status.AFGELEVERD], target=Status.GEBOUNCED)
    def gebounced(self, fout: str = "") -> None:
        self.laatste_fout = fout

    @transition(field=status, source=Status.MISLUKT, target=Status.WACHTEND)
    def opnieuw(self) -> None:
        self.pogingen = 0
        self.volgende_poging = timezone.now()

    # Written with a conditional UPDATE of ``status`` and ``overzicht`` for all the rows
    # an overview takes in (notifications/daily.py), like the delivery transitions.
    @transition(field=status, source=Status.VOOR_OVERZICHT, target=Status.IN_OVERZICHT)
    def in_overzicht(self, overzicht: "Notificatie") -> None:
        self.overzicht = overzicht

    @property
    def bezorging(self) -> "Notificatie":
        """The row whose delivery this mail's is: its daily overview, or itself."""
        return self.overzicht if self.overzicht_id else self


class OntbrekendContact(models.Model):
    """A municipality that could not be told: no active contact, or the mail bounced."""

    class Reden(models.TextChoices):
        GEEN_CONTACT = "geen_contact", _("geen actieve contactpersoon voor dit domein")
        GEBOUNCED = "gebounced", _("e-mail kwam niet aan (bounce)")

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+")
    domein = models.CharField(_("domein"), max_length=10, choices=Domein.choices, blank=True)
    reden = models.CharField(_("reden"), max_length=20, choices=Reden.choices)
    adres = models.EmailField(_("adres"), blank=True)
    event = models.CharField(_("gebeurtenis"), max_length=40, choices=Event.choices)
    nummer = models.CharField(_("nummer"), max_length=40, blank=True)
    aantal = models.PositiveIntegerField(_("aantal keer"), default=1)
    eerst_op = models.DateTimeField(_("eerst op"), default=timezone.now)
    laatst_op = models.DateTimeField(_("laatst op"), default=timezone.now)
    opgelost = models.BooleanField(_("opgelost"), default=False)

    class Meta:
        verbose_name = _("ontbrekend contact")
        verbose_name_plural = _("ontbrekende contacten en bounces")
        ordering = ["opgelost", "-laatst_op"]

    def __str__(self) -> str:
        return f"{self.gemeente} ({self.get_domein_display() or '-'}): {self.get_reden_display()}"


class Sjabloon(models.Model):
    """A beheer-adjusted wording of a mail; without one the file template is used."""

    event = models.CharField(_("gebeurtenis"), max_length=40, choices=Event.choices, unique=True)
    onderwerp = models.CharField(_("onderwerp"), max_length=255)
    tekst = models.TextField(
        _("tekst"),
        help_text=_(
            "Django-sjabloontaal. Beschikbaar: {{ nummer }}, {{ status }}, {{ zorgaanbieder }}, "
            "{{ gevraagd }}, {{ link }}, {{ gemeente }}, {{ gebeurtenis }}, {{ data }}."
        ),
    )
    html = models.TextField(
        _("HTML"), blank=True, help_text=_("Leeg: de tekst wordt als HTML-alinea's getoond.")
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("e-mailsjabloon")
        verbose_name_plural = _("e-mailsjablonen")

    def __str__(self) -> str:
        return self.get_event_display()
