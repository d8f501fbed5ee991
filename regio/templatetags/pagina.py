"""Template helpers for the site's own pages (error pages included)."""

from django import template
from django.core.exceptions import DisallowedHost
from django.utils.http import url_has_allowed_host_and_scheme

from regio import dates

register = template.Library()


@register.simple_tag(takes_context=True)
def vorige_pagina(context) -> str:
    """The page the user came from, when it is a page of this site; else empty.

    Read from the Referer header: the error pages work without JavaScript (the CSP allows
    no inline script), and a link to another site would be an open door for phishing.
    """
    request = context.get("request")
    if request is None:
        return ""  # the 500 page renders without a request
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except DisallowedHost:
        return ""
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    ):
        return referer
    return ""


@register.inclusion_tag("_foutoverzicht.html", takes_context=True)
def foutoverzicht(context) -> dict:
    """What is wrong in the page's forms, on top of the page, each linked to its field:
    every bound form with errors in the page's context, also those held in a dict or list
    of it (a page may hold several, one per action, some in a section)."""
    seen, items = set(), []
    for form in _forms_in([layer for layer in context.dicts if isinstance(layer, dict)]):
        if id(form) in seen or not form.is_bound or not form.errors:
            continue
        seen.add(id(form))
        items += [{"tekst": error} for error in form.non_field_errors()]
        for field in form:
            items += [
                {"label": field.label, "anker": field.auto_id, "tekst": error}
                for error in field.errors
            ]
    return {"fouten": items}


def _forms_in(value, depth: int = 0):
    from django import forms

    if isinstance(value, forms.BaseForm):
        yield value
    elif depth < 8 and isinstance(value, dict | list | tuple):
        for child in value.values() if isinstance(value, dict) else value:
            yield from _forms_in(child, depth + 1)


@register.filter
def euro(value) -> str:
    """An amount as "€ 1.500,00" (``regio.dates.euro``); empty stays empty."""
    return "" if value in (None, "") else dates.euro(value)
