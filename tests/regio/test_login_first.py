import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/portaal/", "/handhaving/", "/werk-meldingen/queue/"])
def test_a_page_opened_without_login_leads_to_the_login_and_back(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.mark.django_db
def test_the_api_does_not_redirect_to_a_login_page(client):
    response = client.get("/api/v1/taken/")
    assert response.status_code in (401, 403)


@pytest.mark.django_db
def test_a_logged_in_user_without_the_role_still_gets_403(client, regio, make_user):
    client.force_login(make_user("meldpunt"))
    assert client.get("/portaal/").status_code == 403
