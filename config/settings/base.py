"""Settings shared by every environment. Values come from the environment (see .env.example)."""

import secrets
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from core.local import local_secret

from .logs import logging_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="") or local_secret(
    VAR_DIR, "secret_key", lambda: secrets.token_urlsafe(50)
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
# Locally, links follow the port make run serves on (PORT), so printed and emailed links work.
SITE_URL = env("SITE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

# First-run defaults of the practice profile (practice.selectors.profile): read once, when the profile's
# row is made; after that the profile edited in the workspace wins and these are not read again.
PRACTICE_NAME = env("PRACTICE_NAME", default="Ohjaamo")  # practice.models.DEFAULT_NAME
PRACTICE_EMAIL = env("PRACTICE_EMAIL", default="ohjaamo@example.fi")
PRACTICE_PHONE = env("PRACTICE_PHONE", default="+358 40 123 4567")
# A business not registered for VAT shows prices without VAT and the legal note instead.
PRACTICE_VAT_REGISTERED = env.bool("PRACTICE_VAT_REGISTERED", default=True)
# The controller's details in the privacy policy and on the contact page (empty: not shown).
PRACTICE_BUSINESS_ID = env("PRACTICE_BUSINESS_ID", default="")
PRACTICE_ADDRESS = env("PRACTICE_ADDRESS", default="")

# How long an action waits for a row another request holds (SELECT ... FOR UPDATE) before it
# answers "busy, try again" (core.db.lock_wait_limited).
DB_LOCK_TIMEOUT_MS = env.int("DB_LOCK_TIMEOUT_MS", default=5000)

# Public forms: spam resistance (core/spam.py) and rate limits per client address (core/ratelimit.py).
SPAM_MIN_FILL_SECONDS = env.float("SPAM_MIN_FILL_SECONDS", default=3)
SPAM_MAX_FORM_AGE_SECONDS = env.int("SPAM_MAX_FORM_AGE_SECONDS", default=24 * 3600)
RATELIMIT_ENABLED = env.bool("RATELIMIT_ENABLED", default=True)
RATELIMIT_PROXY_COUNT = env.int("RATELIMIT_PROXY_COUNT", default=0)  # proxies appending X-Forwarded-For
RATELIMIT_REQUEST_FORMS = env("RATELIMIT_REQUEST_FORMS", default="10/h")
# POSTs of the booking flow and of the self-service pages, per address and kind (details, booking, change).
RATELIMIT_BOOKING_FORMS = env("RATELIMIT_BOOKING_FORMS", default="30/h")
# Staff sign-in POSTs per address (the lockout counts one username from one address).
RATELIMIT_SIGN_IN = env("RATELIMIT_SIGN_IN", default="20/h")
# The JSON API (/api/v1/), GET requests per address; over it a JSON 429 with Retry-After.
RATELIMIT_API = env("RATELIMIT_API", default="120/m")

INSTALLED_APPS = [
    "modeltranslation",  # must precede admin
    "workspace.site.WorkspaceAdminConfig",  # django.contrib.admin with the practitioner's workspace
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "core",
    "practice",
    "privacy",
    "notifications",
    "bookings",
    "events",
    "series",
    "calendar_sync",
    "mediation",
    "invoicing",
    "services",
    "workspace",
    "api",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise, so static files get the same headers (they only touch the response) and the
    # request id and log line too.
    "core.middleware.RequestIdMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the sign-in page saying so
]

# Axes first: it refuses sign-ins while an account or address is locked out.
AUTHENTICATION_BACKENDS = [
    "workspace.signin.LockoutBackend",
    "bookings.access.PractitionerBackend",  # Django's ModelBackend, the practitioner row joined
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "practice.context_processors.practice",
            ],
            "builtins": ["core.templatetags.datefmt", "core.templatetags.money"],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share one file: wait for the lock instead of failing, and take the
    # write lock at BEGIN so that check-then-write inside an action is serialised.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Finnish first; Swedish and English complete. Code and msgids are English.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fi",)
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
# Django's own date display (admin lists and history) as core.formats writes it: 24.11.2026 klo 14.00.
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = False

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

# Uploads (the practitioner's portrait and its sizes). Locally, and on a server's own disk, files go
# to MEDIA_ROOT and the site serves them itself (core.views.media: pictures only, never a script,
# cached for ever under content-addressed names). MEDIA_STORAGE=s3 puts them in any S3-compatible
# bucket through django-storages, configured by its usual AWS_* variables (see README, Media).
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", default="") or str(VAR_DIR / "media")
MEDIA_STORAGE = env("MEDIA_STORAGE", default="") or "local"
if MEDIA_STORAGE == "s3":

    def _optional(name: str) -> str | None:
        return env(name, default="") or None

    MEDIA_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "access_key": _optional("AWS_ACCESS_KEY_ID"),
            "secret_key": _optional("AWS_SECRET_ACCESS_KEY"),
            "endpoint_url": _optional("AWS_S3_ENDPOINT_URL"),  # another S3-compatible store than AWS
            "region_name": _optional("AWS_S3_REGION_NAME"),
            "custom_domain": _optional("AWS_S3_CUSTOM_DOMAIN"),  # e.g. media.example.fi
            "location": env("AWS_LOCATION", default="") or "media",
            "querystring_auth": False,  # public pictures with plain, cacheable addresses
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    # Where pages load the pictures from (CSP img-src): the custom domain, else the store's host and
    # its bucket subdomains (virtual-hosted addresses), AWS's by default.
    _options = MEDIA_BACKEND["OPTIONS"]
    if _options["custom_domain"]:
        MEDIA_ORIGINS = [f"https://{_options['custom_domain']}"]
    else:
        _host = urlsplit(_options["endpoint_url"] or "https://amazonaws.com").netloc
        MEDIA_ORIGINS = [f"https://{_host}", f"https://*.{_host}"]
else:
    MEDIA_BACKEND = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    MEDIA_ORIGINS = []
STORAGES = {
    "default": MEDIA_BACKEND,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


# Email (Django 6.1 MAILERS): EMAIL_URL (smtp+tls://user:pass@host:587) or EMAIL_HOST & co;
# by default one .eml file per message in var/mail/, to read on a local run (core/mail.py).
def _smtp_mailer() -> dict | None:
    if url := env("EMAIL_URL", default=""):
        parsed = environ.Env.email_url_config(url)
        options = {
            "host": parsed.get("EMAIL_HOST"),
            "port": parsed.get("EMAIL_PORT"),
            "username": parsed.get("EMAIL_HOST_USER") or None,
            "password": parsed.get("EMAIL_HOST_PASSWORD") or None,
            "use_tls": bool(parsed.get("EMAIL_USE_TLS")),
            "use_ssl": bool(parsed.get("EMAIL_USE_SSL")),
        }
    elif env("EMAIL_HOST", default=""):
        options = {
            "host": env("EMAIL_HOST"),
            "port": env.int("EMAIL_PORT", default=587),
            "username": env("EMAIL_HOST_USER", default="") or None,
            "password": env("EMAIL_HOST_PASSWORD", default="") or None,
            "use_tls": env.bool("EMAIL_USE_TLS", default=True),
        }
    else:
        return None
    return {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": {**options, "timeout": 20}}


MAILERS = {
    "default": _smtp_mailer()
    or {
        "BACKEND": "core.mail.MessagePerFileBackend",
        "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
    }
}
# The sending address of every email; the name shown with it is the practice's (notifications.delivery).
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default=f"{PRACTICE_NAME} <{PRACTICE_EMAIL}>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: with no broker configured, kombu's filesystem transport under var/ needs no server.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
BROKER_CONFIGURED = bool(CELERY_BROKER_URL)
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "filesystem://"
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        # Exchange tables (the workers' control messages): here too, never in the working directory.
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A pass interrupted by a lost broker connection is safe to stop: its outbox claims expire and are retried.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True

# Confidential fields: comma-separated Fernet keys, the first encrypts, all decrypt.
FIELD_ENCRYPTION_KEY = env("FIELD_ENCRYPTION_KEY", default="")
if not FIELD_ENCRYPTION_KEY:
    from cryptography.fernet import Fernet

    FIELD_ENCRYPTION_KEY = local_secret(
        VAR_DIR, "field_encryption_key", lambda: Fernet.generate_key().decode()
    )

# Days after a mediation case closes until its content is purged (dates, stages and outcome stay).
MEDIATION_RETENTION_DAYS = env.int("MEDIATION_RETENTION_DAYS", default=365)
# Days after a session until the client's details of a booking are anonymised (the time, service
# and price stay for the accounts).
BOOKING_RETENTION_DAYS = env.int("BOOKING_RETENTION_DAYS", default=730)
# Days the record of an export or erasure request is kept as proof that it was met.
PRIVACY_REQUEST_RETENTION_DAYS = env.int("PRIVACY_REQUEST_RETENTION_DAYS", default=3 * 365)

# Events and series (bookings/actions/events.py, series.py): how long a waitlist offer holds its
# seats, days after an event until seat holders' health self-declarations are purged, and how far
# ahead a supervision series may reach (beyond the session type's own booking horizon).
EVENT_OFFER_HOURS = env.int("EVENT_OFFER_HOURS", default=24)
EVENT_HEALTH_RETENTION_DAYS = env.int("EVENT_HEALTH_RETENTION_DAYS", default=30)
SERIES_HORIZON_DAYS = env.int("SERIES_HORIZON_DAYS", default=400)

# Free-text fields show their length limit in their help (core.forms).
FORM_RENDERER = "core.forms.FormRenderer"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Online sessions without a practitioner room get a unique room under this address.
VIDEO_MEETING_BASE_URL = env("VIDEO_MEETING_BASE_URL", default="https://meet.jit.si/ohjaamo")

# External calendars (bookings/sync.py): seconds for one whole fetch, the largest calendar read, and
# whether private or local addresses (a Nextcloud in the office network) may be fetched at all.
EXTERNAL_CALENDAR_TIMEOUT = env.float("EXTERNAL_CALENDAR_TIMEOUT", default=20)
EXTERNAL_CALENDAR_MAX_BYTES = env.int("EXTERNAL_CALENDAR_MAX_BYTES", default=5 * 2**20)
EXTERNAL_CALENDAR_ALLOW_PRIVATE = env.bool("EXTERNAL_CALENDAR_ALLOW_PRIVATE", default=False)

ADMIN_URL = env("ADMIN_URL", default="admin/").strip("/") + "/"
# Staff sign-in with a second factor (TOTP app or a one-time backup code). Off here and in local.py so
# that a newcomer gets in with the printed credentials; production.py turns it on.
ADMIN_REQUIRE_2FA = env.bool("ADMIN_REQUIRE_2FA", default=False)


def _totp_issuer(device) -> str:
    """The name an authenticator app shows: the practice's, as its profile has it now."""
    from practice.selectors import profile

    return profile().name


OTP_TOTP_ISSUER = _totp_issuer
# Lockout after repeated failed sign-ins (django-axes).
AXES_FAILURE_LIMIT = env.int("ADMIN_LOCKOUT_FAILURES", default=5)
AXES_COOLOFF_TIME = env.float("ADMIN_LOCKOUT_MINUTES", default=15) / 60  # hours
# Locked out: this username from this address, together. A mistyped password elsewhere, or someone
# guessing from another address, never locks the practitioner out everywhere (see the README).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Second factors in admin: their secrets, QR codes and backup codes are never shown.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
AXES_CLIENT_IP_CALLABLE = "workspace.signin.client_address"  # the rate limits' proxy rule
AXES_LOCKOUT_CALLABLE = "workspace.signin.lockout_response"
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_SAVE_EVERY_REQUEST = True  # staff sessions expire after inactivity, not mid-work
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "core.views.csrf_failure"  # the site's own 403 page, never Django's technical one
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

# Every asset is our own: nothing may load from elsewhere, nothing inline.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],  # the nonce only for JSON-LD data blocks
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *MEDIA_ORIGINS],  # and the bucket, when pictures are there
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LOGGING_CONFIG = "core.logging.configure"  # LOGGING, then the token mask on every handler
LOGGING = logging_settings(env("LOG_LEVEL", default="INFO"))
