import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "lang"), [("/", "fi"), ("/sv/", "sv"), ("/en/", "en")])
def test_home_page_answers_in_each_language(client, path, lang):
    response = client.get(path)
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()


@pytest.mark.django_db
def test_every_response_has_a_strict_content_security_policy_and_a_request_id(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert len(response.headers["X-Request-ID"]) >= 8
    assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.mark.django_db
def test_unknown_page_is_a_plain_404_in_the_visitors_language(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_the_language_switcher_keeps_the_query_but_hreflang_does_not(client):
    html = client.get("/?service=supervision&x=1").content.decode()
    assert 'href="/en/?service=supervision&amp;x=1" hreflang="en"' in html
    assert 'hreflang="en" href="http://127.0.0.1:8000/en/"' in html
