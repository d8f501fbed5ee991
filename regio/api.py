"""API pieces every domain app shares."""

from rest_framework import pagination, serializers


class ZorgaanbiederRefSerializer(serializers.Serializer):
    """A provider as a report or dossier names it."""

    id = serializers.IntegerField()
    naam = serializers.CharField()
    kvk = serializers.CharField(allow_null=True)


class Paginering(pagination.PageNumberPagination):
    """DRF's page numbers, held to the schema (``page`` is an integer): an empty page or
    DRF's word ``last`` is an invalid page (404), not silently the first or the last."""

    last_page_strings = ()

    def get_page_number(self, request, paginator):
        return request.query_params.get(self.page_query_param, 1)


def history_serializer(model):
    """A serializer of a status history model (``regio.records.AbstractStatusWijziging``)."""

    class HistorySerializer(serializers.ModelSerializer):
        door = serializers.SerializerMethodField()

        class Meta:
            fields = ["van", "naar", "op", "door", "reden"]

        def get_door(self, obj) -> str | None:
            return obj.door.get_username() if obj.door else None

    HistorySerializer.Meta.model = model
    HistorySerializer.__name__ = f"{model.__name__}{model._meta.app_label.title()}Serializer"
    return HistorySerializer


class FoutSerializer(serializers.Serializer):
    """An error about the request as a whole, as DRF and our middleware answer it."""

    detail = serializers.CharField(help_text="De reden, in het Nederlands.")


class VeldfoutenSerializer(serializers.Serializer):
    """Errors per field, as DRF answers a serializer or form that did not validate:
    ``{"veld": ["melding", ...], "non_field_errors": [...]}``; errors of nested input
    nest, e.g. ``{"clienten": {"0": {"bsn": ["..."]}}}``. Its schema is written out in
    ``regio.openapi`` (a map from field name to messages)."""
