"""Personal links: 32 random bytes in the URL, only their SHA-256 in the database."""

import datetime as dt
import hashlib
import secrets

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404
from django.utils import timezone

from .models import PersonalLink

TOKEN_BYTES = 32  # 256 bits
LAST_USED_PRECISION = dt.timedelta(minutes=1)  # a page opened again within a minute writes nothing


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _live(*, purpose: str, target: models.Model):
    return PersonalLink.objects.filter(
        purpose=purpose,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        revoked_at__isnull=True,
    )


def link_create(
    *,
    purpose: str,
    target: models.Model,
    expires_at: dt.datetime,
    token: str | None = None,
    keep: bool = False,
) -> str:
    """Makes a new link for `target` and returns the token.

    `token` is for a token kept outside the database (the demo's, in var/); by default a new
    random one. A token already in use raises IntegrityError (the hash is unique). With `keep`,
    the token is also stored encrypted at rest so that link_kept() can send the same link again;
    otherwise this is the only time it is known.
    """
    token = token or secrets.token_urlsafe(TOKEN_BYTES)
    PersonalLink.objects.create(
        purpose=purpose,
        token_hash=_hash(token),
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        expires_at=expires_at,
        sealed_token=token if keep else "",
    )
    return token


def link_kept(*, purpose: str, target: models.Model) -> str | None:
    """The token of the newest live link of this purpose to `target` that was kept (link_create
    with keep), or None: the link to send again instead of minting one more."""
    link = (
        _live(purpose=purpose, target=target)
        .filter(expires_at__gt=timezone.now())
        .exclude(sealed_token="")
        .order_by("-created_at", "-pk")
        .first()
    )
    return link.sealed_token if link else None


def link_revoke(*, purpose: str, target: models.Model) -> int:
    """Revokes every live link of this purpose to `target` (and forgets the kept tokens);
    returns how many."""
    return _live(purpose=purpose, target=target).update(revoked_at=timezone.now(), sealed_token="")


def link_extend(*, purpose: str, target: models.Model, expires_at: dt.datetime) -> int:
    """Moves the expiry of live links (e.g. a rescheduled booking's link lives until its new time)."""
    return _live(purpose=purpose, target=target).update(expires_at=expires_at)


def link_resolve[M: models.Model](token: str, *, purpose: str, model: type[M]) -> M:
    """The live target of a token, or Http404 for anything wrong. Looks up by hash only, and
    notes when the link was last used (shown to whoever sent it, e.g. on a case's page)."""
    if not token or len(token) > 128:
        raise Http404
    link = (
        PersonalLink.objects.filter(
            token_hash=_hash(token),
            purpose=purpose,
            target_type=ContentType.objects.get_for_model(model),
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .only("target_id", "last_used_at")
        .first()
    )
    if link is None:
        raise Http404
    target = model._default_manager.filter(pk=link.target_id).first()
    if target is None:
        raise Http404
    now = timezone.now()
    if link.last_used_at is None or link.last_used_at < now - LAST_USED_PRECISION:
        PersonalLink.objects.filter(pk=link.pk).update(last_used_at=now)
    return target


def links_forget(*, model: type[models.Model], ids: list[int]) -> int:
    """Deletes every link (of any purpose, live or not) to these rows: an erased or anonymised
    person leaves no link behind. Returns how many."""
    deleted, _by_model = PersonalLink.objects.filter(
        target_type=ContentType.objects.get_for_model(model), target_id__in=ids
    ).delete()
    return deleted
