"""A data breach touching a case is told to the municipalities within 24 hours, watched as a
term (DVO BW/MO Bijlage B 4.2: "In geval van een datalek waarbij persoonsgegevens zijn
betrokken die betrekking hebben op een casus zullen Gemeenten elkaar zo spoedig mogelijk,
maar uiterlijk binnen 24 uur, daarover informeren.")."""

import datetime

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.utils import timezone

from dossieroverleg import services as dossier_services
from notifications.delivery import send_one
from notifications.models import Notificatie
from privacy import services
from privacy.models import Datalek
from regio.events import Event
from regio.roles import Rol
from termijnen.bewaking import sweep
from termijnen.models import Termijn, TermijnWijziging
from tests.dossieroverleg.conftest import WITHOUT_WIJCHEN, report_to_enforcement
from tests.regio.factories import ContactpersoonFactory

TZ = timezone.get_default_timezone()
# Monday 1 March 2027, 10:00: the breach was discovered two hours earlier.
REGISTERED = datetime.datetime(2027, 3, 1, 10, 0, tzinfo=TZ)
DISCOVERED = REGISTERED - datetime.timedelta(hours=2)


def clock(moment):
    return time_machine.travel(moment, tick=False)


def mails(event) -> list[str]:
    return sorted(Notificatie.objects.filter(event=event).values_list("ontvanger", flat=True))


def next_look(termijn):
    """When the sweep next looks at the term."""
    return Termijn.objects.get(pk=termijn.pk).volgende_controle


@pytest.fixture
def privacy_user(make_user):
    user = make_user(Rol.PRIVACY, username="fg")
    user.email = "fg@rob.example.org"
    user.save()
    return user


@pytest.fixture
def team_leads(people):
    for name in ("teamleider", "teamleider2"):
        people[name].email = f"{name}@rob.example.org"
        people[name].save()
    return people


@pytest.fixture
def report(people, rob_contract):
    """A report sent to enforcement whose dossier is not opened: a breach of it concerns
    no dossier at all."""
    return report_to_enforcement(by=people["intake"], contract=rob_contract)


def register(privacy_user, **cases):
    with clock(REGISTERED):
        return services.register_breach(
            by=privacy_user,
            omschrijving="Een overzicht ging naar een verkeerde ontvanger.",
            ontdekt_op=DISCOVERED,
            **cases,
        )


def test_a_breach_starts_a_24_hour_term_reminded_before_and_escalated_when_missed(
    report, privacy_user, team_leads, settings
):
    settings.TERMIJN_HERINNERING_UREN = 6
    lek = register(privacy_user, meldingen=[report])
    termijn = lek.termijn
    # Counted in hours from the discovery, not by days and not moved past a weekend.
    assert termijn.soort == Termijn.Soort.DATALEK and termijn.dossier is None
    assert termijn.uiterlijk_om == DISCOVERED + datetime.timedelta(hours=24)
    assert termijn.eigenaar == privacy_user and termijn.is_open
    reminder = termijn.uiterlijk_om - datetime.timedelta(hours=6)
    assert next_look(termijn) == reminder

    with clock(reminder - datetime.timedelta(minutes=5)):
        sweep()
    assert mails(Event.TERMIJN_HERINNERING) == []
    with clock(reminder + datetime.timedelta(minutes=5)):
        sweep()
    assert mails(Event.TERMIJN_HERINNERING) == ["fg@rob.example.org"]
    mail = Notificatie.objects.get(event=Event.TERMIJN_HERINNERING)
    assert mail.nummer == lek.nummer and "2 maart 2027, 08:00" in mail.tekst
    assert "/privacy/datalekken/" in mail.tekst

    # Missed: the escalation comes at the 24th hour, not at the end of that day.
    assert next_look(termijn) == termijn.uiterlijk_om
    with clock(termijn.uiterlijk_om - datetime.timedelta(minutes=1)):
        sweep()
    assert mails(Event.TERMIJN_VERLOPEN) == []
    with clock(termijn.uiterlijk_om + datetime.timedelta(minutes=1)):
        sweep()
        sweep()
    assert mails(Event.TERMIJN_VERLOPEN) == [
        "fg@rob.example.org",
        "teamleider2@rob.example.org",
        "teamleider@rob.example.org",
    ]
    kinds = list(termijn.historie.values_list("soort", flat=True))
    assert kinds.count(TermijnWijziging.Soort.GEESCALEERD) == 1


