"""A calendar feed (iCalendar, RFC 5545) of a user's open deadlines.

Calendar programs cannot log in, so the feed's secret link is the credential: an HMAC of
the user's id and password hash. Changing the password revokes every old link. The feed
holds what a notification holds: no personal data of natural persons.
"""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from icalendar import Calendar, Event

from regio import dates
from regio.selectors import is_id

from .selectors import deadlines_of, mark_confidential

SALT = "dossieroverleg.calendar"


def _digest(user) -> str:
    return salted_hmac(SALT, f"{user.pk}:{user.password}", algorithm="sha256").hexdigest()[:32]


def token_for(user) -> str:
    return f"{user.pk}-{_digest(user)}"


def feed_url(user) -> str:
    return reverse("termijnen-ical", kwargs={"token": token_for(user)})


def user_for_token(token: str):
    pk, _sep, digest = token.partition("-")
    if not is_id(pk) or not digest:
        return None
    user = get_user_model().objects.filter(pk=int(pk), is_active=True).first()
    if user is None or not constant_time_compare(digest, _digest(user)):
        return None
    return user


def render(user) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Handhaving Wmo en Jeugd//termijnen//NL")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Termijnen handhaving")
    stamp = timezone.now()
    for termijn in mark_confidential(user, deadlines_of(user)):
        # Only the number: a pgb provider can be a person, and calendars are synced to
        # services outside the region. Of a secret dossier (a municipality's term) not even
        # that: only what must be done by when.
        dossier = "vertrouwelijk dossier" if termijn.vertrouwelijk else termijn.dossier.nummer
        over = "Vertrouwelijk dossier" if termijn.vertrouwelijk else f"Dossier {dossier}"
        event = Event()
        event.add("uid", f"termijn-{termijn.pk}@handhaving")
        event.add("dtstamp", stamp)
        event.add("dtstart", termijn.uiterlijk)
        event.add("dtend", termijn.uiterlijk + datetime.timedelta(days=1))
        event.add("summary", f"{termijn.omschrijving} – {dossier}")
        event.add(
            "description",
            f"{over}. Uiterlijk {dates.datum(termijn.uiterlijk)}; "
            f"status {termijn.get_status_display()}.",
        )
        cal.add_component(event)
    return cal.to_ical()
