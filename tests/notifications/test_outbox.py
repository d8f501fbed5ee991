import base64
import json

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from dossieroverleg import services as dossier_services
from notifications.delivery import send_one
from notifications.models import Notificatie, OntbrekendContact, Sjabloon, Status
from notifications.privacy import PersonalDataInMail
from notifications.recipients import OVERVIEW_EVENTS, arrangement_members
from regio.events import Event, emit
from regio.models import Contactpersoon
from regio.services import start_bibob
from tests.dossieroverleg.conftest import report_to_enforcement
from tests.regio.factories import ContactpersoonFactory, ContractFactory, ZorgaanbiederFactory

BWMO = [
    "GM0268",
    "GM1945",
    "GM0209",
    "GM0214",
    "GM0216",
    "GM0225",
    "GM0252",
    "GM0944",
    "GM1740",
    "GM0281",
    "GM1960",
    "GM0668",
    "GM0296",
]


def contacts(regio, codes, per=1, domeinen=("wmo", "jeugd", "bw_mo")):
    """Contacts who take every change at once (the daily overview: test_daily.py)."""
    for code in codes:
        for n in range(per):
            ContactpersoonFactory(
                gemeente=regio[code],
                domeinen=list(domeinen),
                direct_domeinen=list(domeinen),
                email=f"c{n}.{code.lower()}@gemeente.example.org",
            )


def test_a_dossier_change_queues_one_row_per_contact_of_each_involved_municipality(regio, people):
    # 4 of 13: a contract with four parties; two contacts each, plus one for another domain.
    four = ["GM0268", "GM0209", "GM0225", "GM0252"]
    contract = ContractFactory(referentie="ROB-WMO-4", partijen=four)
    contacts(regio, BWMO, per=2)
    ContactpersoonFactory(gemeente=regio["GM0268"], domeinen=["jeugd"], email="j@x.example.org")
    melding = report_to_enforcement(by=people["intake"], contract=contract)
    with transaction.atomic():
        dossier, _ = dossier_services.open_dossier(melding=melding)
        rows = Notificatie.objects.filter(event=Event.DOSSIER_GEOPEND, nummer=dossier.nummer)
        # In the same transaction as the change: visible before the commit.
        assert rows.count() == 4 * 2
    assert sorted({r.gemeente.code for r in rows}) == sorted(four)
    assert "j@x.example.org" not in rows.values_list("ontvanger", flat=True)


def test_a_rolled_back_transition_queues_nothing(regio, people, rob_contract):
    contacts(regio, BWMO)
    melding = report_to_enforcement(by=people["intake"], contract=rob_contract)
    with pytest.raises(RuntimeError), transaction.atomic():
        dossier_services.open_dossier(melding=melding)
        assert Notificatie.objects.filter(event=Event.DOSSIER_GEOPEND).exists()
        raise RuntimeError("rollback")
    assert not Notificatie.objects.filter(event=Event.DOSSIER_GEOPEND).exists()


def test_wijchen_is_not_told_about_a_contract_it_is_not_party_to(regio, people, rob_contract):
    contacts(regio, BWMO)
    dossier_services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=rob_contract)
    )
    told = set(Notificatie.objects.values_list("gemeente__code", flat=True))
    assert "GM0296" not in told and "GM0268" in told


