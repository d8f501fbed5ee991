from django import forms
from django.utils.translation import gettext_lazy as _

from regio.filters import GemeenteCodeField
from regio.models import Domein, Gemeente

ISO_DATE = ["%Y-%m-%d"]  # what <input type="date"> sends


class FigureFilterForm(forms.Form):
    """The filters of the dashboard and its exports (``regio.filters``): period, domain
    and (for staff) municipality. Empty means: the current half year, every domain, the
    whole region."""

    van = forms.DateField(label=_("Van"), input_formats=ISO_DATE, required=False)
    tot = forms.DateField(label=_("Tot"), input_formats=ISO_DATE, required=False)
    domein = forms.ChoiceField(label=_("Domein"), choices=Domein.choices, required=False)
    gemeente = GemeenteCodeField(label=_("Gemeente"))

    def clean_gemeente(self) -> str:
        code = self.cleaned_data["gemeente"]
        if code and not Gemeente.objects.filter(code=code).exists():
            raise forms.ValidationError(
                _("Onbekende gemeentecode: %(code)s."), params={"code": code}
            )
        return code


class CostsFilterForm(forms.Form):
    """Year and hourly rate of the cost allocation (``regio.filters``)."""

    jaar = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100, required=False)
    uurtarief = forms.DecimalField(
        label=_("Uurtarief"), min_value=0, max_digits=8, decimal_places=2, required=False
    )
