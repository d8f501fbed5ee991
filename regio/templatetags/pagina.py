"""Template helpers for the site's own pages (error pages included)."""

from django import template
from django.core.exceptions import DisallowedHost
from django.utils.http import url_has_allowed_host_and_scheme

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
    every bound form with errors that the page has in its context (a page may hold
    several, one per action)."""
    from django import forms

    seen, items = set(), []
    for layer in context.dicts:
        for value in layer.values() if isinstance(layer, dict) else ():
            if not isinstance(value, forms.BaseForm) or id(value) in seen:
                continue
            seen.add(id(value))
            if not value.is_bound or not value.errors:
                continue
            items += [{"tekst": error} for error in value.non_field_errors()]
            for field in value:
                items += [
                    {"label": field.label, "anker": field.auto_id, "tekst": error}
                    for error in field.errors
                ]
    return {"fouten": items}