def test_a_bibob_investigation_is_told_to_the_rob_partners_only_and_once(regio, make_user):
    """Seed 000 art. 7.4: the partners of the Samenwerkingsovereenkomst ROB tell each other
    "dat ten aanzien van bepaalde (rechts)personen een Bibob-onderzoek is ingesteld". The
    BW/MO agreement (seed 002) has no such clause: a provider with a BW/MO contract does
    not make the Rivierenland municipalities hear of it."""
    import datetime

    from django.core.exceptions import ValidationError

    from regio.services import end_bibob

    contacts(regio, BWMO)
    aanbieder = ZorgaanbiederFactory()
    ContractFactory(
        referentie="BWMO-9", domein="bw_mo", zorgaanbieder=aanbieder, partijen=["GM0268"]
    )
    officer = make_user("handhaver")
    onderzoek = start_bibob(
        zorgaanbieder=aanbieder,
        datum=datetime.date(2026, 11, 2),
        by=officer,
        betrokkenen="Zorg BV en haar bestuurder J. Jansen",
    )
    told = Notificatie.objects.filter(event=Event.BIBOB_GESTART)
    rob = sorted(arrangement_members(code="rob-rvn"))
    assert sorted(told.values_list("gemeente__code", flat=True)) == rob
    assert "GM0281" not in rob  # Tiel (Rivierenland, BW/MO member) hears nothing
    for sent in told:  # the provider, never the persons investigated
        assert aanbieder.naam in sent.onderwerp + sent.tekst and "Jansen" not in sent.tekst
    aanbieder.refresh_from_db()
    assert aanbieder.bibob and aanbieder.bibob_datum == datetime.date(2026, 11, 2)
    # Once: a second start while it runs is refused, and nothing more is sent.
    with pytest.raises(ValidationError, match="loopt al"):
        start_bibob(
            zorgaanbieder=aanbieder, datum=datetime.date(2026, 11, 3), by=officer, betrokkenen="x"
        )
    assert told.count() == len(rob)
    # Ended: the history stays, the provider is no longer marked.
    end_bibob(onderzoek=onderzoek, datum=datetime.date(2026, 11, 20), by=officer)
    aanbieder.refresh_from_db()
    assert not aanbieder.bibob and aanbieder.bibob_onderzoeken.get().beeindigd_op
    # Only enforcement staff record one.
    with pytest.raises(PermissionDenied):
        start_bibob(
            zorgaanbieder=aanbieder,
            datum=datetime.date(2026, 11, 21),
            by=make_user("beheer"),
            betrokkenen="x",
        )


def test_the_admin_cannot_set_the_bibob_flag_past_the_service(regio, make_user, client):
    """One door: the admin shows the flag; setting it there would tell nobody."""
    aanbieder = ZorgaanbiederFactory()
    admin = make_user("beheer")
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    page = client.get(f"/beheer/regio/zorgaanbieder/{aanbieder.pk}/change/").content.decode()
    assert 'name="naam"' in page  # the provider's change form itself
    assert 'name="bibob"' not in page and 'name="bibob_datum"' not in page


def test_a_municipality_without_a_contact_is_reported_not_skipped(regio, people, rob_contract):
    contacts(regio, [c for c in BWMO if c != "GM0252"])
    dossier_services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=rob_contract)
    )
    gap = OntbrekendContact.objects.get()
    assert gap.gemeente.code == "GM0252" and gap.domein == "wmo"


def test_reemitting_the_same_event_creates_nothing(regio):
    contacts(regio, ["GM0268"])
    aanbieder = ZorgaanbiederFactory()
    for _ in range(2):
        emit(
            Event.BIBOB_GESTART,
            event_id="bibob:test:1",
            instance=aanbieder,
            nummer=aanbieder.naam,
            gemeenten=["GM0268"],
            data={"zorgaanbieder": aanbieder.naam},
        )
    assert Notificatie.objects.count() == 1


def test_the_reporter_gets_an_acknowledgement_without_the_report_text(regio, aanbieder):
    from meldpunt import services

    melding = services.receive(
        intake=services.Intake(
            kanaal="telefoon",
            omschrijving="Mijn vader Kees de Vries kreeg geen eten.",
            domein="wmo",
            zorgaanbieder=aanbieder,
            melder=services.Melder(naam="Anna de Vries", email="anna@example.org"),
        )
    )
    row = Notificatie.objects.get(event=Event.MELDING_ONTVANGEN)
    assert row.ontvanger == "anna@example.org" and melding.nummer in row.onderwerp
    for secret in ("Kees", "Anna", "eten"):
        assert secret not in row.tekst + row.html + row.onderwerp
    # No link to the staff pages (a reporter cannot open them): no link at all.
    assert "/meldpunt/" not in row.tekst + row.html and "href" not in row.html


