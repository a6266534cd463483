"""Production: PostgreSQL, Redis, real email, several processes, behind a TLS proxy.

Required (the site refuses to start without them): SECRET_KEY, FIELD_ENCRYPTION_KEY, ALLOWED_HOSTS,
DATABASE_URL. Everything else has a production default:

- SITE_URL (the address in email and calendar links): https:// and the first of ALLOWED_HOSTS.

- Redis at REDIS_URL (default redis://127.0.0.1:6379): database 0 is the Celery broker
  (CELERY_BROKER_URL overrides), database 1 the cache that rate limits count in (CACHE_URL
  overrides). A per-process cache (locmem, dummy) is refused: with several gunicorn workers each
  would count its own hits and a limit of 10/h would really be 10/h per worker.
- Mail through SMTP on localhost:25 (a local relay) unless EMAIL_URL or EMAIL_HOST is set.
- One reverse proxy in front (nginx, see deploy/): it terminates TLS, sets X-Forwarded-Proto and
  appends the client's address to X-Forwarded-For. SECURE_PROXY_SSL_HEADER trusts the first and
  RATELIMIT_PROXY_COUNT=1 reads the second; both are only safe when the proxy overwrites the
  headers a client sends (deploy/nginx.conf does) and gunicorn is not reachable from outside.
"""

from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MAILERS, MEDIA_BACKEND, env

DEBUG = env.bool("DEBUG", default=False)
for _name in ("SECRET_KEY", "FIELD_ENCRYPTION_KEY", "ALLOWED_HOSTS", "DATABASE_URL"):
    if not env(_name, default=""):
        raise ImproperlyConfigured(f"{_name} must be set in production (see .env.example).")
SECRET_KEY = env("SECRET_KEY")
# Rotation: the new key in SECRET_KEY, the old ones here until sessions and links signed with them
# have expired (see README, Production: key rotation).
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
FIELD_ENCRYPTION_KEY = env("FIELD_ENCRYPTION_KEY")

# Links in email and calendar files: SITE_URL, else https:// and the first of ALLOWED_HOSTS (never the
# local default, which would send clients to 127.0.0.1).
_host = env.list("ALLOWED_HOSTS")[0]
if not env("SITE_URL", default="") and _host.startswith(("*", ".")):
    raise ImproperlyConfigured(
        "SITE_URL must be set in production when ALLOWED_HOSTS starts with a wildcard."
    )
SITE_URL = env("SITE_URL", default=f"https://{_host}").rstrip("/")
if not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("SITE_URL must be an https:// address in production.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

# Staff sign in with a second factor (TOTP or a backup code); base.py leaves it off for local runs.
ADMIN_REQUIRE_2FA = env.bool("ADMIN_REQUIRE_2FA", default=True)

# --- TLS, behind a proxy -----------------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The proxy sets X-Forwarded-Proto: https on every request it passes on (and overwrites whatever
# the client sent). Without such a proxy this header must not be trusted: remove the proxy and
# you must remove this line.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# /healthz is probed over plain HTTP on 127.0.0.1 by the supervisor and the proxy.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
RATELIMIT_PROXY_COUNT = env.int("RATELIMIT_PROXY_COUNT", default=1)

# --- Cookies: only over HTTPS, never readable by scripts -------------------------------------
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Headers (base.py, the same in every environment so tests see them): SECURE_CSP without
# unsafe-inline/unsafe-eval, SECURE_REFERRER_POLICY, SECURE_CONTENT_TYPE_NOSNIFF,
# SECURE_CROSS_ORIGIN_OPENER_POLICY, X_FRAME_OPTIONS, PERMISSIONS_POLICY (core.middleware).

# --- Static files: hashed names, compressed (gzip and Brotli when installed), cached for ever --
# WhiteNoise gives files whose names carry a content hash "Cache-Control: max-age=315360000,
# public, immutable"; everything else WHITENOISE_MAX_AGE. Needs `manage.py collectstatic`.
STORAGES = {
    "default": MEDIA_BACKEND,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
WHITENOISE_MAX_AGE = env.int("WHITENOISE_MAX_AGE", default=3600)


# --- Redis: broker and the shared cache ----------------------------------------------------------
def redis_database(url: str, number: int) -> str:
    """The same Redis server with another database number: redis://h:6379/0 → redis://h:6379/1."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{number}", parts.query, ""))


REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="") or redis_database(REDIS_URL, 0)
BROKER_CONFIGURED = True
CELERY_BROKER_TRANSPORT_OPTIONS = {}

CACHES = {"default": env.cache("CACHE_URL", default=redis_database(REDIS_URL, 1))}
if CACHES["default"]["BACKEND"] in {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}:
    raise ImproperlyConfigured(
        "CACHE_URL must name a cache shared by every process (Redis): rate limits are counted there."
    )

# --- Mail: SMTP. A relay on this host unless EMAIL_URL / EMAIL_HOST name another -----------------
if MAILERS["default"]["BACKEND"] != "django.core.mail.backends.smtp.EmailBackend":
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "localhost", "port": 25, "timeout": 20},
        }
    }
