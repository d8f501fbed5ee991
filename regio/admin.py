from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from .models import (
    Besluitsoort,
    Contactpersoon,
    Contract,
    Deelname,
    Domein,
    Gebruiker,
    Gemeente,
    Mandaat,
    PubliekeTekst,
    Samenwerkingsverband,
    Vestiging,
    Zorgaanbieder,
)


class DomeinenField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.pop("max_length", None)
        super().__init__(choices=Domein.choices, **kwargs)


class DomeinenAdminMixin:
    """Domains are stored as a JSON list; edited as check boxes."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "direct_domeinen" or (db_field.name == "domeinen" and db_field.blank):
            return DomeinenField(
                label=db_field.verbose_name.capitalize(),
                required=False,
                help_text=db_field.help_text,
            )
        if db_field.name == "domeinen":
            return DomeinenField(label=db_field.verbose_name.capitalize(), required=True)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class BesluitsoortenField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        for key in ("encoder", "decoder", "max_length"):
            kwargs.pop(key, None)
        super().__init__(choices=Besluitsoort.choices, **kwargs)


@admin.register(Mandaat)
class MandaatAdmin(DomeinenAdminMixin, admin.ModelAdmin):
    """The mandate register (DVO BW/MO art. 4.1, Bijlage A; Samenwerkingsovereenkomst ROB
    art. 3): kept by beheer. A mandate is ended, not deleted: decisions refer to it."""

    list_display = ("__str__", "geldig_van", "geldig_tot", "beeindigd_op", "bron")
    list_filter = ("gever", "gever_orgaan", "houder_rol", "samenwerkingsverband")
    search_fields = ("gever__naam", "bron", "vindplaats", "houder_gebruiker__username")
    autocomplete_fields = ("gever", "houder_gemeente", "houder_gebruiker")
    readonly_fields = ("sleutel", "vastgelegd_op")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "besluiten":
            return BesluitsoortenField(label=db_field.verbose_name.capitalize(), required=True)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ("code", "naam")
    search_fields = ("code", "naam")


class DeelnameInline(admin.TabularInline):
    model = Deelname
    extra = 0
    autocomplete_fields = ("gemeente",)


@admin.register(Samenwerkingsverband)
class SamenwerkingsverbandAdmin(DomeinenAdminMixin, admin.ModelAdmin):
    list_display = ("code", "naam", "uitvoerder")
    inlines = [DeelnameInline]


class VestigingInline(admin.TabularInline):
    model = Vestiging
    extra = 0
    autocomplete_fields = ("gemeente",)


@admin.register(Zorgaanbieder)
class ZorgaanbiederAdmin(admin.ModelAdmin):
    list_display = ("naam", "kvk_nummer", "agb_code", "bibob", "bibob_datum")
    list_filter = ("bibob",)
    search_fields = ("naam", "kvk_nummer", "agb_code")
    inlines = [VestigingInline]
    # One door: a Bibob investigation is started and ended on the provider's page in the
    # staff UI (regio.services.start_bibob), which tells the ROB partners; here it is shown.
    readonly_fields = ("bibob", "bibob_datum")


@admin.register(Vestiging)
class VestigingAdmin(admin.ModelAdmin):
    list_display = ("zorgaanbieder", "naam", "plaats", "gemeente")
    list_filter = ("gemeente",)
    search_fields = ("zorgaanbieder__naam", "naam", "plaats")
    autocomplete_fields = ("zorgaanbieder", "gemeente")


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ("referentie", "domein", "zorgaanbieder", "ingangsdatum", "einddatum")
    list_filter = ("domein", "samenwerkingsverband")
    search_fields = ("referentie", "zorgaanbieder__naam")
    autocomplete_fields = ("zorgaanbieder",)
    filter_horizontal = ("gemeenten",)


@admin.register(Contactpersoon)
class ContactpersoonAdmin(DomeinenAdminMixin, admin.ModelAdmin):
    list_display = ("naam", "gemeente", "email", "actief", "ontvangt", "wekelijks_overzicht")
    list_filter = ("actief", "gemeente")
    search_fields = ("naam", "email", "gemeente__naam")
    fieldsets = (
        (None, {"fields": ("gemeente", "naam", "email", "actief", "domeinen")}),
        (
            _("E-mail"),
            {
                "fields": ("direct_domeinen", "wekelijks_overzicht"),
                "description": _(
                    "Wijzigingen ter informatie komen in één dagelijks overzicht, tenzij de "
                    "contactpersoon ze voor een domein meteen wil ontvangen."
                ),
            },
        ),
    )

    @admin.display(description=_("statuswijzigingen"))
    def ontvangt(self, obj) -> str:
        labels = dict(Domein.choices)
        direct = [str(labels.get(d, d)) for d in obj.domeinen if d in obj.direct_domeinen]
        if not direct:
            return _("dagelijks overzicht")
        if len(direct) == len(obj.domeinen):
            return _("direct")
        return _("direct: %(domeinen)s; anders dagelijks overzicht") % {
            "domeinen": ", ".join(direct)
        }


class GebruikerInline(admin.StackedInline):
    model = Gebruiker
    can_delete = False
    verbose_name_plural = _("gemeente (voor de rol gemeente)")


admin.site.unregister(User)


@admin.register(User)
class GebruikerUserAdmin(UserAdmin):
    inlines = [GebruikerInline]


@admin.register(PubliekeTekst)
class PubliekeTekstAdmin(admin.ModelAdmin):
    """The privacy statement and the notices on a reporter's page, in beheer's words;
    without one the product's own text is shown (``regio.texts``)."""

    list_display = ("__str__", "gewijzigd_op")
