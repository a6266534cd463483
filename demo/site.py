"""Demo content of the site itself: the admin account (made first, announced last), and the local
secrets the apps' demos keep their personal links' tokens in. Idempotent."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model

from core.local import forget_local_secret, local_secret

ADMIN_USERNAME = "admin"


def _password() -> str:
    return local_secret(settings.VAR_DIR, "demo_admin_password", lambda: secrets.token_urlsafe(12))


def link_token(name: str, *, renew: bool = False) -> str:
    """The token of the demo's personal link `name`, the same on every run: the database keeps only
    its hash, so the token is kept in var/ like the admin password. `renew` replaces it (for a link
    that was revoked or has expired: its hash can't be used again)."""
    secret = f"demo_link_{name}"
    if renew:
        forget_local_secret(settings.VAR_DIR, secret)
    return local_secret(settings.VAR_DIR, secret, lambda: secrets.token_urlsafe(32))


def load(out) -> None:
    password = _password()
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=ADMIN_USERNAME,
        defaults={"email": settings.PRACTICE_EMAIL, "first_name": "Aino", "last_name": "Ohjaaja"},
    )
    if created or not user.check_password(password) or not user.is_superuser:
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()


def summary(out) -> None:
    out.write(f"admin url: {settings.SITE_URL}/{settings.ADMIN_URL}")
    out.write(f"admin login: {ADMIN_USERNAME} {_password()}")
