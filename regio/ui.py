"""Building blocks for the staff UI (viewflow Material): a page in an app's menu, an
application that opens on the first page its user may see, the base of a page, a date
field, and showing a service's refusal: at the fields of the form, on the page again."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core import paginator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Window
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from viewflow.urls import Application, AppMenuMixin, Viewset
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


class _FirstPageView(LoginRequiredMixin, View):
    viewset = None

    def get(self, request, *args, **kwargs):
        for item in self.viewset.menu_items():
            if item.has_view_permission(request.user):
                return redirect(item.reverse("index"))
        raise PermissionDenied(
            _("In %(app)s is geen pagina die u mag zien.") % {"app": self.viewset.title}
        )


class MenuApplication(Application):
    """An Application that opens on the first page of its menu the user may see.

    viewflow's own index redirects to the first address without parameters, whoever
    asks: a page only one role may use (planning a meeting) or a download (a PDF) would
    greet everyone else.
    """

    @property
    def index_path(self):
        return path("", _FirstPageView.as_view(viewset=self), name="index")


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


def text_field(label, required: bool = False, max_length: int = 10_000) -> forms.CharField:
    """A text area of three rows."""
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=required,
        max_length=max_length,
    )


def apply_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's per-field errors on the form's fields (or on the form)."""
    if hasattr(error, "error_dict"):
        for name, messages_ in error.message_dict.items():
            field = name.split(".")[-1].split("[")[0]
            target = name if name in form.fields else (field if field in form.fields else None)
            for message in messages_:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def submit(request, form, perform: Callable, *, done, back, page, kwargs: dict, name: str):
    """A staff form posted: ``perform(cleaned_data)``, the one service call, when the form
    is valid; then ``done`` as a message on ``back``. Refused by the form or by the
    service (its ValidationError at the fields): the page ``page`` again with the form
    bound under ``name`` (``page_again``)."""
    if form.is_valid():
        try:
            perform(form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, done)
            return back
    return page_again(request, page, kwargs, {name: form})


def page_again(request, view_class, kwargs: dict, bound: dict) -> TemplateResponse:
    """The page ``view_class`` shows for ``kwargs`` once more, after a form on it was
    refused: each bound form of ``bound`` takes the place of the empty form of that name
    in the page's context (also inside a section's ``forms``), so that what is wrong shows
    on top and at each field and every typed value stays. A view that gives each row its
    own form reads ``self.bound`` (name to bound form) while building its context. Status
    422: understood, refused."""
    view = view_class()
    view.setup(request, **kwargs)
    view.bound = bound
    context = view.get_context_data(**kwargs)
    for name, form in bound.items():
        if not _put_form(context, name, form):
            context[name] = form
    return TemplateResponse(request, view.template_name, context, status=422)


def _put_form(value, name: str, form: forms.BaseForm, depth: int = 0) -> bool:
    if depth > 4:
        return False
    if isinstance(value, dict):
        if type(value.get(name)) is type(form):
            value[name] = form
            return True
        children = list(value.values())
    elif isinstance(value, list | tuple):
        children = value
    else:
        return False
    return any(_put_form(child, name, form, depth + 1) for child in children)


def show_errors(request, error) -> None:
    """A service's ValidationError as messages on the next page."""
    for message in error.messages:
        messages.error(request, message)


def page_in_one_query(qs, per_page: int, number) -> paginator.Page:
    """Page ``number`` of ``qs`` with its total read in the same query (a window count):
    one query for a list, empty or not, where ``Paginator`` makes two (and one when the
    list is empty). A number past the end gives the last page, as ``get_page`` does."""
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * per_page
    rows = list(qs.annotate(_total=Window(Count("*")))[start : start + per_page])
    pages = paginator.Paginator(qs, per_page)
    if not rows and number > 1:
        return pages.get_page(number)
    pages.count = rows[0]._total if rows else 0
    return paginator.Page(rows, number, pages)


class CappedPaginator(paginator.Paginator):
    """Pages of a long list that counts at most ``cap`` rows: ``COUNT(*)`` over a million
    reports reads them all, the first 1,001 rows of an index do not. Past the cap the
    list says "meer dan 1.000" and the last page is the cap's; a filter finds the rest.
    The cap is low on purpose: where need to know joins each row to its dossier, every
    counted row costs an index lookup (10,000 of them ~200 ms at a million reports), and
    past a thousand open items the exact number changes nobody's next step."""

    cap = 1_000

    @cached_property
    def count(self) -> int:
        # How many rows, up to the cap, does not depend on their order: without it the
        # database stops at the cap's row instead of sorting every row first.
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    @property
    def cap_label(self) -> str:
        """The cap as Dutch text writes it ("1.000")."""
        return f"{self.cap:,}".replace(",", ".")

    @property
    def total_label(self) -> str:
        """The count as a list or a menu shows it: "1.000+" past the cap."""
        return f"{self.cap_label}+" if self.capped else str(self.count)
