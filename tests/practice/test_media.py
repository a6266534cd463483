"""Uploads on the server's own disk, served by the site (core.views.media): pictures only, never a
script or a drawing, cached for ever; and the S3-compatible store configured from the environment."""

import datetime as dt

import pytest
from django.utils.http import http_date

from tests.test_production import production_env, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(media_root):
    folder = media_root / "practice" / "portrait"
    folder.mkdir(parents=True)
    (folder / "abc-640.avif").write_bytes(b"\x00\x00\x00\x1cftypavif")
    (folder / "evil.php").write_bytes(b"<?php phpinfo(); ?>")
    (folder / "drawing.svg").write_bytes(b"<svg><script>alert(1)</script></svg>")
    (folder / "page.html").write_bytes(b"<script>alert(1)</script>")
    return folder


def test_a_stored_picture_is_served_with_its_type_cached_for_ever_and_sandboxed(client, stored):
    response = client.get("/media/practice/portrait/abc-640.avif")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/avif"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x00\x1cftyp")
    later = http_date((dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).timestamp())
    assert (
        client.get("/media/practice/portrait/abc-640.avif", HTTP_IF_MODIFIED_SINCE=later).status_code == 304
    )


@pytest.mark.parametrize(
    "path",
    [
        "/media/practice/portrait/evil.php",
        "/media/practice/portrait/drawing.svg",
        "/media/practice/portrait/page.html",
        "/media/practice/portrait/missing.avif",
        "/media/../db.sqlite3",
        "/media/practice/portrait/../../../etc/passwd.jpg",
        "/media/%2e%2e/%2e%2e/etc/hosts.png",
    ],
)
def test_nothing_but_a_stored_picture_is_served(client, stored, path):
    assert client.get(path).status_code == 404


def test_the_media_view_only_reads(client, stored):
    assert client.post("/media/practice/portrait/abc-640.avif").status_code == 405


def test_an_s3_compatible_store_is_configured_from_the_environment(tmp_path):
    env = production_env(
        tmp_path,
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="ohjaamo-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.net",
        AWS_S3_CUSTOM_DOMAIN="media.ohjaamo.example.fi",
        AWS_ACCESS_KEY_ID="key",
        AWS_SECRET_ACCESS_KEY="secret",
    )
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings; from django.core.files.storage import default_storage, storages\n"
        "from django.urls import NoReverseMatch, reverse\n"
        "print(type(storages['default']).__name__)\n"
        "print(default_storage.url('practice/portrait/abc-640.avif'))\n"
        "print(' '.join(settings.SECURE_CSP['img-src']))\n"
        "try:\n    reverse('media', kwargs={'path': 'x.jpg'})\nexcept NoReverseMatch:\n    print('no local media')\n"
    )
    result = run(env, "-c", script)
    assert result.returncode == 0, result.stderr
    backend, url, img_src, local = result.stdout.strip().splitlines()
    assert backend == "S3Storage"
    assert url == "https://media.ohjaamo.example.fi/media/practice/portrait/abc-640.avif"
    assert "https://media.ohjaamo.example.fi" in img_src.split()
    assert local == "no local media"
    check = run(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert check.returncode == 0, check.stdout + check.stderr
