import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from meldpunt import services
from meldpunt.models import Melding, Status
from regio.events import Event, domain_event
from regio.models import Nummerreeks
from regio.roles import Rol

from .conftest import GELDIG_BSN


def intake(aanbieder, **overrides) -> services.Intake:
    values = {
        "kanaal": "telefoon",
        "omschrijving": "Zorgen over de zorg.",
        "domein": "wmo",
        "zorgaanbieder": aanbieder,
    }
    values.update(overrides)
    return services.Intake(**values)


def weging(route="geen_vervolg", **overrides) -> services.WegingInvoer:
    values = {
        "aard": "kwaliteit",
        "domein": "wmo",
        "ernst": "midden",
        "aannemelijkheid": "mogelijk",
        "motivering": "Weinig concreet.",
        "route": route,
        "reden": "Niet ernstig genoeg.",
    }
    values.update(overrides)
    return services.WegingInvoer(**values)


@pytest.fixture
def events():
    seen = []

    def listener(sender, **kwargs):
        seen.append(kwargs)

    domain_event.connect(listener)
    yield seen
    domain_event.disconnect(listener)


def test_registration_gives_consecutive_numbers_per_year(aanbieder):
    first = services.receive(intake=intake(aanbieder))
    second = services.receive(intake=intake(aanbieder))
    year = first.ontvangen_op.year
    assert (first.nummer, second.nummer) == (f"RMZ-{year}-00001", f"RMZ-{year}-00002")
    assert first.status == Status.GEREGISTREERD


def test_numbering_restarts_each_year(aanbieder):
    import datetime

    from django.utils import timezone

    old = services.receive(
        intake=intake(
            aanbieder, ontvangen_op=timezone.make_aware(datetime.datetime(2025, 12, 31, 23, 0))
        )
    )
    new = services.receive(intake=intake(aanbieder))
    assert old.nummer == "RMZ-2025-00001"
    assert new.nummer.endswith("-00001")


def test_a_rolled_back_registration_gives_its_number_back(aanbieder):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.receive(intake=intake(aanbieder))
        raise RuntimeError("boom")
    melding = services.receive(intake=intake(aanbieder))
    assert melding.nummer.endswith("-00001")
    assert Nummerreeks.objects.get(reeks="RMZ").laatste == 1


def test_status_cannot_be_set_directly(aanbieder):
    melding = services.receive(intake=intake(aanbieder))
    with pytest.raises(AttributeError):
        melding.status = Status.NAAR_HANDHAVING


def test_history_records_who_when_from_to_and_why(aanbieder, intaker):
    melding = services.receive(intake=intake(aanbieder), by=intaker)
    melding = services.weigh(melding=melding, by=intaker, invoer=weging())
    melding = services.route(melding=melding, by=intaker)
    rows = list(melding.historie.values_list("van", "naar", "door__username", "reden"))
    assert [(van, naar) for van, naar, *_ in rows] == [
        ("", "ontvangen"),
        ("ontvangen", "geregistreerd"),
        ("geregistreerd", "gewogen"),
        ("gewogen", "geen_vervolg"),
    ]
    assert rows[2][2] == "intaker"
    assert rows[3][3] == "Niet ernstig genoeg."


def test_acknowledgement_event_only_when_the_reporter_left_an_email(aanbieder, events):
    services.receive(intake=intake(aanbieder, melder=services.Melder(email="a@example.org")))
    services.receive(intake=intake(aanbieder, melder=services.Melder(anoniem=True)))
    acknowledgements = [e for e in events if e["event"] == Event.MELDING_ONTVANGEN]
    assert len(acknowledgements) == 1
    assert acknowledgements[0]["data"]["melder_email"] == "a@example.org"


def test_anonymous_reporter_details_are_not_stored(aanbieder):
    melding = services.receive(
        intake=intake(
            aanbieder, melder=services.Melder(naam="Geheim", email="g@example.org", anoniem=True)
        )
    )
    assert (melding.melder_naam, melding.melder_email) == ("", "")


