"""What every dossier page starts from: the dossier, if this user may see it; the actions
posted from the pages (a form, one service call each); and the sections that apps above
this one (the legal follow-up) add to the dossier page without this app importing them."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404

from regio.ui import submit

from . import selectors
from .models import Dossier


def visible_dossier(request, pk: int) -> Dossier:
    try:
        return selectors.dossier_detail(request.user, pk=pk)
    except Dossier.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class Action:
    form: type[forms.Form]
    perform: Callable  # (obj, user, cleaned_data) -> None
    permission: str
    done: str


def post_action(request, obj, name: str, actions: dict[str, Action], back, page, kwargs: dict):
    """Check the permission, validate the form of action ``name``, call the service.
    Done: its message on ``back``. Refused (by the form or the service): the page
    ``page`` (a view class, with ``kwargs``) once more with the bound form in place, its
    errors at the fields and on top (``regio.ui.submit``)."""
    if name not in actions:
        raise Http404
    action = actions[name]
    if not request.user.has_perm(action.permission):
        raise PermissionDenied
    form_name = name.replace("-", "_")
    return submit(
        request,
        action.form(request.POST, request.FILES, auto_id=f"id_{form_name}_%s"),
        lambda data: action.perform(obj, request.user, data),
        done=action.done,
        back=back,
        page=page,
        kwargs=kwargs,
        name=form_name,
    )


def values(data: dict, *keys: str) -> dict:
    """The ``keys`` of a form's cleaned data, as keyword arguments of a service."""
    return {k: data.get(k) for k in keys}


def unbound_forms(**classes) -> dict:
    """One form of each kind, with ids unique on the page (several share field names)."""
    return {name: cls(auto_id=f"id_{name}_%s") for name, cls in classes.items()}


@dataclass(frozen=True)
class Section:
    """A part of the dossier page's follow-up that another app shows: its template and
    its context (``context(dossier, user) -> dict``, seen in the template as ``sectie``),
    and the actions its forms post to ``handhaving:opvolging``."""

    template: str
    context: Callable
    actions: dict[str, Action]


_sections: list[Section] = []


def register_section(section: Section) -> None:
    if section not in _sections:
        _sections.append(section)


def sections(dossier: Dossier, user) -> list[dict]:
    return [{"template": s.template, **s.context(dossier, user)} for s in _sections]


def section_actions() -> dict[str, Action]:
    return {name: action for s in _sections for name, action in s.actions.items()}
