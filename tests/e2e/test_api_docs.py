"""In the browser: the API documentation (Swagger UI from drf-spectacular-sidecar) shows
every operation under the strict CSP, asking no host but our own."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from .conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_api_documentation_works_offline(page, live_server):
    call_command("load_regio", verbosity=0)
    account = User.objects.create_user(username="jara", password="a-long-test-password")
    account.groups.add(Group.objects.get(name="jurist"))
    login(page, live_server, "jara")
    errors, hosts = [], set()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector("text=Een melding aanleveren")
    assert page.get_by_text("Open termijnen, verlopen eerst").is_visible()
    assert errors == []
    assert hosts == {urlsplit(live_server.url).netloc}
