"""What every dossier page starts from: the dossier, if this user may see it; the actions
posted from the pages (a form, one service call each); and the sections that apps above
this one (the legal follow-up) add to the dossier page without this app importing them."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from regio.ui import show_errors

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


def post_action(request, obj, action: Action, back):
    """Check the permission, validate the form, call the service; its refusal or success
    as a message on ``back``."""
    if not request.user.has_perm(action.permission):
        raise PermissionDenied
    form = action.form(request.POST, request.FILES)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return back
    try:
        action.perform(obj, request.user, form.cleaned_data)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, action.done)
    return back


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