def test_every_template_renders_without_personal_data(regio, people, rob_contract):
    """Render every event with data full of personal data: the check finds none in any
    queued mail, and refuses a mail that would carry it."""
    contacts(regio, BWMO)
    aanbieder = rob_contract.zorgaanbieder
    personal = [
        "Piet Pietersen",
        "111222333",
        "Jan Jansen",
        "jan@example.org",
        "0612345678",
        "Mijn moeder kreeg drie dagen geen medicatie.",
    ]
    data = {
        "_persoonlijk": personal,
        "zorgaanbieder": aanbieder.naam,
        "pad": "/x/",
        "melder_email": "melder@example.org",
        "maatregelen": ["aanwijzing"],
        "conclusie": "advies voorbereiden",
        "stap": "bezwaar",
        "termijn": "2026-12-01",
        "toegevoegd": ["GM0296"],
        "verwijderd": [],
        "user_ids": [people["handhaver"].pk],
        "week": "2026-W48",
        "dossiers": [],
        "_ontvanger": None,
    }
    people["handhaver"].email = "hh@rob.example.org"
    people["handhaver"].save()
    for event in Event.values:
        if event in OVERVIEW_EVENTS:
            continue
        emit(
            event,
            event_id=f"t:{event}",
            instance=aanbieder,
            nummer="HH-2026-0001",
            status="besluit",
            domein="wmo",
            gemeenten=["GM0268", "GM0225"],
            data=data,
        )
    rows = Notificatie.objects.all()
    assert rows.count() > 10
    for row in rows:
        text = row.onderwerp + row.tekst + row.html
        for value in personal:
            assert value not in text
        assert "HH-2026-0001" in text
        assert ("http" in row.tekst) != row.aan_melder  # "/x/" is no public page


def test_a_template_that_would_leak_personal_data_is_refused(regio, rob_contract):
    contacts(regio, ["GM0268"])
    Sjabloon.objects.create(
        event=Event.DOSSIER_GESLOTEN,
        onderwerp="Gesloten {{ nummer }}",
        tekst="Cliënt: {{ data.client }}",
    )
    with pytest.raises(PersonalDataInMail), transaction.atomic():
        emit(
            Event.DOSSIER_GESLOTEN,
            event_id="leak",
            instance=rob_contract.zorgaanbieder,
            nummer="HH-2026-0009",
            domein="wmo",
            gemeenten=["GM0268"],
            data={"client": "Piet Pietersen", "_persoonlijk": ["Piet Pietersen"]},
        )
    assert not Notificatie.objects.exists()


def test_a_bsn_or_a_strangers_email_is_refused_even_unmarked(regio, rob_contract):
    contacts(regio, ["GM0268"])
    Sjabloon.objects.create(event=Event.DOSSIER_GESLOTEN, onderwerp="x", tekst="{{ data.x }}")
    for value in ("111222333", "iemand@example.org"):
        with pytest.raises(PersonalDataInMail), transaction.atomic():
            emit(
                Event.DOSSIER_GESLOTEN,
                event_id=f"leak:{value}",
                instance=rob_contract.zorgaanbieder,
                nummer="HH",
                domein="wmo",
                gemeenten=["GM0268"],
                data={"x": value},
            )


