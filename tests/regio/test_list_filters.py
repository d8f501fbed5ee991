"""List filters in the address: a value the list does not know is a 400 with the reason
in Dutch, never a silently unfiltered (or empty) list; an empty value means no filter."""

import pytest
from django.contrib.auth.models import Group, User

from regio.roles import Rol


@pytest.fixture
def client(client, regio):
    user = User.objects.create_user(username="medewerker", password="a-long-test-password")
    for role in (Rol.MELDPUNT, Rol.HANDHAVER, Rol.JURIST, Rol.TEAMLEIDER):
        user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("/meldpunt/meldingen/?status=AAA", "Status: Selecteer een geldige keuze."),
        ("/meldpunt/meldingen/?kanaal=fax", "Kanaal: Selecteer een geldige keuze."),
        ("/meldpunt/meldingen/?acuut=ja", "Alleen acuut: Selecteer een geldige keuze."),
        ("/handhaving/dossiers/?status=AAA", "Status: Selecteer een geldige keuze."),
        ("/handhaving/dossiers/?prioriteit=hoogst", "Prioriteit: Selecteer een geldige keuze."),
        ("/handhaving/dossiers/?gemeente=Nijmegen", "Gemeente: Geef een CBS-gemeentecode"),
        ("/handhaving/dossiers/?behandelaar=x", "Behandelaar: Voer een geheel getal in."),
        ("/handhaving/termijnen/?staat=AAA", "Staat: Selecteer een geldige keuze."),
        ("/handhaving/termijnen/?soort=AAA", "Soort: Selecteer een geldige keuze."),
        ("/handhaving/termijnen/?eigenaar=99999999999999999999", "Eigenaar: "),
        ("/rapportage/dashboard/?domein=tandarts", "Domein: Selecteer een geldige keuze."),
        ("/rapportage/dashboard/?gemeente=GM9999", "Onbekende gemeentecode: GM9999."),
        ("/rapportage/dashboard/?van=2026-13-01", "Van: Voer een geldige datum in."),
        ("/rapportage/dashboard/?van=2026-07-01&tot=2026-01-01", "na haar begin eindigen"),
        ("/rapportage/tabellen.zip?domein=tandarts", "Domein: Selecteer een geldige keuze."),
        ("/rapportage/kostenverdeling.csv?jaar=volgend", "Jaar: Voer een geheel getal in."),
    ],
)
def test_an_unknown_filter_value_is_a_400_with_the_reason(client, url, reason):
    response = client.get(url)
    assert response.status_code == 400
    assert reason in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/meldpunt/meldingen/?status=&kanaal=&q=",
        "/meldpunt/meldingen/?status=geregistreerd&kanaal=telefoon&acuut=1",
        "/handhaving/dossiers/?status=&gemeente=&behandelaar=&prioriteit=&q=",
        "/handhaving/dossiers/?gemeente=GM0268&prioriteit=urgent",
        "/handhaving/termijnen/?soort=&gemeente=&staat=&q=",
        "/handhaving/termijnen/?staat=verlopen&gemeente=GM0268&soort=zienswijze",
        "/rapportage/dashboard/?van=&tot=&domein=&gemeente=",
        "/rapportage/dashboard/?van=2026-01-01&tot=2026-07-01&domein=wmo&gemeente=GM0268",
        "/rapportage/kostenverdeling.csv?jaar=2026&uurtarief=95",
    ],
)
def test_known_and_empty_filter_values_are_accepted(client, url):
    assert client.get(url).status_code == 200


def test_the_api_refuses_an_unknown_deadline_state_in_dutch(client):
    response = client.get("/api/v1/termijnen/?staat=AAA")
    assert response.status_code == 400
    assert response.json() == {"staat": ["Onbekende staat: „AAA”. Kies verlopen of opgeschort."]}
