"""Field encryption at rest: MultiFernet over FIELD_ENCRYPTION_KEY (comma-separated; first encrypts)."""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@cache
def _fernet(keys: str) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.strip()) for key in keys.split(",") if key.strip()])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must hold Fernet keys separated by commas.") from exc


def fernet() -> MultiFernet:
    return _fernet(settings.FIELD_ENCRYPTION_KEY)


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A confidential field could not be decrypted with FIELD_ENCRYPTION_KEY."
        ) from exc


def rotate(token: str) -> str:
    """The same plaintext, encrypted with the newest key."""
    return fernet().rotate(token.encode()).decode()
