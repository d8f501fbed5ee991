"""Texts the public reads, in the words `beheer` chose (``PubliekeTekst``) or else the
product's own (``regio/templates/regio/teksten/<sleutel>.txt``): the privacy statement of
the public pages (seed 000 Bijlage 1 art. 2.3; seed 002 Bijlage B 2.3: the data subject
is told of the processing before data are shared) and the notices on a reporter's page.
"""

from django.conf import settings
from django.template import Context, Template
from django.template.loader import get_template

from .models import PubliekeTekst

Sleutel = PubliekeTekst.Sleutel


def _source(sleutel: str) -> Template:
    custom = PubliekeTekst.objects.filter(sleutel=sleutel).values_list("tekst", flat=True).first()
    if custom:
        return Template(custom)
    return get_template(f"regio/teksten/{sleutel}.txt").template


def render(sleutel: str, **context) -> str:
    """The text of ``sleutel`` with ``context`` filled in, as plain text (the page
    escapes it and keeps its paragraphs)."""
    context.setdefault("bewaartermijn_dagen", settings.ANONIMISEREN_NA_DAGEN)
    return _source(sleutel).render(Context(context, autoescape=False)).strip()


def paragraphs(sleutel: str, **context) -> list[dict]:
    """The text as paragraphs; a paragraph's first line is its heading when the paragraph
    has more than one line (the privacy statement's sections)."""
    result = []
    for block in render(sleutel, **context).split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if len(lines) > 1:
            result.append({"kop": lines[0], "tekst": "\n".join(lines[1:])})
        else:
            result.append({"kop": "", "tekst": lines[0]})
    return result
