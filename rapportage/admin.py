from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Verzending


@admin.register(Verzending)
class VerzendingAdmin(admin.ModelAdmin):
    """Who received which report, and when the private link was first opened. Written by
    the sending only (``rapportage.distribution``)."""

    list_display = ("soort", "van", "gemeente", "contactpersoon", "verzonden_op", "geopend_op")
    list_filter = ("soort", "van", "gemeente")
    list_select_related = ("gemeente", "contactpersoon", "notificatie")
    date_hierarchy = "verzonden_op"
    readonly_fields = [
        "soort",
        "gemeente",
        "contactpersoon",
        "ontvanger",
        "van",
        "tot",
        "verzonden_op",
        "geopend_op",
        "notificatie",
        "bezorging",
    ]
    fields = readonly_fields

    @admin.display(description=_("bezorging e-mail"))
    def bezorging(self, obj) -> str:
        return obj.notificatie.get_status_display() if obj.notificatie_id else "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
