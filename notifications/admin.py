from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Notificatie, OntbrekendContact, Sjabloon, Status
from .rendering import context_for, render, template_is_valid
from .selectors import MOGELIJK_DUBBEL, PERSONAL_PERMISSION, shown_recipient
from .tasks import enqueue


class StatusFilter(admin.SimpleListFilter):
    """The statuses and, next to them, the mails that may have arrived twice (sent again
    after an interrupted attempt), each with its count: how many wait, fail or may be
    doubles is what an operator opens the outbox for."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Status.choices, (MOGELIJK_DUBBEL, _("mogelijk dubbel"))]

    @staticmethod
    def _condition(value) -> Q:
        return Q(mogelijk_dubbel=True) if value == MOGELIJK_DUBBEL else Q(status=value)

    def queryset(self, request, queryset):
        if self.value() in {value for value, _label in self.lookup_choices}:
            return queryset.filter(self._condition(self.value()))
        return queryset

    def get_facet_counts(self, pk_attname, filtered_qs):
        return {
            f"{i}__c": Count(pk_attname, filter=self._condition(value))
            for i, (value, _label) in enumerate(self.lookup_choices)
        }

    def choices(self, changelist):
        # The counts always, not only when the list's "show counts" is on; one query.
        counts = self.get_facet_queryset(changelist)
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("Alle"),
        }
        for i, (value, label) in enumerate(self.lookup_choices):
            yield {
                "selected": self.value() == str(value),
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": f"{label} ({counts[f'{i}__c']})",
            }


@admin.register(Notificatie)
class NotificatieAdmin(admin.ModelAdmin):
    """The outbox. Rows change only by delivery, receipts, or 'send again'."""

    list_display = (
        "aangemaakt_op",
        "event",
        "nummer",
        "gemeente",
        "aan",
        "status",
        "mogelijk_dubbel",
        "pogingen",
        "laatste_fout",
    )
    list_filter = (StatusFilter, "event", "aangemaakt_op", "gemeente")
    date_hierarchy = "aangemaakt_op"
    actions = ["opnieuw_verzenden"]

    # A reporter's address is personal data: only who may see reporters' details sees it
    # (or searches by it); the rest of beheer runs the outbox without it.
    def _personal(self, request) -> bool:
        return request.user.has_perm(PERSONAL_PERMISSION)

    def get_search_fields(self, request):
        fields = ("nummer", "message_id")
        return (*fields, "ontvanger") if self._personal(request) else fields

    def get_fields(self, request, obj=None):
        return self.get_readonly_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = [f.name for f in Notificatie._meta.fields if f.name != "id"]
        if not self._personal(request):
            fields[fields.index("ontvanger")] = "aan"
        return fields

    def get_list_display(self, request):
        shown = list(self.list_display)
        if self._personal(request):
            shown[shown.index("aan")] = "ontvanger"
        return shown

    @admin.display(description=_("aan"))
    def aan(self, obj):
        # Only shown to users without the right to see reporters' details.
        return shown_recipient(obj, None)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("gemeente")

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(
        description=_("Mislukte e-mails opnieuw versturen"), permissions=["opnieuw_verzenden"]
    )
    def opnieuw_verzenden(self, request, queryset):
        ids = []
        with transaction.atomic():
            # Locked without the list's joins (PostgreSQL cannot lock an outer join's side).
            rows = Notificatie.objects.select_for_update().filter(
                pk__in=list(queryset.values_list("pk", flat=True)), status=Status.MISLUKT
            )
            for row in rows:
                row.opnieuw()
                row.save()
                ids.append(row.pk)
            transaction.on_commit(lambda: enqueue(ids))
        skipped = queryset.exclude(pk__in=ids).count()
        messages.info(
            request,
            _("%(n)d e-mails opnieuw in de wachtrij; %(s)d overgeslagen (niet mislukt).")
            % {"n": len(ids), "s": skipped},
        )

    def has_opnieuw_verzenden_permission(self, request) -> bool:
        return request.user.has_perm("notifications.opnieuw_verzenden_notificatie")


@admin.register(OntbrekendContact)
class OntbrekendContactAdmin(admin.ModelAdmin):
    """The missing-contacts page: who could not be told, and bounced addresses."""

    list_display = (
        "gemeente",
        "domein",
        "reden",
        "adres",
        "aantal",
        "nummer",
        "laatst_op",
        "opgelost",
    )
    list_filter = ("opgelost", "reden", "gemeente", "domein")
    list_editable = ("opgelost",)
    readonly_fields = (
        "gemeente",
        "domein",
        "reden",
        "adres",
        "event",
        "nummer",
        "aantal",
        "eerst_op",
        "laatst_op",
    )

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Sjabloon)
class SjabloonAdmin(admin.ModelAdmin):
    list_display = ("event", "onderwerp", "gewijzigd_op")
    readonly_fields = ("voorbeeld",)

    def save_model(self, request, obj, form, change):
        for field in ("onderwerp", "tekst", "html"):
            error = template_is_valid(getattr(obj, field))
            if error:
                raise ValidationError({field: error})
        super().save_model(request, obj, form, change)

    @admin.display(description=_("Voorbeeld"))
    def voorbeeld(self, obj):
        if not obj.pk:
            return _("Sla het sjabloon op om een voorbeeld te zien.")
        context = context_for(
            event=obj.event,
            nummer="HH-2026-0001",
            status="besluit",
            data={
                "zorgaanbieder": "Voorbeeld Zorg BV",
                "pad": "/",
                "maatregelen": ["aanwijzing"],
                "conclusie": "advies",
            },
        )
        try:
            mail = render(event=obj.event, context=context)
        except Exception as exc:  # shown to the editor, who can fix the template
            return format_html("<strong>{}</strong>", str(exc))
        return format_html("<p><strong>{}</strong></p><pre>{}</pre>", mail.onderwerp, mail.tekst)
