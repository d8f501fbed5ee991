import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from dossieroverleg import services
from dossieroverleg.models import (
    Advies,
    BetrokkenheidWijziging,
    Dossier,
    Overleg,
    Prioriteit,
    Status,
)
from dossieroverleg.timeline import timeline
from regio.events import Event, domain_event
from tests.regio.factories import ContractFactory, VestigingFactory

from .conftest import (
    WITHOUT_WIJCHEN,
    bw_mo_dossier,
    dossier_at_advice,
    report_to_enforcement,
)


def reload(dossier):
    return Dossier.objects.get(pk=dossier.pk)


def test_an_acute_report_opens_an_urgent_dossier_with_its_involved_municipalities(
    people, rob_contract
):
    melding = report_to_enforcement(by=people["intake"], contract=rob_contract, ernst="acuut")
    dossier, new = services.open_dossier(melding=melding)
    assert new and dossier.nummer.startswith("HH-") and len(dossier.nummer) == 12
    assert dossier.prioriteit == Prioriteit.URGENT
    assert sorted(dossier.betrokken_gemeenten.values_list("code", flat=True)) == sorted(
        WITHOUT_WIJCHEN
    )
    assert list(dossier.historie.values_list("naar", flat=True)) == ["geopend"]


def test_a_second_report_links_to_the_open_dossier_named_at_weighing(people, rob_contract):
    first = report_to_enforcement(by=people["intake"], contract=rob_contract)
    dossier, _ = services.open_dossier(melding=first)
    second = report_to_enforcement(
        by=people["intake"], contract=rob_contract, ernst="acuut", dossier_nummer=dossier.nummer
    )
    linked, new = services.open_dossier(melding=second)
    assert not new and linked.pk == dossier.pk
    assert linked.meldingen.count() == 2
    assert reload(dossier).prioriteit == Prioriteit.URGENT


def test_involvement_is_recomputed_with_a_visible_change_record(people, rob_contract, regio):
    dossier, _ = services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=rob_contract)
    )
    with_wijchen = ContractFactory(
        referentie="ROB-WMO-2026-099",
        zorgaanbieder=rob_contract.zorgaanbieder,
        partijen=["GM0296", "GM0268"],
    )
    seen = []
    domain_event.connect(
        lambda sender, **kw: seen.append(kw), weak=False, dispatch_uid="test-betrokkenheid"
    )
    try:
        services.update_scope(
            dossier=dossier,
            by=people["handhaver"],
            contracten=[rob_contract, with_wijchen],
            reden="Tweede contract bij onderzoek gevonden",
        )
    finally:
        domain_event.disconnect(dispatch_uid="test-betrokkenheid")
    record = BetrokkenheidWijziging.objects.filter(dossier=dossier).last()
    assert record.toegevoegd == ["GM0296"] and record.verwijderd == []
    assert record.reden == "Tweede contract bij onderzoek gevonden"
    assert any(e["event"] == Event.DOSSIER_BETROKKENHEID_GEWIJZIGD for e in seen)
    assert "GM0296" in dossier.betrokken_gemeenten.values_list("code", flat=True)


def test_a_location_change_in_bw_mo_changes_the_involved_municipalities(people, regio):
    contract = ContractFactory(referentie="BWMO-2026-001", domein="bw_mo", partijen=["GM0268"])
    dossier = bw_mo_dossier(people, regio, contract)
    assert sorted(dossier.betrokken_gemeenten.values_list("code", flat=True)) == [
        "GM0225",
        "GM0268",
        "GM0281",
    ]
    beuningen = VestigingFactory(zorgaanbieder=contract.zorgaanbieder, gemeente=regio["GM0209"])
    services.update_scope(
        dossier=dossier,
        by=people["handhaver"],
        vestigingen=[beuningen],
        reden="Cliënten verhuisd naar locatie Beuningen",
    )
    assert sorted(dossier.betrokken_gemeenten.values_list("code", flat=True)) == [
        "GM0209",
        "GM0225",
        "GM0268",
    ]
    record = dossier.betrokkenheid_wijzigingen.last()
    assert (record.toegevoegd, record.verwijderd) == (["GM0209"], ["GM0281"])
    # The timeline names the municipalities, as their readers know them.
    shown = [e.tekst for e in timeline(dossier, staff=False) if e.soort == "betrokkenheid"]
    assert any(t.startswith("Betrokken gemeenten: erbij Beuningen, eraf Tiel") for t in shown)


