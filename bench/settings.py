"""Settings of the servers that make bench starts: production settings, on 127.0.0.1 only.

bench/http.py and bench/load.py run gunicorn (and a Celery worker) with these. They differ from
production only where a benchmark on one machine needs it: plain HTTP on the loopback (no TLS
proxy, so no HTTPS redirect and cookies without the Secure flag), a hello-world view beside the
site (bench/urls.py), collected static files in a directory of the run's own, and rate limits
off (every simulated visitor comes from 127.0.0.1). SITE_URL is the run's plain-HTTP address,
BENCH_SITE_URL (production refuses a SITE_URL that is not https://). The database, cache and broker
come from the environment the benchmark sets, and so do the secrets, made up for the run (one for
all the processes: a form signed by one gunicorn worker is checked by another).
"""

import os

os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("DEBUG", "0")

from config.settings.production import *  # noqa: F403
from config.settings.production import env

ROOT_URLCONF = "bench.urls"
SITE_URL = env("BENCH_SITE_URL", default="http://127.0.0.1:8000")
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
CSRF_TRUSTED_ORIGINS = ["http://127.0.0.1", "http://localhost"]
RATELIMIT_ENABLED = False
ADMIN_REQUIRE_2FA = False
STATIC_ROOT = env("BENCH_STATIC_ROOT", default=str(BASE_DIR / "var" / "bench-static"))  # noqa: F405
# Mail never leaves the machine: the worker of the load run writes to memory.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
SILENCED_SYSTEM_CHECKS = ["mail.E001"]
