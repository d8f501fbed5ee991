"""What a mail says: the event's template (a beheer-adjusted one from the database, else
the file under ``templates/notifications/<event>/``), rendered for one recipient.

An event's ``tekst.txt`` holds its words once, in blocks (``inhoud``, ``gevraagd``,
``feiten``), and extends ``{{ basis }}``: rendered in ``basis.txt`` it is the plain-text
part, in ``basis.html`` the HTML part (paragraphs and line breaks kept, the facts in a
table, the link a real link). A template that lists rows (the overviews) also gives the
HTML of its list in ``inhoud_html``. Dates are written as Dutch readers write them
("14 december 2026").
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.template import Context, Template, engines
from django.template.loader import get_template, render_to_string
from django.urls import reverse

from regio import dates
from regio.models import Gemeente

from .models import Sjabloon
from .recipients import REPORTER_EVENTS

# Keys of the event data that are never shown in a mail.
PRIVATE_KEYS = {"_persoonlijk", "_ontvanger", "melder_email", "ontvanger_email", "user_ids"}
# Keys of the event data that hold a date (the domain apps send "2026-12-14" or
# "14-12-2026"); a mail shows them as "14 december 2026".
DATE_KEYS = {"bekendmaking", "datum", "geldig_tot", "overleg_datum", "termijn", "uiterlijk_op"}
# Keys that list municipalities by CBS code; a mail names them ("Beuningen (GM0209)").
MUNICIPALITY_KEYS = {"toegevoegd", "verwijderd"}
TEXT_FRAME = "notifications/basis.txt"
HTML_FRAME = "notifications/basis.html"


@dataclass
class Rendered:
    onderwerp: str
    tekst: str
    html: str
    sjabloon: str


def context_for(*, event: str, nummer: str, status: str, data: dict, gemeente=None) -> dict:
    public = {
        k: dutch_date(v) if k in DATE_KEYS else v for k, v in data.items() if k not in PRIVATE_KEYS
    }
    for key in MUNICIPALITY_KEYS & public.keys():
        public[key] = municipality_names(public[key])
    return {
        "nummer": nummer,
        "status": status,
        "zorgaanbieder": public.get("zorgaanbieder", ""),
        "link": _link(event, public.get("pad", "/")),
        "aan_melder": event in REPORTER_EVENTS,
        "gemeente": gemeente.naam if gemeente else "",
        "gebeurtenis": event,
        "data": public,
    }


def _link(event: str, pad: str) -> str:
    """The address the mail links to; none when there is no page for its reader.

    A reporter (a member of the public) cannot open a staff page: a reporter's mail links
    only to the public pages (the personal answer page), otherwise to nothing.
    """
    if not pad:
        return ""
    if event in REPORTER_EVENTS and not pad.startswith(reverse("publiek:melden")):
        return ""
    return settings.SITE_URL + pad


_NOT_LOOKED_UP = object()


def render(*, event: str, context: dict, custom=_NOT_LOOKED_UP) -> Rendered:
    """The mail for ``event``; ``custom`` is the edited template (Sjabloon) when the
    caller looked it up already (one lookup for all recipients of an event)."""
    if custom is _NOT_LOOKED_UP:
        custom = custom_template(event)
    if custom is not None:
        onderwerp = _from_string(custom.onderwerp, context)
        tekst = _from_string(custom.tekst, context, autoescape=False)
        html = (
            _from_string(custom.html, context) if custom.html else _html(tekst, onderwerp, context)
        )
        return Rendered(_one_line(onderwerp), tekst, html, f"db:{event}")
    onderwerp = _one_line(_plain(f"notifications/{event}/onderwerp.txt", context))
    tekst = render_to_string(f"notifications/{event}/tekst.txt", {**context, "basis": TEXT_FRAME})
    html = render_to_string(
        f"notifications/{event}/tekst.txt",
        {**context, "basis": HTML_FRAME, "onderwerp": onderwerp},
    )
    return Rendered(onderwerp, tekst.strip() + "\n", html, f"notifications/{event}")


def _plain(name: str, context: dict) -> str:
    """A template rendered as text: a subject shows "Zorg & Co", not "Zorg &amp; Co"."""
    return get_template(name).template.render(Context(context, autoescape=False))


def custom_template(event: str):
    return Sjabloon.objects.filter(event=event).first()


def _from_string(source: str, context: dict, autoescape: bool = True) -> str:
    template = Template(
        source if autoescape else "{% autoescape off %}" + source + "{% endautoescape %}"
    )
    return template.render(Context(context, autoescape=autoescape))


def _html(tekst: str, onderwerp: str, context: dict) -> str:
    """The HTML of an edited template without HTML of its own: its paragraphs, each line
    kept, addresses made links."""
    paragraphs = [p.strip() for p in tekst.split("\n\n") if p.strip()]
    return render_to_string(
        "notifications/sjabloon.html",
        {**context, "onderwerp": _one_line(onderwerp), "alineas": paragraphs},
    )


def municipality_names(codes) -> list[str]:
    """CBS codes as readers know them: "Beuningen (GM0209)"; an unknown code as it is."""
    if not isinstance(codes, list | tuple):
        return codes
    names = dict(Gemeente.objects.filter(code__in=codes).values_list("code", "naam"))
    return [f"{names[code]} ({code})" if code in names else code for code in codes]


def dutch_date(value):
    """``value`` (a date, a datetime, or a date as the domain apps write it) as Dutch
    readers write it: "14 december 2026", "14 december 2026, 10:32". Anything else is
    returned as it is."""
    if isinstance(value, str):
        for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
            try:
                value = datetime.datetime.strptime(value.strip(), pattern).date()
                break
            except ValueError:
                continue
        else:
            return value
    if isinstance(value, datetime.datetime):
        return dates.datum_tijd(value)
    if isinstance(value, datetime.date):
        return dates.datum(value)
    return value


def _one_line(text: str) -> str:
    return " ".join(text.split())[:255]


def template_is_valid(source: str) -> str | None:
    """The syntax error of a template source, or None."""
    try:
        engines["django"].from_string(source)
    except Exception as exc:  # the admin shows the message
        return str(exc)
    return None
