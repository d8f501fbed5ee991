from meldpunt.models import Melding


def test_api_post_registers_and_starts_the_flow(api, payload):
    response = api.post("/api/v1/meldingen/", payload, format="json")
    assert response.status_code == 201, response.content
    melding = Melding.objects.get()
    assert response.json()["nummer"] == melding.nummer
    tasks = api.get("/api/v1/taken/").json()
    assert [t["taak"] for t in tasks] == ["Wegen"], tasks
