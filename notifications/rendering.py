"""What a mail says: the event's template (a beheer-adjusted one from the database, else
the file under ``templates/notifications/<event>/``), rendered for one recipient."""

from dataclasses import dataclass

from django.conf import settings
from django.template import Context, Template, engines
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Sjabloon
from .recipients import REPORTER_EVENTS

# Keys of the event data that are never shown in a mail.
PRIVATE_KEYS = {"_persoonlijk", "_ontvanger", "melder_email", "user_ids"}


@dataclass
class Rendered:
    onderwerp: str
    tekst: str
    html: str
    sjabloon: str


def context_for(*, event: str, nummer: str, status: str, data: dict, gemeente=None) -> dict:
    public = {k: v for k, v in data.items() if k not in PRIVATE_KEYS}
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
    onderwerp = render_to_string(f"notifications/{event}/onderwerp.txt", context)
    tekst = render_to_string(f"notifications/{event}/tekst.txt", context)
    return Rendered(
        _one_line(onderwerp),
        tekst.strip() + "\n",
        _html(tekst, onderwerp, context),
        f"notifications/{event}",
    )


def custom_template(event: str):
    return Sjabloon.objects.filter(event=event).first()


def _from_string(source: str, context: dict, autoescape: bool = True) -> str:
    template = Template(
        source if autoescape else "{% autoescape off %}" + source + "{% endautoescape %}"
    )
    return template.render(Context(context, autoescape=autoescape))


def _html(tekst: str, onderwerp: str, context: dict) -> str:
    paragraphs = [p.strip() for p in tekst.split("\n\n") if p.strip()]
    return render_to_string(
        "notifications/basis.html",
        {**context, "onderwerp": _one_line(onderwerp), "alineas": paragraphs},
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())[:255]


def template_is_valid(source: str) -> str | None:
    """The syntax error of a template source, or None."""
    try:
        engines["django"].from_string(source)
    except Exception as exc:  # the admin shows the message
        return str(exc)
    return None
