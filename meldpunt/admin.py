from django.contrib import admin

from .models import Melding, StatusWijziging


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
