"""The demo practitioner in Chromium: the demo content loaded as `make demo` loads it, and signing in
through admin's sign-in page (no second factor locally)."""

from django.contrib.auth import get_user_model
from django.core.cache import cache

from config.settings import base
from demo import site

PASSWORD = "correct horse battery staple"
WIDE = {"width": 1280, "height": 900}


class _Out:
    def write(self, text):
        pass


def demo_loaded(tmp_path, monkeypatch, *parts):
    """The demo's parts (site first, then `parts` in the demo command's order) and its admin, who is
    the demo practitioner, with a known password."""
    monkeypatch.setattr(base, "VAR_DIR", tmp_path)
    cache.clear()
    for part in (site, *parts):
        part.load(_Out())
    user = get_user_model().objects.get(username=site.ADMIN_USERNAME)
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(page, live_server):
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", site.ADMIN_USERNAME)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_server.url + "/admin/"
