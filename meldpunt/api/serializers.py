"""API serializers: they only check the shape of the input; the service decides."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from regio.api import history_serializer
from regio.models import Contract, Domein, Gemeente, Zorgaanbieder

from .. import selectors, services
from ..models import MAX_OMSCHRIJVING, Aard, Kanaal, Melding, StatusWijziging

API_KANALEN = [k for k in Kanaal.values if k not in (Kanaal.WEBFORMULIER, Kanaal.EMAIL_INBOUND)]


class StrictCharField(serializers.CharField):
    """Text only: a number or a boolean where text is expected is a client error."""

    default_error_messages = {"not_text": _("Geef hier tekst (een JSON-string).")}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)


class GemeenteCodeField(serializers.SlugRelatedField):
    default_error_messages = {
        "does_not_exist": _("Onbekende gemeentecode: {value}."),
        "invalid": _("Geef een CBS-gemeentecode als tekst, bijvoorbeeld GM0268."),
    }

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=Gemeente.objects.all(), **kwargs)


class ContractRefField(serializers.SlugRelatedField):
    default_error_messages = {
        "does_not_exist": _("Onbekend contract: {value}."),
        "invalid": _("Geef de referentie van een contract als tekst."),
    }

    def __init__(self, **kwargs):
        super().__init__(slug_field="referentie", queryset=Contract.objects.all(), **kwargs)


class ZorgaanbiederInSerializer(serializers.Serializer):
    id = serializers.IntegerField(required=False)
    naam = StrictCharField(required=False, max_length=200)
    kvk = StrictCharField(required=False, allow_blank=True, max_length=8)
    agb = StrictCharField(required=False, allow_blank=True, max_length=8)

    def validate(self, attrs):
        if "id" in attrs:
            try:
                attrs["object"] = Zorgaanbieder.objects.get(pk=attrs["id"])
            except Zorgaanbieder.DoesNotExist:
                raise serializers.ValidationError({"id": _("Onbekende zorgaanbieder.")}) from None
        elif not attrs.get("naam"):
            raise serializers.ValidationError(
                _("Geef {id} van een bekende zorgaanbieder of de naam.")
            )
        return attrs


class MelderSerializer(serializers.Serializer):
    naam = StrictCharField(required=False, allow_blank=True, max_length=200)
    email = serializers.EmailField(required=False, allow_blank=True)
    telefoon = StrictCharField(required=False, allow_blank=True, max_length=30)
    anoniem = serializers.BooleanField(default=False)


class ClientSerializer(serializers.Serializer):
    bsn = StrictCharField(required=False, allow_blank=True, max_length=9)
    naam = StrictCharField(required=False, allow_blank=True, max_length=200)
    geboortedatum = serializers.DateField(required=False, allow_null=True)
    woonplaats_gemeente = GemeenteCodeField(required=False, allow_null=True)


class MeldingInSerializer(serializers.Serializer):
    kanaal = serializers.ChoiceField(choices=API_KANALEN)
    omschrijving = StrictCharField(max_length=MAX_OMSCHRIJVING)
    domein = serializers.ChoiceField(choices=Domein.choices)
    aard = serializers.ChoiceField(choices=Aard.choices, required=False, allow_blank=True)
    zorgaanbieder = ZorgaanbiederInSerializer()
    vestiging_gemeente = GemeenteCodeField()
    contracten = serializers.ListField(child=ContractRefField(), required=False, max_length=50)
    melder = MelderSerializer(required=False)
    clienten = serializers.ListField(child=ClientSerializer(), required=False, max_length=50)

    def intake(self) -> services.Intake:
        data = self.validated_data
        aanbieder = data["zorgaanbieder"]
        melder = data.get("melder") or {}
        return services.Intake(
            kanaal=data["kanaal"],
            omschrijving=data["omschrijving"],
            domein=data["domein"],
            aard=data.get("aard", ""),
            zorgaanbieder=aanbieder.get("object"),
            nieuwe_zorgaanbieder=None
            if "object" in aanbieder
            else services.NieuweZorgaanbieder(
                naam=aanbieder["naam"],
                kvk_nummer=aanbieder.get("kvk", ""),
                agb_code=aanbieder.get("agb", ""),
            ),
            vestiging_gemeente=data["vestiging_gemeente"],
            contracten=data.get("contracten", []),
            melder=services.Melder(**melder),
            clienten=[services.ClientGegevens(**c) for c in data.get("clienten", [])],
        )


StatusWijzigingSerializer = history_serializer(StatusWijziging)


class MeldingOutSerializer(serializers.ModelSerializer):
    zorgaanbieder = serializers.SerializerMethodField()
    vestiging_gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True)
    contracten = serializers.SlugRelatedField(slug_field="referentie", many=True, read_only=True)
    historie = StatusWijzigingSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Melding
        fields = [
            "nummer",
            "status",
            "kanaal",
            "ontvangen_op",
            "domein",
            "aard",
            "acuut",
            "zorgaanbieder",
            "vestiging_gemeente",
            "contracten",
            "omschrijving",
            "historie",
            "url",
        ]

    def get_zorgaanbieder(self, obj) -> dict | None:
        z = obj.zorgaanbieder
        return {"id": z.pk, "naam": z.naam, "kvk": z.kvk_nummer} if z else None

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        path = f"/api/v1/meldingen/{obj.nummer}/"
        return request.build_absolute_uri(path) if request else path

    def to_representation(self, instance):
        data = super().to_representation(instance)
        user = self.context["request"].user if "request" in self.context else None
        if selectors.can_see_personal_data(user):
            data["melder"] = (
                None
                if instance.melder_anoniem
                else {
                    "naam": instance.melder_naam,
                    "email": instance.melder_email,
                    "telefoon": instance.melder_telefoon,
                }
            )
            data["melder_anoniem"] = instance.melder_anoniem
            data["clienten"] = [
                {
                    "bsn": c.bsn,
                    "naam": c.naam,
                    "geboortedatum": c.geboortedatum,
                    "woonplaats_gemeente": c.woonplaats_gemeente.code
                    if c.woonplaats_gemeente
                    else None,
                }
                for c in instance.clienten.all()
            ]
        return data


class MeldingCreatedSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Melding
        fields = ["nummer", "status", "ontvangen_op", "url"]

    def get_url(self, obj) -> str:
        return MeldingOutSerializer.get_url(self, obj)
