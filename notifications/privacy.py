"""No personal data of natural persons in any e-mail (DESIGN.md section 3).

A rendered mail is checked before it is queued; a mail that fails is never queued and the
transaction that caused it rolls back, so the leak is found in testing, not in a mailbox.

What counts as personal data here:

* every value the domain app passed in the event's ``data["_persoonlijk"]`` (client and
  reporter names, BSNs, phone numbers, the report text...): the domain apps collect these,
  because only they know which of their fields are personal;
* any nine-digit number that passes the BSN elfproef;
* any e-mail address other than the recipient's own and the configured sender.

How a domain app passes its personal values (they are used for the check only: never
rendered, never stored in the outbox)::

    emit(
        Event.DOSSIER_BESLUIT,
        ...,
        data={
            "maatregelen": ["aanwijzing"],
            "_persoonlijk": [client.naam, client.bsn, melding.melder_naam, melding.omschrijving],
        },
    )

Values shorter than ``MIN_LENGTH`` are ignored. A name that is *not* listed cannot be
recognised: listing is the domain app's duty; the BSN and address rules are the net.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError

from meldpunt.validators import contains_bsn

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
MIN_LENGTH = 4  # shorter values (initials, "ja") would match ordinary words


class PersonalDataInMail(ValidationError):
    pass


def check_mail(*, parts: list[str], recipient: str, personal: list[str]) -> None:
    text = "\n".join(parts)
    lowered = text.lower()
    for value in personal:
        value = str(value).strip()
        if len(value) >= MIN_LENGTH and value.lower() in lowered:
            raise PersonalDataInMail("Een e-mail bevat persoonsgegevens en is niet verstuurd.")
    if contains_bsn(text):
        raise PersonalDataInMail("Een e-mail bevat een BSN en is niet verstuurd.")
    allowed = {recipient.lower(), _sender_address().lower()}
    for address in EMAIL.findall(text):
        if address.lower() not in allowed:
            raise PersonalDataInMail("Een e-mail bevat een ander e-mailadres en is niet verstuurd.")


def _sender_address() -> str:
    sender = settings.DEFAULT_FROM_EMAIL
    match = EMAIL.search(sender)
    return match.group(0) if match else sender
