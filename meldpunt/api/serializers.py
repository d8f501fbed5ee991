"""API serializers: they only check the shape of the input; the service decides."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from regio.api import ZorgaanbiederRefSerializer, history_serializer
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


def digits(count: int, message) -> RegexValidator:
    """Exactly ``count`` ASCII digits (or nothing: blank skips validators), also as the
    pattern in the schema; the service checks the rest (the BSN's elfproef)."""
    return RegexValidator(rf"^([0-9]{{{count}}})?$", message)


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
    kvk = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=8,
        validators=[digits(8, _("Een KvK-nummer bestaat uit precies 8 cijfers."))],
    )
    agb = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=8,
        validators=[digits(8, _("Een AGB-code bestaat uit precies 8 cijfers."))],
    )

    def validate(self, attrs):
        if "id" in attrs:
            try:
                attrs["object"] = Zorgaanbieder.objects.get(pk=attrs["id"])
            except Zorgaanbieder.DoesNotExist:
                raise serializers.ValidationError({"id": _("Onbekende zorgaanbieder.")}) from None
        elif not attrs.get("naam"):
            raise serializers.ValidationError(
                _("Geef het id van een bekende zorgaanbieder, of de naam.")
            )
        return attrs


class MelderSerializer(serializers.Serializer):
    naam = StrictCharField(required=False, allow_blank=True, max_length=200)
    email = serializers.EmailField(required=False, allow_blank=True)
    telefoon = StrictCharField(required=False, allow_blank=True, max_length=30)
    anoniem = serializers.BooleanField(default=False)


class ClientSerializer(serializers.Serializer):
    bsn = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=9,
        validators=[digits(9, _("Een BSN bestaat uit 9 cijfers."))],
    )
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


class MelderOutSerializer(serializers.Serializer):
    """The reporter's contact details; ``null`` for an anonymous report."""

    naam = serializers.CharField(source="melder_naam")
    email = serializers.CharField(source="melder_email")
    telefoon = serializers.CharField(source="melder_telefoon")

    def to_representation(self, instance):
        return None if instance.melder_anoniem else super().to_representation(instance)


class ClientOutSerializer(serializers.Serializer):
    bsn = serializers.CharField()
    naam = serializers.CharField()
    geboortedatum = serializers.DateField(allow_null=True)
    woonplaats_gemeente = serializers.CharField(
        source="woonplaats_gemeente.code", allow_null=True, help_text=_("CBS-gemeentecode")
    )

    def to_representation(self, instance):
        # Restricted processing (AVG art. 18; selectors.mark_restricted): left out, as on
        # the report's page, for all but the privacy officer.
        if getattr(instance, "afgeschermd", False):
            return {"bsn": "", "naam": "", "geboortedatum": None, "woonplaats_gemeente": None}
        return super().to_representation(instance)


# Personal data: only in the answer to a user who may see them (and then always).
PERSONAL_FIELDS = ("melder", "melder_anoniem", "clienten")


class MeldingOutSerializer(serializers.ModelSerializer):
    zorgaanbieder = serializers.SerializerMethodField()
    vestiging_gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True)
    contracten = serializers.SlugRelatedField(slug_field="referentie", many=True, read_only=True)
    historie = StatusWijzigingSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()
    # Not read-only, so that the schema marks them optional: they are left out for a
    # user without the right to see personal data. The serializer only writes answers.
    melder = MelderOutSerializer(
        source="*",
        required=False,
        allow_null=True,
        help_text=_("Alleen met inzage in persoonsgegevens."),
    )
    melder_anoniem = serializers.BooleanField(
        required=False, help_text=_("Alleen met inzage in persoonsgegevens.")
    )
    clienten = ClientOutSerializer(
        many=True, required=False, help_text=_("Alleen met inzage in persoonsgegevens.")
    )

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
            *PERSONAL_FIELDS,
        ]

    @extend_schema_field(ZorgaanbiederRefSerializer(allow_null=True))
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
        if not selectors.can_see_personal_data(user):
            for name in PERSONAL_FIELDS:
                data.pop(name)
        return data


class MeldingCreatedSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Melding
        fields = ["nummer", "status", "ontvangen_op", "url"]

    def get_url(self, obj) -> str:
        return MeldingOutSerializer.get_url(self, obj)
