"""Settings of the Celery worker and beat processes that test_workers.py starts: the local
settings (the database and broker come from the environment) with mail written to files in
MAIL_DIR behind a slow "network", a short claim timeout, and the beat schedule in a temp dir."""

import os

from config.settings.local import *  # noqa: F403

MAILERS = {
    "default": {
        "BACKEND": "tests.notifications.backends.SlowFileBackend",
        "OPTIONS": {"file_path": os.environ["MAIL_DIR"]},
    }
}
MESSAGES_CLAIM_TIMEOUT = 4
MESSAGES_BATCH_SIZE = 10
MESSAGES_PASS_SECONDS = 5
MESSAGES_SEND_ON_COMMIT = False
CELERY_BEAT_SCHEDULE_FILENAME = os.environ["BEAT_SCHEDULE"]
DEBUG = False
LOGGING = {"version": 1, "disable_existing_loggers": False}
