from django.contrib import admin, messages
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Doorgeleiding, Instantie, Melding, Ontvanger, StatusWijziging


class StatusWijzigingInline(admin.TabularInline):
    model = StatusWijziging
    extra = 0
    can_delete = False
    readonly_fields = ("van", "naar", "door", "op", "reden")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Melding)
class MeldingAdmin(admin.ModelAdmin):
    """Read-only: reports change only through the meldpunt's services and flow."""

    list_display = ("nummer", "status", "kanaal", "ontvangen_op", "zorgaanbieder", "acuut")
    list_filter = ("status", "kanaal", "acuut", "domein")
    search_fields = ("nummer", "zorgaanbieder__naam")
    exclude = (
        "melder_naam",
        "melder_email",
        "melder_telefoon",
        "omschrijving",
        "idempotency_key",
        "idempotency_hash",
    )
    inlines = [StatusWijzigingInline]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Ontvanger)
class OntvangerAdmin(admin.ModelAdmin):
    """The named recipients of forwarded reports (reference data). A recipient is made
    inactive, not deleted: its forwardings refer to it."""

    list_display = ("naam", "soort", "gemeente", "email", "mag_bsn", "actief")
    list_filter = ("actief", "soort", "mag_bsn", "gemeente")
    search_fields = ("naam", "email", "gemeente__naam")
    autocomplete_fields = ("gemeente",)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        # A local municipality without a recipient is also listed among the missing
        # contacts; another authority has no municipality to be listed under.
        for row in self._without_recipient():
            messages.warning(
                request,
                _(
                    "Geen actieve ontvanger voor %(soort)s: %(aantal)d doorgeleide melding(en) "
                    "met een open navraag kregen geen link."
                )
                % {"soort": Instantie(row["aan"]).label, "aantal": row["aantal"]},
            )
        return super().changelist_view(request, extra_context)

    @staticmethod
    def _without_recipient():
        open_forwardings = Doorgeleiding.objects.filter(
            ontvanger_adres=None, navragen_op__gte=timezone.localdate()
        ).exclude(aan=Instantie.GEMEENTE)
        covered = Ontvanger.objects.filter(actief=True).values("soort")
        return (
            open_forwardings.exclude(aan__in=covered)
            .values("aan")
            .annotate(aantal=Count("pk"))
            .order_by("aan")
        )