def _meeting_and_dossier(people, contract, datum, vandaag, bevindingen: str):
    """A planned meeting and a dossier with one investigation activity."""
    dossier, _ = services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=contract)
    )
    overleg = services.plan_meeting(
        datum=datum,
        voorzitter=people["voorzitter"],
        secretaris=people["secretaris"],
        by=people["secretaris"],
    )
    services.add_activity(
        dossier=dossier,
        by=people["handhaver"],
        soort="dossieronderzoek",
        datum=vandaag,
        uitgevoerd_door="handhaver",
        bevindingen=bevindingen,
    )
    return dossier, overleg


def test_a_dossier_without_findings_cannot_be_put_on_an_agenda(
    people, rob_contract, morgen_10u, vandaag
):
    dossier, overleg = _meeting_and_dossier(people, rob_contract, morgen_10u, vandaag, "")
    with pytest.raises(ValidationError, match="geen bevindingen"):
        services.put_on_agenda(overleg=overleg, dossier=dossier, by=people["secretaris"])
    assert reload(dossier).status == Status.IN_ONDERZOEK
    assert not overleg.agendapunten.exists()


def test_a_dossier_goes_on_the_agenda_only_after_its_officer_finished_the_investigation(
    people, rob_contract, morgen_10u, vandaag
):
    dossier, overleg = _meeting_and_dossier(
        people, rob_contract, morgen_10u, vandaag, "Dossiers onvolledig."
    )
    from dossieroverleg.selectors import ready_for_agenda

    assert dossier not in ready_for_agenda(people["secretaris"])
    with pytest.raises(ValidationError, match="nog niet afgerond"):
        services.put_on_agenda(overleg=overleg, dossier=dossier, by=people["secretaris"])
    services.finish_investigation(dossier=dossier, by=people["handhaver"], samenvatting="Klaar.")
    assert dossier in ready_for_agenda(people["secretaris"])
    services.put_on_agenda(overleg=overleg, dossier=dossier, by=people["secretaris"])
    assert reload(dossier).status == Status.GEAGENDEERD


def test_a_meeting_cannot_be_held_before_its_planned_day(
    people, rob_contract, morgen_10u, vandaag, client_for
):
    dossier, _ = services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=rob_contract)
    )
    services.add_activity(
        dossier=dossier,
        by=people["handhaver"],
        soort="gesprek",
        datum=vandaag,
        uitgevoerd_door="handhaver",
        bevindingen="Medicatie niet op tijd.",
    )
    services.finish_investigation(dossier=dossier, by=people["handhaver"], samenvatting="s")
    secretaris = people["secretaris"]
    overleg = services.plan_meeting(
        datum=morgen_10u, voorzitter=people["voorzitter"], secretaris=secretaris, by=secretaris
    )
    services.put_on_agenda(overleg=overleg, dossier=dossier, by=secretaris)
    services.set_agenda(overleg=overleg, by=secretaris)
    with pytest.raises(ValidationError, match="pas vanaf die dag als gehouden"):
        services.hold_meeting(overleg=overleg, by=secretaris)
    # The secretary sees why on the meeting page; the meeting stays as it was.
    client = client_for(secretaris)
    response = client.post(f"/handhaving/overleg/{overleg.pk}/gehouden/", follow=True)
    assert "pas vanaf die dag als gehouden" in response.content.decode()
    assert Overleg.objects.get(pk=overleg.pk).status == "agenda_vastgesteld"
    # On the day itself it can.
    Overleg.objects.filter(pk=overleg.pk).update(datum=timezone.now())
    overleg = Overleg.objects.get(pk=overleg.pk)
    assert services.hold_meeting(overleg=overleg, by=secretaris).status == "gehouden"