def test_invalid_bsn_saves_nothing(aanbieder):
    bad = intake(aanbieder, clienten=[services.ClientGegevens(bsn="123456789")])
    with pytest.raises(ValidationError) as error:
        services.receive(intake=bad)
    assert "clienten[0].bsn" in error.value.message_dict
    assert not Melding.objects.exists()


def test_a_new_provider_with_a_seven_digit_kvk_is_refused_and_nothing_saved(regio):
    from regio.models import Zorgaanbieder

    bad = intake(
        None,
        zorgaanbieder=None,
        nieuwe_zorgaanbieder=services.NieuweZorgaanbieder(naam="X", kvk_nummer="1234567"),
    )
    with pytest.raises(ValidationError) as error:
        services.receive(intake=bad)
    assert "zorgaanbieder.kvk_nummer" in error.value.message_dict
    assert not Zorgaanbieder.objects.exists()
    assert not Melding.objects.exists()


def test_a_one_megabyte_description_is_refused(aanbieder):
    with pytest.raises(ValidationError) as error:
        services.receive(intake=intake(aanbieder, omschrijving="x" * 1024 * 1024))
    assert "omschrijving" in error.value.message_dict


def test_a_disguised_attachment_saves_nothing(aanbieder, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    good = services.Upload(naam="ok.pdf", inhoud=b"%PDF-1.4 fine")
    bad = services.Upload(naam="foto.png", inhoud=b"MZ not a png")
    with pytest.raises(ValidationError):
        services.receive(intake=intake(aanbieder, bijlagen=[good, bad]))
    assert not Melding.objects.exists()
    assert not any(tmp_path.rglob("*.*")) and not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_weighing_to_enforcement_needs_the_contract_or_pgb_municipality(aanbieder, intaker):
    melding = services.receive(intake=intake(aanbieder))
    with pytest.raises(ValidationError) as error:
        services.weigh(melding=melding, by=intaker, invoer=weging(route="naar_handhaving"))
    assert "Leg eerst het contract vast" in str(error.value)
    assert Melding.objects.get().status == Status.GEREGISTREERD


def test_forwarding_needs_a_recipient_and_a_reason(aanbieder, intaker):
    melding = services.receive(intake=intake(aanbieder))
    with pytest.raises(ValidationError) as error:
        services.weigh(
            melding=melding,
            by=intaker,
            invoer=weging(route="doorgeleid", reden="", doorgeleid_aan=""),
        )
    assert set(error.value.message_dict) >= {"doorgeleid_aan", "reden"}


def test_an_acute_report_cannot_end_without_follow_up(aanbieder, intaker):
    melding = services.receive(intake=intake(aanbieder))
    with pytest.raises(ValidationError, match="acute melding"):
        services.weigh(melding=melding, by=intaker, invoer=weging(ernst="acuut"))


def test_weighing_needs_the_weighing_permission(aanbieder, make_user):
    jurist = make_user(Rol.JURIST)
    melding = services.receive(intake=intake(aanbieder))
    with pytest.raises(PermissionDenied):
        services.weigh(melding=melding, by=jurist, invoer=weging())


def test_forwarded_report_records_when_and_to_whom_with_a_follow_up_date(
    aanbieder, intaker, settings
):
    settings.MELDPUNT_NAVRAGEN_DAGEN = 21
    melding = services.receive(intake=intake(aanbieder))
    melding = services.weigh(
        melding=melding,
        by=intaker,
        invoer=weging(
            route="doorgeleid", doorgeleid_aan="igj", reden="Toezicht op kwaliteit is aan de IGJ."
        ),
    )
    melding = services.route(melding=melding, by=intaker)
    doorgeleiding = melding.doorgeleiding
    assert melding.status == Status.DOORGELEID
    assert doorgeleiding.aan == "igj"
    assert (
        doorgeleiding.navragen_op - timezone.localtime(doorgeleiding.verzonden_op).date()
    ).days == 21
    services.record_forwarding_outcome(
        melding=melding,
        by=intaker,
        uitkomst="afgerond",
        toelichting="IGJ heeft een bezoek gebracht.",
    )
    doorgeleiding.refresh_from_db()
    assert doorgeleiding.uitkomst == "afgerond"


def test_enforcement_route_emits_the_involved_municipalities(aanbieder, contract, intaker, events):
    melding = services.receive(intake=intake(aanbieder, contracten=[contract]))
    melding = services.weigh(
        melding=melding,
        by=intaker,
        invoer=weging(route="naar_handhaving", ernst="acuut", contracten=[contract]),
    )
    assert melding.acuut
    melding = services.route(melding=melding, by=intaker)
    assert melding.status == Status.NAAR_HANDHAVING
    event = next(e for e in events if e["event"] == Event.MELDING_NAAR_HANDHAVING)
    assert sorted(event["data"]["betrokken_gemeenten"]) == sorted(
        contract.gemeenten.values_list("code", flat=True)
    )
    assert event["data"]["acuut"] is True


def test_events_carry_no_personal_data_outside_the_marked_list(aanbieder, events):
    services.receive(
        intake=intake(
            aanbieder,
            melder=services.Melder(naam="Jan Jansen", email="jan@example.org"),
            clienten=[services.ClientGegevens(bsn=GELDIG_BSN, naam="Piet Pietersen")],
        )
    )
    for event in events:
        public = {
            k: v for k, v in event["data"].items() if k not in ("_persoonlijk", "melder_email")
        }
        text = repr(public) + event["nummer"]
        for value in ("Jan Jansen", GELDIG_BSN, "Piet Pietersen", "Zorgen over de zorg."):
            assert value not in text


def test_ask_reporter_and_answer_through_the_personal_link(aanbieder, intaker, events):
    melding = services.receive(
        intake=intake(aanbieder, melder=services.Melder(email="m@example.org"))
    )
    verzoek = services.ask_reporter(melding=melding, by=intaker, vraag="Wanneer was dit?")
    event = next(e for e in events if e["event"] == Event.REACTIE_GEVRAAGD)
    assert event["data"]["pad"] == f"/melding/reactie/{verzoek.token}/"
    services.answer_reporter_question(token=verzoek.token, antwoord="Vorige week dinsdag.")
    verzoek.refresh_from_db()
    assert verzoek.antwoord == "Vorige week dinsdag." and not verzoek.is_open
    with pytest.raises(ValidationError, match="al beantwoord"):
        services.answer_reporter_question(token=verzoek.token, antwoord="Nog iets")


def test_a_reporter_without_email_cannot_be_asked(aanbieder, intaker):
    melding = services.receive(intake=intake(aanbieder))
    with pytest.raises(ValidationError, match="geen e-mailadres"):
        services.ask_reporter(melding=melding, by=intaker, vraag="?")


def test_a_typed_provider_is_linked_to_the_registered_one_and_merged_away(
    aanbieder, contract, intaker, regio
):
    melding = services.receive(
        intake=intake(
            None,
            nieuwe_zorgaanbieder=services.NieuweZorgaanbieder(naam="zorg en co"),
            zorgaanbieder=None,
        )
    )
    getypt = melding.zorgaanbieder
    assert getypt != aanbieder
    from meldpunt.selectors import provider_candidates

    assert list(provider_candidates("Zorg &", exclude=getypt.pk)) == [aanbieder]
    assert list(provider_candidates("87654321")) == [aanbieder]
    services.link_provider(melding=melding, zorgaanbieder=aanbieder, by=intaker)
    melding = Melding.objects.get(pk=melding.pk)
    assert melding.zorgaanbieder == aanbieder
    assert not type(getypt).objects.filter(pk=getypt.pk).exists()
    assert "Zorg & Co" in melding.historie.last().reden
    from meldpunt.forms import WegingForm

    assert list(WegingForm(melding=melding).fields["contracten"].queryset) == [contract]
