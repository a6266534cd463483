"""Staff sign-in: a second factor when ADMIN_REQUIRE_2FA is on, backup codes, lockout after failures."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import StaffFactory
from workspace.twofactor import PENDING_KEY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("admin_in_english")]
PASSWORD = "correct horse battery staple"


def code(key_hex: str) -> str:
    return f"{TOTP(bytes.fromhex(key_hex)).token():06d}"


def sign_in(client, username, password=PASSWORD, token="", **extra):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "otp_token": token, "next": "/admin/"},
        HTTP_ACCEPT_LANGUAGE="en",
        **extra,
    )


@pytest.fixture
def require_2fa(settings):
    settings.ADMIN_REQUIRE_2FA = True


@pytest.fixture
def staff_with_totp():
    user = StaffFactory(is_superuser=True)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user, device


def test_with_2fa_on_a_password_alone_is_refused(client, require_2fa, staff_with_totp):
    user, _device = staff_with_totp
    response = sign_in(client, user.username)
    assert response.status_code == 200
    assert "Enter the code from your authenticator app" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_with_2fa_on_a_wrong_code_is_refused(client, require_2fa, staff_with_totp):
    user, _device = staff_with_totp
    response = sign_in(client, user.username, token="000000" if code(_device.key) != "000000" else "111111")
    assert "The code is not valid" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_with_2fa_on_a_valid_totp_code_lets_the_staff_member_in(client, require_2fa, staff_with_totp):
    user, device = staff_with_totp
    response = sign_in(client, user.username, token=code(device.key))
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_backup_code_signs_in_once(client, require_2fa, staff_with_totp):
    user, _device = staff_with_totp
    client.force_login(user)
    # A session that no factor verified can't see admin, nor make backup codes.
    assert client.get(reverse("admin:index")).status_code == 302
    assert client.post(reverse("admin:two_factor"), {"action": "backup"}).status_code == 302
    assert not StaticToken.objects.exists()
    client.logout()
    sign_in(client, user.username, token=code(_device.key))
    page = client.post(reverse("admin:two_factor"), {"action": "backup"}).content.decode()
    codes = re.findall(r"<li><code>(\w+)</code></li>", page)
    assert len(codes) == 10 and StaticToken.objects.count() == 10
    client.logout()

    assert sign_in(client, user.username, token=codes[0]).status_code == 302
    client.logout()
    assert "The code is not valid" in sign_in(client, user.username, token=codes[0]).content.decode()
    assert StaticToken.objects.count() == 9


def test_with_2fa_on_a_newcomer_sets_up_an_authenticator_and_sees_nothing_else_first(client, require_2fa):
    user = StaffFactory(is_superuser=True)
    response = sign_in(client, user.username)
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 302  # not verified
    assert client.get(reverse("admin:login")).url == reverse("admin:two_factor")
    assert client.get(reverse("admin:workspace_calendar")).status_code == 302

    page = client.get(reverse("admin:two_factor"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'src="data:image/svg+xml' in page and "Set up your authenticator app" in page
    key = client.session[PENDING_KEY]
    assert (
        client.post(reverse("admin:two_factor"), {"action": "confirm", "token": "12345"}).status_code == 400
    )
    assert not TOTPDevice.objects.exists()

    response = client.post(reverse("admin:two_factor"), {"action": "confirm", "token": code(key)})
    assert response.status_code == 200
    assert len(re.findall(r"<li><code>\w+</code></li>", response.content.decode())) == 10
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get(reverse("admin:index")).status_code == 200  # this session is verified now

    client.logout()
    assert SESSION_KEY not in client.session
    sign_in(client, user.username)
    assert SESSION_KEY not in client.session  # from now on the code is asked for


def test_with_2fa_off_a_password_is_enough_for_staff_without_an_authenticator(client):
    user = StaffFactory(is_superuser=True)
    assert sign_in(client, user.username).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_test_clients_login_and_force_login_keep_working(client):
    user = StaffFactory(is_superuser=True)
    assert client.login(username=user.username, password=PASSWORD)
    assert client.get(reverse("admin:index")).status_code == 200
    client.logout()
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 200


def test_repeated_failures_lock_the_account_out_and_say_so(client, settings):
    user = StaffFactory(is_superuser=True)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, user.username, password="wrong password")
        assert response.status_code == 200
    response = sign_in(client, user.username, password="wrong password")
    assert response.status_code == 429
    # Even the right password is refused now from that address, and the page says why.
    response = sign_in(client, user.username)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed sign-ins." in page and "Try again in 15 minutes" in page
    assert SESSION_KEY not in client.session
    # Someone guessing from elsewhere does not lock the practitioner out of their own address.
    assert sign_in(client, user.username, REMOTE_ADDR="10.1.2.3").status_code == 302


def test_guessing_across_usernames_from_one_address_is_rate_limited(client, settings):
    settings.RATELIMIT_ENABLED = True
    settings.RATELIMIT_SIGN_IN = "6/h"
    cache.clear()  # the counts of other tests' sign-ins from the same address
    users = StaffFactory.create_batch(settings.AXES_FAILURE_LIMIT + 1)
    for user in users[:-1]:  # one wrong password each: no account is locked out
        assert sign_in(client, user.username, password="wrong password").status_code == 200
    assert sign_in(client, users[-1].username).status_code == 302  # the sixth try of the hour
    client.logout()
    assert sign_in(client, users[-1].username).status_code == 429  # the seventh is refused
    assert sign_in(client, users[-1].username, REMOTE_ADDR="10.9.9.9").status_code == 302


def test_wrong_codes_count_towards_the_lockout(client, require_2fa, staff_with_totp, settings):
    user, device = staff_with_totp
    wrong = "000000" if code(device.key) != "000000" else "111111"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, user.username, token=wrong)
    assert sign_in(client, user.username, token=code(device.key)).status_code == 429


def test_the_lockout_page_is_in_finnish_by_default(client, settings):
    settings.LANGUAGE_CODE = "fi"
    user = StaffFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("admin:login"), {"username": user.username, "password": "x"})
    response = client.post(reverse("admin:login"), {"username": user.username, "password": "x"})
    assert response.status_code == 429
    assert '<html lang="fi"' in response.content.decode()
