"""Every application in the menu opens a page its user may see, for every role."""

import pytest

from config.site import site
from regio.roles import ROLES, Rol


@pytest.fixture
def users(regio, make_user):
    found = {}
    for role in ROLES:
        gemeente = regio["GM0268"] if role == Rol.GEMEENTE else None
        found[role] = make_user(role, username=f"u-{role}", gemeente=gemeente)
    return found


@pytest.mark.parametrize("role", list(ROLES))
def test_every_application_in_the_menu_opens_a_page_the_role_may_see(role, users, client):
    user = users[role]
    client.force_login(user)
    pages = []
    for app in site.menu_items():
        if app.has_view_permission(user):
            pages.append((app.title, app))
            pages += [
                (f"{app.title} / {item.title}", item)
                for item in app.menu_items()
                if item.has_view_permission(user)
            ]
    failures = []
    for title, viewset in pages:
        url = viewset.reverse("index")
        response = client.get(url, follow=True)
        chain = " -> ".join([url, *(hop for hop, _status in response.redirect_chain)])
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            failures.append(f"{title}: {chain} answers {response.status_code} "
                            f"{response['Content-Type']}")  # fmt: skip
            continue
        html = response.content.decode()
        for text in ("No viewsets found", "Django Material"):
            if text in html:
                failures.append(f"{title}: {chain} shows {text!r}")
    assert not failures, "\n".join(failures)
