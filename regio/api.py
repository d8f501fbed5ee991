"""API pieces every domain app shares."""

from rest_framework import serializers


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
