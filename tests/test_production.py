"""Production settings, run as a separate process with only what the README says is required."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

BASE_DIR = Path(__file__).resolve().parent.parent
REQUIRED = ("SECRET_KEY", "FIELD_ENCRYPTION_KEY", "ALLOWED_HOSTS", "DATABASE_URL")


def production_env(tmp_path, **overrides) -> dict[str, str]:
    """Only DEBUG=0 and the four required variables (no CACHE_URL, broker, mail or proxy settings)."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DEBUG": "0",
        "SECRET_KEY": "x7-" + "k3Qz9vLp2mN8rT5wY1bC4dF6gH0jK" * 2,
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "ohjaamo.example.fi",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def settings_value(env: dict[str, str], expression: str) -> str:
    result = run(
        env, "-c", f"import django; django.setup(); from django.conf import settings; print({expression})"
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_deploy_check_passes_with_only_the_required_variables(tmp_path):
    result = run(production_env(tmp_path), "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_passes_against_postgresql_too(tmp_path):
    env = production_env(tmp_path, DATABASE_URL="postgres://ohjaamo:secret@127.0.0.1:5432/ohjaamo")
    result = run(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("missing", REQUIRED)
def test_production_refuses_to_start_without_a_required_variable(tmp_path, missing):
    result = run(production_env(tmp_path, **{missing: None}), "manage.py", "check")
    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr


def test_the_deploy_check_itself_fails_on_a_weak_setting(tmp_path):
    """The negative control: the same check notices when a setting is weakened."""
    env = production_env(tmp_path, SECURE_HSTS_SECONDS="0")
    result = run(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout


def test_rate_limits_count_in_redis_unless_another_shared_cache_is_named(tmp_path):
    env = production_env(tmp_path)
    assert settings_value(env, "settings.CACHES['default']") == (
        "{'BACKEND': 'django.core.cache.backends.redis.RedisCache', 'LOCATION': 'redis://127.0.0.1:6379/1'}"
    )
    assert settings_value(env, "settings.CELERY_BROKER_URL") == "redis://127.0.0.1:6379/0"
    env = production_env(tmp_path, REDIS_URL="redis://cache.internal:6380/4")
    assert settings_value(env, "settings.CACHES['default']['LOCATION']") == "redis://cache.internal:6380/1"
    env = production_env(tmp_path, CACHE_URL="redis://127.0.0.1:6379/7")
    assert settings_value(env, "settings.CACHES['default']['LOCATION']") == "redis://127.0.0.1:6379/7"


@pytest.mark.parametrize("cache_url", ["locmemcache://", "dummycache://"])
def test_a_per_process_cache_is_refused_in_production(tmp_path, cache_url):
    result = run(production_env(tmp_path, CACHE_URL=cache_url), "manage.py", "check")
    assert result.returncode != 0
    assert "CACHE_URL must name a cache shared by every process" in result.stderr


def test_production_sends_mail_by_smtp_and_signs_in_staff_with_a_second_factor(tmp_path):
    env = production_env(tmp_path)
    assert settings_value(env, "settings.MAILERS['default']['BACKEND']") == (
        "django.core.mail.backends.smtp.EmailBackend"
    )
    assert settings_value(env, "settings.ADMIN_REQUIRE_2FA") == "True"


SERVE = """
import sys
import django
from django.conf import settings
settings.STATIC_ROOT = sys.argv[1]
django.setup()
from django.core.management import call_command
call_command("collectstatic", interactive=False, verbosity=0)
call_command("migrate", verbosity=0)
from django.test import Client
client = Client()
plain = client.get("/en/", headers={"host": "ohjaamo.example.fi"})
print("plain", plain.status_code, plain.get("Location"))
secure = client.get("/en/", secure=True, headers={"host": "ohjaamo.example.fi"})
print("hsts", secure.get("Strict-Transport-Security"))
proxied = client.get("/en/", headers={"host": "ohjaamo.example.fi", "x-forwarded-proto": "https"})
print("proxied", proxied.status_code)
login = client.get("/ADMIN/login/", secure=True, headers={"host": "ohjaamo.example.fi"})
print("login", login.status_code)
for name, morsel in login.cookies.items():
    print("cookie", name, bool(morsel["secure"]), bool(morsel["httponly"]), morsel["samesite"])
"""


def test_production_redirects_to_https_and_sets_hsts_and_secure_cookies(tmp_path):
    env = production_env(
        tmp_path, ADMIN_URL="staff-area/", CACHE_URL="filecache://" + str(tmp_path / "cache")
    )
    result = run(env, "-c", SERVE.replace("/ADMIN/", "/staff-area/"), str(tmp_path / "static"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "plain 301 https://ohjaamo.example.fi/en/" in lines
    assert "hsts max-age=31536000; includeSubDomains; preload" in lines
    assert "proxied 200" in lines  # X-Forwarded-Proto from the proxy counts as HTTPS: no redirect loop
    assert "login 200" in lines
    cookies = [line for line in lines if line.startswith("cookie ")]
    assert cookies, "the sign-in page sets the CSRF cookie"
    assert all(line.endswith("True True Lax") for line in cookies), cookies


def test_links_in_email_use_the_sites_https_address_never_the_local_default(tmp_path):
    env = production_env(tmp_path, ALLOWED_HOSTS="ohjaamo.example.fi,www.ohjaamo.example.fi")
    assert settings_value(env, "settings.SITE_URL") == "https://ohjaamo.example.fi"
    assert settings_value(env, "settings.CSRF_TRUSTED_ORIGINS") == "['https://ohjaamo.example.fi']"
    env = production_env(tmp_path, SITE_URL="https://www.ohjaamo.example.fi/")
    assert settings_value(env, "settings.SITE_URL") == "https://www.ohjaamo.example.fi"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ALLOWED_HOSTS": ".ohjaamo.example.fi"}, "SITE_URL must be set in production"),
        ({"SITE_URL": "http://ohjaamo.example.fi"}, "SITE_URL must be an https:// address"),
    ],
)
def test_production_refuses_a_site_address_it_cannot_know_or_one_without_tls(tmp_path, overrides, message):
    result = run(production_env(tmp_path, **overrides), "manage.py", "check")
    assert result.returncode != 0 and message in result.stderr


def test_locally_links_follow_the_port_make_run_serves_on(tmp_path):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "PORT": "8123"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    assert settings_value(env, "settings.SITE_URL") == "http://127.0.0.1:8123"
    # With no SMTP settings, mail is written one .eml file per message into var/mail/.
    assert settings_value(env, "settings.MAILERS['default']['BACKEND']") == "core.mail.MessagePerFileBackend"