def test_a_beheer_template_overrides_the_file_and_the_preview_renders(
    regio, rob_contract, admin_client
):
    contacts(regio, ["GM0268"])
    sjabloon = Sjabloon.objects.create(
        event=Event.DOSSIER_GESLOTEN,
        onderwerp="Afgesloten: {{ nummer }}",
        tekst="Dossier {{ nummer }} is klaar. {{ link }}",
    )
    emit(
        Event.DOSSIER_GESLOTEN,
        event_id="custom",
        instance=rob_contract.zorgaanbieder,
        nummer="HH-2026-0003",
        domein="wmo",
        gemeenten=["GM0268"],
        data={"pad": "/d/"},
    )
    row = Notificatie.objects.get()
    assert row.onderwerp == "Afgesloten: HH-2026-0003" and row.sjabloon == "db:dossier.gesloten"
    page = admin_client.get(f"/beheer/notifications/sjabloon/{sjabloon.pk}/change/")
    assert "Afgesloten: HH-2026-0001" in page.content.decode()


def test_delivery_sends_once_and_records_the_status(
    regio, rob_contract, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    contacts(regio, ["GM0268"])
    with django_capture_on_commit_callbacks(execute=True):
        emit(
            Event.DOSSIER_GESLOTEN,
            event_id="send-once",
            instance=rob_contract.zorgaanbieder,
            nummer="HH-2026-0004",
            domein="wmo",
            gemeenten=["GM0268"],
            data={},
        )
    row = Notificatie.objects.get()
    # Celery is eager in tests: the commit hook already sent it.
    assert row.status == Status.VERZONDEN and len(mail.outbox) == 1
    assert send_one(row.pk) == "overgeslagen" and len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [row.ontvanger] and message.alternatives[0][1] == "text/html"


def test_a_temporary_failure_backs_off_then_gives_up(
    regio, rob_contract, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    contacts(regio, ["GM0268"])
    with django_capture_on_commit_callbacks(execute=True):
        emit(
            Event.DOSSIER_GESLOTEN,
            event_id="fail",
            instance=rob_contract.zorgaanbieder,
            nummer="HH-2026-0005",
            domein="wmo",
            gemeenten=["GM0268"],
            data={},
        )
    row = Notificatie.objects.get()
    assert row.status == Status.WACHTEND and row.pogingen == 1
    assert "ConnectionRefusedError" in row.laatste_fout
    first_wait = row.volgende_poging
    assert send_one(row.pk) == "overgeslagen"  # not before its backoff is over
    Notificatie.objects.filter(pk=row.pk).update(volgende_poging=timezone.now())
    send_one(row.pk)
    row = Notificatie.objects.get(pk=row.pk)
    assert row.pogingen == 2 and row.volgende_poging > first_wait
    Notificatie.objects.filter(pk=row.pk).update(volgende_poging=timezone.now())
    send_one(row.pk)
    row = Notificatie.objects.get(pk=row.pk)
    assert row.status == Status.MISLUKT and row.pogingen == 3


def test_send_again_action_requeues_failed_rows(
    regio, rob_contract, admin_client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    contacts(regio, ["GM0268"])
    emit(
        Event.DOSSIER_GESLOTEN,
        event_id="again",
        instance=rob_contract.zorgaanbieder,
        nummer="HH-2026-0006",
        domein="wmo",
        gemeenten=["GM0268"],
        data={},
    )
    Notificatie.objects.update(status=Status.MISLUKT, laatste_fout="x")
    row = Notificatie.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/beheer/notifications/notificatie/",
            {"action": "opnieuw_verzenden", "_selected_action": [row.pk]},
        )
    row = Notificatie.objects.get(pk=row.pk)
    assert row.status == Status.VERZONDEN


def mark_sent(row, message_id: str) -> None:
    """As the provider would have it: sent, with the provider's message id."""
    assert send_one(row.pk) == "verzonden"
    Notificatie.objects.filter(pk=row.pk).update(message_id=message_id)


def _tracking(client, payload, auth: bool):
    headers = {}
    if auth:
        headers["HTTP_AUTHORIZATION"] = "Basic " + base64.b64encode(b"hook:geheim").decode()
    return client.post(
        "/webhooks/anymail/postmark/tracking/",
        data=json.dumps(payload),
        content_type="application/json",
        **headers,
    )


@pytest.mark.parametrize("signed", [True, False])
def test_only_signed_receipts_change_a_row(client, regio, rob_contract, settings, signed):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:geheim"}
    contacts(regio, ["GM0268"])
    emit(
        Event.DOSSIER_GESLOTEN,
        event_id="receipt",
        instance=rob_contract.zorgaanbieder,
        nummer="HH-2026-0007",
        domein="wmo",
        gemeenten=["GM0268"],
        data={},
    )
    row = Notificatie.objects.get()
    mark_sent(row, "pm-123")
    response = _tracking(
        client,
        {
            "RecordType": "Delivery",
            "MessageID": "pm-123",
            "Recipient": row.ontvanger,
            "DeliveredAt": "2026-11-25T10:00:00Z",
        },
        auth=signed,
    )
    row = Notificatie.objects.get(pk=row.pk)
    if signed:
        assert response.status_code == 200 and row.status == Status.AFGELEVERD
    else:
        assert response.status_code in (400, 401, 403) and row.status == Status.VERZONDEN


def test_a_bounce_shows_on_the_missing_contacts_page_and_the_timeline(
    client, regio, people, rob_contract, settings, admin_client
):
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:geheim"}
    contacts(regio, BWMO)
    dossier, _ = dossier_services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=rob_contract)
    )
    row = Notificatie.objects.filter(gemeente__code="GM0225").first()
    mark_sent(row, "pm-bounce")
    _tracking(
        client,
        {
            "RecordType": "Bounce",
            "MessageID": "pm-bounce",
            "Type": "HardBounce",
            "Email": row.ontvanger,
            "Description": "Mailbox bestaat niet",
            "BouncedAt": "2026-11-25T10:00:00Z",
            "ID": 1,
        },
        auth=True,
    )
    row = Notificatie.objects.get(pk=row.pk)
    assert row.status == Status.GEBOUNCED
    gap = OntbrekendContact.objects.get(reden="gebounced")
    assert gap.adres == row.ontvanger
    page = admin_client.get("/beheer/notifications/ontbrekendcontact/").content.decode()
    assert row.ontvanger in page
    client.force_login(people["handhaver"])
    page = client.get(f"/handhaving/dossier/{dossier.pk}/").content.decode()
    assert "gebounced" in page and "Druten" in page


