"""The language switcher links only to this site, whatever path a 404 was asked for."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def switcher_links(html: str) -> list[str]:
    nav = html[html.index('class="lang-switch"') :]
    nav = nav[: nav.index("</nav>")]
    return re.findall(r'href="([^"]*)"', nav)


@pytest.mark.parametrize(
    "path",
    [
        "/%2Fevil.example/",
        "/%2F%2Fevil.example/",
        "/%5Cevil.example/",
        "/\\evil.example/",
        "/https://evil.example/",
    ],
)
def test_a_404s_switcher_never_links_off_the_site(client: Client, path):
    response = client.get(path)
    assert response.status_code == 404
    links = switcher_links(response.content.decode())
    assert len(links) == 3
    for href in links:
        assert (
            href.startswith("/")
            and not href.startswith(("//", "/\\"))
            and "evil.example" not in href.split("/")[1]
        )
        assert "\\" not in href


def test_a_page_of_the_site_keeps_its_place_and_query_in_every_language(client: Client):
    response = client.get("/en/workplace-mediation/?x=1")
    assert response.status_code == 200
    assert "/en/workplace-mediation/?x=1" in switcher_links(response.content.decode())
