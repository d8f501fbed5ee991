"""Inbound e-mail: a mail to the meldpunt address becomes a report in ``ontvangen``.

anymail's inbound webhook (``/webhooks/anymail/<esp>/inbound/``, protected by the
``ANYMAIL_WEBHOOK_SECRET`` basic-auth credentials) sends its ``inbound`` signal; we keep
the whole mail as an ``.eml`` attachment and let intake staff complete and register it.
"""

import logging

from django.utils import timezone

from . import services
from .models import MAX_OMSCHRIJVING, Kanaal

logger = logging.getLogger(__name__)


def on_inbound(sender, event, esp_name: str, **kwargs) -> None:
    message = event.message
    subject = (message.subject or "").strip()
    text = (message.text or "").strip()
    body = f"{subject}\n\n{text}".strip() or "(lege e-mail)"
    raw = message.as_bytes() if hasattr(message, "as_bytes") else str(message).encode()
    sender_address = message.from_email.addr_spec if message.from_email else ""
    melding = services.receive(
        intake=services.Intake(
            kanaal=Kanaal.EMAIL_INBOUND,
            omschrijving=body[:MAX_OMSCHRIJVING],
            melder=services.Melder(email=sender_address),
            bijlagen=[services.Upload(naam="melding.eml", inhoud=raw)],
            ontvangen_op=timezone.now(),
        ),
        register_now=False,
    )
    # No sender, subject or text in the log: they are personal data.
    logger.info("Inbound e-mail via %s stored as report id %s", esp_name, melding.pk)
