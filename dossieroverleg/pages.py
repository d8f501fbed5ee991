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


def visible_dossier(request, pk: int, *, part: bool = False) -> Dossier:
    """The dossier of a page (``part``: of a part of the page loaded on its own, without
    its related rows), if this user may see it; otherwise not found."""
    read = selectors.dossier_part if part else selectors.dossier_detail
    try:
        return read(request.user, pk=pk)
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
    return submit(
        request,
        action.form(request.POST, request.FILES, auto_id=f"id_{form_name(name)}_%s"),
        lambda data: action.perform(obj, request.user, data),
        done=action.done,
        back=back,
        page=page,
        kwargs=kwargs,
        name=form_name(name),
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
    and the actions its forms post to ``handhaving:opvolging``. Its forms are folded and
    loaded when opened (``handhaving:onderdeel``); a refused one comes back in
    ``sectie.forms``."""

    template: str
    context: Callable
    actions: dict[str, Action]


_sections: list[Section] = []


def register_section(section: Section) -> None:
    if section not in _sections:
        _sections.append(section)


def sections(dossier: Dossier, user, bound: dict | None = None) -> list[dict]:
    """The registered sections for the page, each with the refused forms of its actions
    in ``bound`` (``regio.ui.page_again``)."""
    bound = bound or {}
    return [
        {
            "template": s.template,
            **s.context(dossier, user),
            "forms": {n: bound[n] for n in map(form_name, s.actions) if n in bound},
        }
        for s in _sections
    ]


def form_name(action: str) -> str:
    """The name an action's form has on its page (``post_action``)."""
    return action.replace("-", "_")


def section_actions() -> dict[str, Action]:
    return {name: action for s in _sections for name, action in s.actions.items()}


@dataclass(frozen=True)
class Part:
    """A folded part of the dossier page, loaded when opened (``handhaving:onderdeel``):
    its template and its context (``context(dossier, user) -> dict``), and the
    permission (besides the staff's ``view_dossier``) the page asks before it offers it."""

    template: str
    context: Callable
    permission: str = "dossieroverleg.view_dossier"


_parts: dict[str, Part] = {}


def register_part(name: str, part: Part) -> None:
    """A folded part that an app above this one adds to the dossier page."""
    _parts[name] = part


def registered_parts() -> dict[str, Part]:
    return dict(_parts)
