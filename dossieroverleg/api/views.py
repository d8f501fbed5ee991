"""Dossier API: read a dossier; its actions are tasks under /api/v1/taken/."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from regio import audit
from regio.api import history_serializer

from .. import selectors
from ..models import Dossier, StatusWijziging, Termijn

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
        if dossier.is_afgeschermd and not request.user.has_perm("dossieroverleg.view_dossier"):
            return Response({"nummer": dossier.nummer, "vertrouwelijk": True})
        data = DossierSerializer(dossier).data
        audit.record(audit.Actie.LEZEN, dossier, user=request.user, velden=sorted(data))
        if not request.user.has_perm("dossieroverleg.view_dossier"):
            data.pop("meldingen")  # municipalities see the case, not the reports behind it
        return Response(data)


class TermijnSerializer(serializers.ModelSerializer):
    dossier = serializers.SlugRelatedField(slug_field="nummer", read_only=True)
    gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True)
    eigenaar = serializers.SlugRelatedField(slug_field="username", read_only=True)
    verlopen = serializers.SerializerMethodField()

    class Meta:
        model = Termijn
        fields = [
            "id",
            "dossier",
            "soort",
            "omschrijving",
            "status",
            "start",
            "uiterlijk_kalender",
            "uiterlijk",
            "verschoven_wegens",
            "opgeschort_dagen",
            "verlenging_weken",
            "eigenaar",
            "gemeente",
            "verlopen",
        ]

    def get_verlopen(self, obj) -> bool:
        return obj.is_verlopen


class TermijnListView(ListAPIView):
    """Open deadlines of the dossiers the user may see, overdue first. Filters: ``soort``,
    ``eigenaar`` (user id), ``gemeente`` (CBS code), ``staat`` (verlopen, opgeschort),
    ``q`` (dossier number or description)."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = TermijnSerializer

    def get_queryset(self):
        if not self.request.user.has_perm("dossieroverleg.view_termijn"):
            raise PermissionDenied
        return selectors.filter_deadlines(
            selectors.open_deadlines(self.request.user), self.request.query_params
        )

    @extend_schema(
        summary="Open termijnen, verlopen eerst",
        parameters=[
            OpenApiParameter("soort", str, enum=Termijn.Soort.values),
            OpenApiParameter("eigenaar", int),
            OpenApiParameter("gemeente", str),
            OpenApiParameter("staat", str, enum=["verlopen", "opgeschort"]),
            OpenApiParameter("q", str),
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
