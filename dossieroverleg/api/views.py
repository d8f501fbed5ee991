"""Dossier API: read a dossier; its actions are tasks under /api/v1/taken/."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from regio.api import history_serializer

from .. import selectors
from ..models import Dossier, StatusWijziging

HistorieSerializer = history_serializer(StatusWijziging)


class DossierSerializer(serializers.ModelSerializer):
    zorgaanbieder = serializers.SerializerMethodField()
    betrokken_gemeenten = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    contracten = serializers.SlugRelatedField(slug_field="referentie", many=True, read_only=True)
    meldingen = serializers.SlugRelatedField(slug_field="nummer", many=True, read_only=True)
    historie = HistorieSerializer(many=True, read_only=True)

    class Meta:
        model = Dossier
        fields = [
            "nummer",
            "status",
            "domein",
            "prioriteit",
            "zorgaanbieder",
            "betrokken_gemeenten",
            "contracten",
            "meldingen",
            "geopend_op",
            "afgesloten_op",
            "historie",
        ]

    def get_zorgaanbieder(self, obj) -> dict:
        return {
            "id": obj.zorgaanbieder_id,
            "naam": obj.zorgaanbieder.naam,
            "kvk": obj.zorgaanbieder.kvk_nummer,
        }


class DossierDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        responses=DossierSerializer, summary="Een dossier met historie en betrokken gemeenten"
    )
    def get(self, request, nummer: str):
        try:
            dossier = selectors.dossier_detail(request.user, nummer=nummer)
        except Dossier.DoesNotExist:
            raise Http404 from None
        data = DossierSerializer(dossier).data
        if not request.user.has_perm("dossieroverleg.view_dossier"):
            data.pop("meldingen")  # municipalities see the case, not the reports behind it
        return Response(data)