def test_the_term_is_done_once_every_municipality_got_the_breach_mail(
    people, rob_contract, privacy_user, regio
):
    dossier, _ = dossier_services.open_dossier(
        melding=report_to_enforcement(by=people["intake"], contract=rob_contract)
    )
    for code in WITHOUT_WIJCHEN:
        ContactpersoonFactory(gemeente=regio[code], email=f"privacy@{code.lower()}.example.org")
    lek = register(privacy_user, dossiers=[dossier])
    assert sorted(lek.gemeenten) == sorted(WITHOUT_WIJCHEN)
    rows = list(Notificatie.objects.filter(event=Event.DATALEK).order_by("pk"))
    assert len(rows) == len(WITHOUT_WIJCHEN)

    sent = clock(REGISTERED + datetime.timedelta(minutes=1))
    with sent:
        assert [send_one(row.pk) for row in rows[:-1]] == ["verzonden"] * (len(rows) - 1)
    lek = Datalek.objects.get(pk=lek.pk)
    assert lek.termijn.is_open  # one municipality has not had it yet
    assert services.informed_municipalities(lek) == set(WITHOUT_WIJCHEN) - {rows[-1].gemeente.code}

    with sent:
        assert send_one(rows[-1].pk) == "verzonden"
    termijn = Termijn.objects.get(pk=lek.termijn_id)
    assert termijn.status == Termijn.Status.AFGEROND
    done = termijn.historie.get(soort=TermijnWijziging.Soort.AFGEROND)
    assert done.toelichting == "Alle gemeenten zijn per e-mail geïnformeerd."
    with clock(termijn.uiterlijk_om + datetime.timedelta(hours=1)):
        sweep()
    assert mails(Event.TERMIJN_HERINNERING) == mails(Event.TERMIJN_VERLOPEN) == []


def test_the_officer_records_that_the_municipalities_were_told_otherwise(
    report, privacy_user, client_for
):
    """A municipality without a contact here gets no mail: the officer tells it another way
    and records how; that ends the term. A refused form shows the page again (422)."""
    lek = register(privacy_user, meldingen=[report])
    assert not Notificatie.objects.filter(event=Event.DATALEK).exists()
    client = client_for(privacy_user)
    page = client.get("/privacy/datalekken/").content.decode()
    assert lek.nummer in page and "Nog niet:" in page

    post = {"actie": "geinformeerd", "lek": lek.pk, f"gemeld{lek.pk}-toelichting": ""}
    refused = client.post("/privacy/datalekken/", post)
    assert refused.status_code == 422
    assert "hh-error-summary" in refused.content.decode()
    assert Termijn.objects.get(pk=lek.termijn_id).is_open

    post[f"gemeld{lek.pk}-toelichting"] = "Telefonisch, de FG's van de gemeenten om 11:00."
    assert client.post("/privacy/datalekken/", post).status_code == 302
    termijn = Termijn.objects.get(pk=lek.termijn_id)
    assert termijn.status == Termijn.Status.AFGEROND
    done = termijn.historie.get(soort=TermijnWijziging.Soort.AFGEROND)
    assert done.door == privacy_user and done.toelichting.startswith("Telefonisch")
    assert "Geïnformeerd" in client.get("/privacy/datalekken/").content.decode()


def test_only_a_breach_term_lives_outside_a_dossier(report, privacy_user):
    with pytest.raises(IntegrityError), transaction.atomic():
        Termijn.objects.create(
            soort=Termijn.Soort.NAZORG,
            omschrijving="Zonder dossier",
            start=timezone.localdate(),
            uiterlijk_kalender=timezone.localdate(),
            uiterlijk=timezone.localdate(),
        )
