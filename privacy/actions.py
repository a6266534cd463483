"""A person's rights (GDPR articles 15, 17 and 20): see, export and erase what is stored about them.

Walks privacy.registry: each app registered how to find a person's data by email, export it and
erase or anonymise it, so nothing here knows an app's models. Every export and erasure is recorded
as a PrivacyRequest (which is itself personal data with a retention time, registered below).
"""

import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from practice.selectors import profile

from . import registry
from .exceptions import NotYours, OwnAddress
from .models import AccessChange, PrivacyRequest


@dataclass(frozen=True)
class Found:
    """What one registered kind of data holds about a person."""

    entry: registry.PersonalData
    objects: list

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def effects(self) -> list[str]:
        return self.entry.effects(self.objects) if self.entry.effects and self.objects else []

    def export(self, viewer) -> list[dict]:
        return self.entry.export(self.objects, viewer=viewer)


def _controller() -> dict:
    """The controller of the personal data, as the privacy statement names it."""
    practice = profile()
    return {
        "name": practice.name,
        "business_id": practice.business_id,
        "address": practice.postal_address,
        "email": practice.email,
        "phone": practice.phone,
    }


def normalise(email: str) -> str:
    return email.strip()


def person_find(*, email: str) -> list[Found]:
    """Everything every registered app holds about `email` (matched without regard to case)."""
    email = normalise(email)
    return [Found(entry, list(entry.find(email))) for entry in registry.entries()]


def person_export(*, email: str, by_user) -> tuple[bytes, PrivacyRequest]:
    """A ZIP of JSON files, one per kind of data plus `manifest.json`, and the request's record.

    Guarantees: every registered kind is asked; the record is written only when the export was made.
    """
    email = normalise(email)
    exported_at = timezone.now()
    found = person_find(email=email)
    parts = {item.name: item.export(by_user) for item in found}
    manifest = {
        "email": email,
        "exported_at": exported_at,
        "controller": _controller(),
        "contents": {
            item.name: {
                "file": f"{item.name}.json",
                "records": len(parts[item.name]),
                "retention": item.entry.retention,
            }
            for item in found
        },
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", _json(manifest))
        for name, rows in parts.items():
            archive.writestr(f"{name}.json", _json(rows))
    record = PrivacyRequest.objects.create(
        kind=PrivacyRequest.Kind.EXPORT,
        email=email,
        done_by=by_user,
        counts={name: len(rows) for name, rows in parts.items()},
    )
    return buffer.getvalue(), record


def person_erase(*, email: str, by_user) -> PrivacyRequest:
    """Erases or anonymises everything registered about `email`, in one transaction.

    Each app decides what erasing means for its data (bookings stay as anonymous time blocks for
    the accounts; mediation content is purged). Either every app's erasure happens and is
    recorded, or none does.
    """
    email = normalise(email)
    if is_own_address(email):
        raise OwnAddress
    with transaction.atomic():
        found = [item for item in person_find(email=email) if item.name != REQUESTS]  # proof of past requests
        refused = sorted(
            {
                item.name
                for item in found
                for obj in item.objects
                if item.entry.erasable and not item.entry.erasable(by_user, obj)
            }
        )
        if refused:
            raise NotYours(refused)
        admin_log_scrub([obj for item in found for obj in item.objects])
        counts = {item.name: item.entry.erase(item.objects, by_user=by_user) for item in found}
        return PrivacyRequest.objects.create(
            kind=PrivacyRequest.Kind.ERASURE, email=email, done_by=by_user, counts=counts
        )


def is_own_address(email: str) -> bool:
    """The practice's own addresses (the practice's, the sender's, each practitioner's): never
    erased, so a slip can't delete the practice's pending notices."""
    email = normalise(email).lower()
    own = {profile().email.lower(), parseaddr(settings.DEFAULT_FROM_EMAIL)[1].lower()}
    return email in own or any(entry.protected and entry.protected(email) for entry in registry.entries())


def admin_log_scrub(objects) -> int:
    """Admin's history (django_admin_log) keeps each change's object as it was named then (a booking
    by its client's name, a party by theirs, a case by its title): those names go with the person
    or the purged content; the row stays as "#<pk>", who did what and when. Returns how many rows."""
    scrubbed = 0
    for obj in objects:
        if getattr(obj, "pk", None) is None:
            continue
        scrubbed += LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        ).update(object_repr=f"#{obj.pk}", change_message="")
    return scrubbed


def _json(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


# --- the records of requests: personal data too ------------------------------------------------------

REQUESTS = "privacy_requests"


def requests_purge_due(now: dt.datetime) -> int:
    """Removes records of requests older than PRIVACY_REQUEST_RETENTION_DAYS."""
    cutoff = now - dt.timedelta(days=settings.PRIVACY_REQUEST_RETENTION_DAYS)
    deleted, _by_model = PrivacyRequest.objects.filter(done_at__lt=cutoff).delete()
    return deleted


def _requests_export(records, *, viewer=None) -> list[dict]:
    return [{"kind": r.kind, "email": r.email, "done_at": r.done_at, "records": r.counts} for r in records]


registry.register(
    registry.PersonalData(
        name=REQUESTS,
        find=lambda email: PrivacyRequest.objects.filter(email__iexact=email),
        export=_requests_export,
        erase=lambda records, by_user=None: 0,  # kept as proof; person_erase does not call it
        purge_due=requests_purge_due,
        retention=f"Records of export and erasure requests: {settings.PRIVACY_REQUEST_RETENTION_DAYS} days.",
    )
)


# --- visitors' sessions: what a form keeps between its steps -----------------------------------------


def sessions_purge_due(now: dt.datetime) -> int:
    """Deletes expired sessions, which may hold what a visitor typed into a form (the booking
    details between the details and review steps). Django never deletes them by itself."""
    from django.contrib.sessions.models import Session

    deleted, _by_model = Session.objects.filter(expire_date__lt=now).delete()
    return deleted


registry.register(
    registry.PersonalData(
        name="sessions",
        # Stored encoded and keyed by a random id, not by address: nothing to find, export or erase
        # by email; they expire after SESSION_COOKIE_AGE and are deleted by the next daily pass.
        find=lambda email: [],
        export=lambda sessions, viewer=None: [],
        erase=lambda sessions, by_user=None: 0,
        purge_due=sessions_purge_due,
        retention=(
            f"Form data a visitor's session holds between steps: {settings.SESSION_COOKIE_AGE // 3600} hours "
            "after the last request, then deleted by the daily purge."
        ),
    )
)


# --- who has access: recorded changes ----------------------------------------------------------------


def access_change_record(*, target, label: str, field: str, old, new, reason: str, by_user) -> AccessChange:
    """Records that `by_user` changed who `field` of `target` is, and why. Call inside the action
    that makes the change (its transaction)."""
    return AccessChange.objects.create(
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        target_label=label[:200],
        field=field,
        old_value=str(old or "")[:200],
        new_value=str(new)[:200],
        reason=reason.strip(),
        by_user=by_user,
    )
