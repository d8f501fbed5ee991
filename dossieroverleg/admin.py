from django.contrib import admin

from .models import Dossier, Overleg


class ReadOnlyAdmin(admin.ModelAdmin):
    """Dossiers and meetings change only through their services and flows."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    list_display = ("nummer", "status", "zorgaanbieder", "domein", "prioriteit", "geopend_op")
    list_filter = ("status", "domein", "prioriteit")
    search_fields = ("nummer", "zorgaanbieder__naam")


@admin.register(Overleg)
class OverlegAdmin(ReadOnlyAdmin):
    list_display = ("datum", "status", "voorzitter", "secretaris")
