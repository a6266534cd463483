"""The default: a newcomer's machine. SQLite, a broker without a server, mail into var/mail/."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env

DEBUG = env.bool("DEBUG", default=True)
# `make run` lets a newcomer into admin with the printed credentials at once (no second factor).
ADMIN_REQUIRE_2FA = env.bool("ADMIN_REQUIRE_2FA", default=False)
# No collectstatic needed on a local run: WhiteNoise serves straight from the finders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A cache the local processes share (make run starts several web workers and a Celery worker): a
# saved practice profile or calendar change must not stay stale in the processes that did not save it.
CACHES = {"default": env.cache("CACHE_URL", default=f"filecache://{VAR_DIR / 'cache'}")}