def test_the_author_cannot_approve_their_own_advice(people, rob_contract):
    dossier = dossier_at_advice(people, rob_contract)
    advies = services.draft_advice(
        dossier=dossier,
        by=people["teamleider"],
        maatregelen=["aanwijzing"],
        motivering="m",
        juridische_grondslag="Wmo 2015 art. 6.1",
    )
    with pytest.raises(PermissionDenied, match="eigen advies"):
        services.review_advice(advies=advies, by=people["teamleider"], goedkeuren=True)
    assert Advies.objects.get(pk=advies.pk).status == Advies.Status.TER_GOEDKEURING
    services.review_advice(advies=advies, by=people["teamleider2"], goedkeuren=True)


def test_the_database_refuses_an_advice_approved_by_its_author(people, rob_contract):
    dossier = dossier_at_advice(people, rob_contract)
    advies = services.draft_advice(
        dossier=dossier,
        by=people["handhaver"],
        maatregelen=["waarschuwing"],
        motivering="m",
        juridische_grondslag="g",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Advies.objects.filter(pk=advies.pk).update(beoordeeld_door=people["handhaver"])


def test_a_case_officer_cannot_approve_advice(people, rob_contract):
    dossier = dossier_at_advice(people, rob_contract)
    advies = services.draft_advice(
        dossier=dossier,
        by=people["handhaver"],
        maatregelen=["waarschuwing"],
        motivering="m",
        juridische_grondslag="g",
    )
    with pytest.raises(PermissionDenied):
        services.review_advice(advies=advies, by=people["handhaver2"], goedkeuren=True)


def test_no_decision_without_approved_advice(people, rob_contract, vandaag):
    dossier = dossier_at_advice(people, rob_contract)
    with pytest.raises(ValidationError):
        services.record_decision(
            dossier=dossier,
            by=people["teamleider"],
            datum=vandaag,
            maatregelen=["waarschuwing"],
            bekendmaking_op=vandaag,
        )


def test_notification_date_cannot_precede_the_decision(people, rob_contract, vandaag):
    dossier = dossier_at_advice(people, rob_contract)
    with pytest.raises(ValidationError, match="bekendmaking"):
        services.record_decision(
            dossier=dossier,
            by=people["teamleider"],
            datum=vandaag,
            maatregelen=["waarschuwing"],
            bekendmaking_op=vandaag - datetime.timedelta(days=1),
        )


def test_status_history_is_stored_for_every_step(people, rob_contract):
    dossier = dossier_at_advice(people, rob_contract)
    assert list(dossier.historie.values_list("naar", flat=True)) == [
        "geopend",
        "in_onderzoek",
        "geagendeerd",
        "besproken",
        "advies",
    ]


def test_changing_a_contracts_parties_recomputes_open_dossiers(people, rob_contract, regio):
    dossier, _ = services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=rob_contract)
    )
    rob_contract.gemeenten.add(regio["GM0296"])
    record = dossier.betrokkenheid_wijzigingen.last()
    assert record.toegevoegd == ["GM0296"] and "ROB-WMO-2026-010" in record.reden
    assert "GM0296" in dossier.betrokken_gemeenten.values_list("code", flat=True)


def test_the_provider_page_lists_reports_and_dossiers(people, rob_contract, client):
    dossier, _ = services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=rob_contract)
    )
    client.force_login(people["handhaver"])
    page = client.get(f"/meldpunt/zorgaanbieder/{rob_contract.zorgaanbieder_id}/").content
    assert dossier.nummer.encode() in page and dossier.meldingen.get().nummer.encode() in page


def test_officers_record_costs_on_the_dossier_page(people, rob_contract, client):
    from dossieroverleg.models import Inzet

    dossier, _ = services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=rob_contract)
    )
    client.force_login(people["handhaver"])
    client.post(
        f"/handhaving/dossier/{dossier.pk}/inzet/",
        {"datum": "2026-03-01", "uren": "4.5", "omschrijving": "Bezoek en verslag"},
    )
    assert Inzet.objects.get(dossier=dossier).uren == Decimal("4.5")
    client.force_login(people["secretaris"])
    client.post(
        f"/handhaving/dossier/{dossier.pk}/inzet/",
        {"datum": "2026-03-01", "uren": "1", "omschrijving": "x"},
    )
    assert Inzet.objects.count() == 1
