"""Building blocks for the staff UI (viewflow Material): a page in an app's menu, the base
of a page, a date field, and showing a service's refusal."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import path
from viewflow.urls import AppMenuMixin, Viewset
from viewflow.utils import Icon


class MenuPage(AppMenuMixin, Viewset):
    """One page listed in an Application's menu, shown only to users with ``permission``."""

    def __init__(
        self,
        *,
        app_name: str,
        title,
        icon: str,
        view,
        permission: str | None = None,
        extra_paths: tuple = (),
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.app_name = app_name
        self.title = title
        self.icon = Icon(icon)
        self._view = view
        self.permission = permission
        self._extra_paths = extra_paths

    @property
    def index_path(self):
        return path("", self._view, name="index")

    def _get_urls(self):
        return [*super()._get_urls(), *self._extra_paths]

    def has_view_permission(self, user, obj=None) -> bool:
        if not user.is_authenticated:
            return False
        return self.permission is None or user.has_perm(self.permission)


class Page(LoginRequiredMixin):
    """A logged-in page of the site with its title."""

    page_title = ""
    viewset = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("page_title", self.page_title)
        return context


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"})


def date_field(label, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=date_input())


def show_errors(request, error) -> None:
    """A service's ValidationError as messages on the next page."""
    for message in error.messages:
        messages.error(request, message)