def test_weekly_digest_lists_open_dossiers_for_opted_in_contacts(regio, people, rob_contract):
    from notifications.digest import send_digests

    contacts(regio, ["GM0225"])
    Contactpersoon.objects.update(wekelijks_overzicht=True)
    ContactpersoonFactory(gemeente=regio["GM0268"], email="nee@x.example.org")
    dossier, _ = dossier_services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=rob_contract)
    )
    assert send_digests() == 1
    row = Notificatie.objects.get(event=Event.WEKELIJKS_OVERZICHT)
    assert dossier.nummer in row.tekst and "geopend" in row.tekst
    assert send_digests() == 0  # once a week per contact


def test_missing_contacts_admin_is_for_beheer(client, make_user):
    user = make_user("handhaver")
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get("/beheer/notifications/ontbrekendcontact/").status_code == 403


def test_webhooks_are_closed_without_credentials_and_refuse_garbage(client, settings):
    settings.ANYMAIL = {}
    assert (
        client.post(
            "/webhooks/anymail/postmark/tracking/", data="{}", content_type="application/json"
        ).status_code
        == 403
    )
    settings.ANYMAIL = {"WEBHOOK_SECRET": "hook:geheim"}
    auth = "Basic " + base64.b64encode(b"hook:geheim").decode()
    response = client.post(
        "/webhooks/anymail/postmark/tracking/",
        data="geen json",
        content_type="application/json",
        HTTP_AUTHORIZATION=auth,
    )
    assert response.status_code == 400
    assert client.post("/webhooks/anymail/amazon_ses/tracking/").status_code == 404
