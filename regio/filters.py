"""The filters of a list page, read from its address with a form. A value the list does
not know (``?status=AAA``) is refused with a 400 and the reason, instead of silently
showing an unfiltered or an empty list. An empty value means: no filter."""

from django import forms
from django.core.exceptions import BadRequest
from django.utils.translation import gettext_lazy as _

# A database id in an address: digits, at most what the database holds (a BigAutoField).
MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(required=False, min_value=1, max_value=MAX_ID, **kwargs)


class GemeenteCodeField(forms.RegexField):
    def __init__(self, **kwargs):
        super().__init__(
            regex=r"^GM[0-9]{4}$",
            required=False,
            error_messages={"invalid": _("Geef een CBS-gemeentecode, bijvoorbeeld GM0268.")},
            **kwargs,
        )


def cleaned(form_class: type[forms.Form], params) -> dict:
    """The form's cleaned filters, or BadRequest with every reason (shown on the 400 page)."""
    form = form_class(params)
    if form.is_valid():
        return form.cleaned_data
    reasons = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        reasons.append(f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    raise BadRequest(" ".join(reasons))
