"""Dossier API: read a dossier; its actions are tasks under /api/v1/taken/."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema, extend_schema_field
from rest_framework import permissions, serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from meldpunt.models import Melding
from regio import audit
from regio.api import ZorgaanbiederRefSerializer, history_serializer
from regio.filters import MAX_ID
from termijnen.models import Termijn

from .. import selectors
from ..models import Dossier, StatusWijziging

HistorieSerializer = history_serializer(StatusWijziging)


class DossierSerializer(serializers.ModelSerializer):
    zorgaanbieder = serializers.SerializerMethodField()
    betrokken_gemeenten = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    contracten = serializers.SlugRelatedField(slug_field="referentie", many=True, read_only=True)
    # Not read-only only so that the schema marks it optional: a municipality gets the
    # dossier without the reports behind it. This serializer only writes answers.
    meldingen = serializers.SlugRelatedField(
        slug_field="nummer",
        many=True,
        queryset=Melding.objects.none(),
        required=False,
        help_text="Alleen voor medewerkers.",
    )
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

    @extend_schema_field(ZorgaanbiederRefSerializer)
    def get_zorgaanbieder(self, obj) -> dict:
        return {
            "id": obj.zorgaanbieder_id,
            "naam": obj.zorgaanbieder.naam,
            "kvk": obj.zorgaanbieder.kvk_nummer,
        }


class AfgeschermdDossierSerializer(serializers.Serializer):
    """What a municipality sees of a secret dossier: that it exists."""

    nummer = serializers.CharField()
    vertrouwelijk = serializers.BooleanField()


class DossierDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        responses=PolymorphicProxySerializer(
            component_name="DossierOfAfgeschermd",
            serializers=[DossierSerializer, AfgeschermdDossierSerializer],
            resource_type_field_name=None,
        ),
        summary="Een dossier met historie en betrokken gemeenten",
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
    gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    eigenaar = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    verlopen = serializers.SerializerMethodField()
    # Declared, so that the schema is the same on every database: the model's integer
    # ranges (and so the schema's maximum) differ between SQLite and PostgreSQL.
    opgeschort_dagen = serializers.IntegerField(read_only=True, min_value=0)
    verlenging_weken = serializers.IntegerField(read_only=True, min_value=0)

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


class TermijnFilterSerializer(serializers.Serializer):
    """The filters of the deadline list; an unknown value is a 400, not an empty or
    unfiltered list."""

    soort = serializers.ChoiceField(
        choices=Termijn.Soort.choices,
        required=False,
        allow_blank=True,
        error_messages={"invalid_choice": _("Onbekende soort termijn: „{input}”.")},
    )
    eigenaar = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="Id van de gebruiker die de termijn bewaakt.",
        error_messages={"invalid": _("Geef het id van een gebruiker (een getal).")},
    )
    gemeente = serializers.RegexField(
        r"^GM[0-9]{4}$",
        required=False,
        allow_blank=True,
        help_text="CBS-gemeentecode, bijvoorbeeld GM0268.",
        error_messages={"invalid": _("Geef een CBS-gemeentecode, bijvoorbeeld GM0268.")},
    )
    staat = serializers.ChoiceField(
        choices=selectors.TERMIJN_STATEN,
        required=False,
        allow_blank=True,
        error_messages={
            "invalid_choice": _("Onbekende staat: „{input}”. Kies verlopen of opgeschort.")
        },
    )
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Zoek in het dossiernummer of de omschrijving.",
    )


class TermijnListView(ListAPIView):
    """Open deadlines of the dossiers the user may see, overdue first. Filters: ``soort``,
    ``eigenaar`` (user id), ``gemeente`` (CBS code), ``staat`` (verlopen, opgeschort),
    ``q`` (dossier number or description)."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = TermijnSerializer

    def get_queryset(self):
        if not self.request.user.has_perm("termijnen.view_termijn"):
            raise PermissionDenied
        filters = TermijnFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return selectors.filter_deadlines(
            selectors.open_deadlines(self.request.user), filters.validated_data
        )

    @extend_schema(summary="Open termijnen, verlopen eerst", parameters=[TermijnFilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
