"""The outbox's state changes: queuing and cancelling (inside the caller's transaction, so the
message exists exactly when the change that caused it does), the send pass, and resending."""

import datetime as dt
import logging
import time
import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.mail import mailers
from django.db import DatabaseError, models, transaction
from django.db.models import F, Q
from django.utils import timezone, translation

from core.time import local

from . import conf, registry
from .delivery import classify, email_for
from .models import Message

logger = logging.getLogger(__name__)
Status = Message.Status


# --- queuing ------------------------------------------------------------------------------------


def _key(kind: str, target: models.Model, occurrence: str) -> str:
    ct = ContentType.objects.get_for_model(target)
    return f"{kind}:{ct.pk}:{target.pk}:{occurrence}"


def _send_now() -> None:
    from .tasks import send_due_messages

    # retry=False: with the broker away, fail at once (logged); beat's next pass sends anyway.
    send_due_messages.apply_async(retry=False)


def message_queue(
    *,
    kind: str,
    target: models.Model,
    recipient: str,
    language: str,
    due_at: dt.datetime | None = None,
    occurrence: str = "",
    context: dict | None = None,
) -> Message:
    """Queues `kind` about `target` once per occurrence: queuing the same key again returns the
    existing row unchanged. `occurrence` tells repeated messages apart (e.g. a booking's sequence).

    A kind no app has registered is logged here and marked failed when sent. A message due now
    is, after the commit, also handed to a worker at once when a broker is configured
    (MESSAGES_SEND_ON_COMMIT); otherwise beat's next pass sends it.
    """
    if not registry.is_registered(kind):
        logger.warning("queuing message kind %r, which no app has registered (yet)", kind)
    now = timezone.now()
    message, created = Message.objects.get_or_create(
        key=_key(kind, target, occurrence),
        defaults={
            "kind": kind,
            "target_type": ContentType.objects.get_for_model(target),
            "target_id": target.pk,
            "recipient": recipient,
            "language": language[:8],
            "due_at": due_at or now,
            "context": context or {},
        },
    )
    if created and message.due_at <= now and conf.send_on_commit():
        transaction.on_commit(_send_now, robust=True)
    return message


def message_cancel(*, target: models.Model, kinds: list[str] | None = None) -> int:
    """Cancels the pending (and failed, so that no one resends them) messages about `target`
    of these kinds; returns how many. A message being sent at this moment is not stopped."""
    unsent = Message.objects.filter(
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        status__in=[Status.PENDING, Status.FAILED],
    )
    if kinds is not None:
        unsent = unsent.filter(kind__in=kinds)
    return messages_cancel(messages=unsent)


def messages_cancel(*, messages: models.QuerySet[Message]) -> int:
    """Cancels those of these messages still waiting (pending, or failed so that no one resends
    them); returns how many. A message being sent at this moment is not stopped."""
    unsent = messages.filter(status__in=[Status.PENDING, Status.FAILED])
    return unsent.update(status=Status.CANCELLED, claim_token="")


def messages_readdress(*, messages: models.QuerySet[Message], recipient: str) -> int:
    """Sends those of these messages still pending to `recipient` instead (an address corrected
    before they went); returns how many. A message being sent at this moment is not stopped."""
    return messages.filter(status=Status.PENDING).update(recipient=recipient)


def message_supersede(
    *,
    kind: str,
    target: models.Model,
    recipient: str,
    language: str,
    due_at: dt.datetime,
    occurrence: str,
    context: dict | None = None,
) -> Message:
    """Replaces the pending `kind` messages about `target` by one for a new occurrence
    (a reschedule replaces the pending reminder)."""
    message_cancel(target=target, kinds=[kind])
    return message_queue(
        kind=kind,
        target=target,
        recipient=recipient,
        language=language,
        due_at=due_at,
        occurrence=occurrence,
        context=context,
    )


def message_resend(*, messages: models.QuerySet[Message]) -> int:
    """Puts failed messages back in the queue, due now, with a fresh count of attempts.
    Returns how many; messages in any other state are left alone."""
    with transaction.atomic():
        count = messages.filter(status=Status.FAILED).update(
            status=Status.PENDING,
            attempts=0,
            due_at=timezone.now(),
            next_attempt_at=None,
            claimed_at=None,
            claim_token="",
            last_error="",
        )
        if count and conf.send_on_commit():
            transaction.on_commit(_send_now, robust=True)
    return count


def messages_purge(*, now: dt.datetime) -> int:
    """Deletes the log of messages done (sent, failed, cancelled) that were due longer than the
    retention time ago; a message still waiting is kept whatever its age. Returns how many."""
    done = [Status.SENT, Status.FAILED, Status.CANCELLED, Status.SKIPPED]
    deleted, _by_model = Message.objects.filter(
        status__in=done, due_at__lt=now - conf.log_retention()
    ).delete()
    return deleted


# --- the send pass ------------------------------------------------------------------------------


def _due(now: dt.datetime) -> Q:
    """Pending rows whose time (and backoff) has come, and claims whose sender has died."""
    waiting = Q(status=Status.PENDING, due_at__lte=now) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    abandoned = Q(status=Status.SENDING, claimed_at__lte=now - conf.claim_timeout())
    return waiting | abandoned


def _select_due(*, now: dt.datetime, limit: int, lock: bool = True) -> list[int]:
    """Ids of due rows, oldest first. With `lock`, on PostgreSQL the rows stay locked until the
    caller's transaction ends and rows another sender has locked are skipped (FOR UPDATE SKIP
    LOCKED). Must run inside a transaction. `lock=False` exists only for the race tests'
    negative control."""
    due = Message.objects.filter(_due(now)).order_by("due_at", "pk")
    if lock:
        due = due.select_for_update(skip_locked=True)
    return list(due.values_list("pk", flat=True)[:limit])


def _mark_claimed(*, ids: list[int], now: dt.datetime, token: str, lock: bool = True) -> int:
    """Claims the rows for `token`. With `lock`, only rows that are still due: on SQLite, which
    has no row locks, this re-check (inside the claim's IMMEDIATE transaction) is the guard."""
    rows = Message.objects.filter(pk__in=ids)
    if lock:
        rows = rows.filter(_due(now))
    return rows.update(status=Status.SENDING, claimed_at=now, claim_token=token, attempts=F("attempts") + 1)


def _claim(*, limit: int) -> tuple[str, list[Message]]:
    """Claims up to `limit` due rows for this sender in one short transaction."""
    now = timezone.now()
    token = uuid.uuid4().hex
    with transaction.atomic():
        ids = _select_due(now=now, limit=limit)
        if not ids:
            return token, []
        _mark_claimed(ids=ids, now=now, token=token)
    claimed = Message.objects.filter(claim_token=token, status=Status.SENDING).order_by("due_at", "pk")
    # The targets come in one query per kind of object for the whole batch (None if deleted).
    return token, list(claimed.select_related("target_type").prefetch_related("target"))


def _scrubbed(context: dict) -> dict:
    """A sent or cancelled message keeps no personal-link tokens that it carried for sending."""
    return {key: value for key, value in context.items() if not key.endswith("token")}


def _finish(message: Message, token: str, status: str, *, error: str = "", subject: str = "") -> bool:
    """Marks a claimed row sent / cancelled / failed, if our claim still holds."""
    fields = {"status": status, "claim_token": "", "last_error": error[:2000]}
    if status == Status.SENT:
        fields.update(sent_at=timezone.now(), subject=subject[:255])
    if status in (Status.SENT, Status.CANCELLED, Status.SKIPPED):
        fields["context"] = _scrubbed(message.context)
    marked = Message.objects.filter(pk=message.pk, claim_token=token).update(**fields)
    if not marked:
        logger.warning(
            "message %s (%s) was claimed again before it was marked %s; its Message-ID %s is the same",
            message.pk,
            message.kind,
            status,
            message.message_id,
        )
    return bool(marked)


def _retry(message: Message, token: str, reason: str) -> str:
    """A transient failure: due again after the backoff, or failed after too many attempts."""
    if message.attempts >= conf.max_attempts():
        _finish(message, token, Status.FAILED, error=f"gave up after {message.attempts} attempts: {reason}")
        return Status.FAILED
    Message.objects.filter(pk=message.pk, claim_token=token).update(
        status=Status.PENDING,
        claim_token="",
        claimed_at=None,
        next_attempt_at=timezone.now() + conf.retry_delay(message.attempts),
        last_error=reason[:2000],
    )
    return "retried"


def _release(messages: list[Message], token: str) -> None:
    """Gives back rows this pass claimed but did not try; their claim does not count as an attempt."""
    Message.objects.filter(pk__in=[m.pk for m in messages], claim_token=token).update(
        status=Status.PENDING, claim_token="", claimed_at=None, attempts=F("attempts") - 1
    )


@dataclass
class SendReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    cancelled: int = 0
    skipped: int = 0

    def count(self, outcome: str) -> None:
        name = str(outcome)
        setattr(self, name, getattr(self, name) + 1)

    def __str__(self) -> str:
        return (
            f"sent {self.sent}, retried {self.retried}, failed {self.failed}, "
            f"cancelled {self.cancelled}, skipped {self.skipped}"
        )


class _ConnectionDown(Exception):
    pass


class _Mailer:
    """The default mailer, opened on the first message of a pass and reopened after a failure."""

    def __init__(self):
        self.backend = None

    def send(self, mail) -> None:
        if self.backend is None:
            self.backend = mailers.default
            self.backend.open()
        self.backend.send_messages([mail])

    def close(self) -> None:
        if self.backend is not None:
            backend, self.backend = self.backend, None
            try:
                backend.close()
            except Exception:  # closing a broken connection may fail too; nothing to keep
                logger.info("closing the mail connection failed", exc_info=True)


def _skip(message: Message, token: str, until: dt.datetime) -> str:
    """Too late by its kind's rule: not built, not sent; the log says until when it was worth sending."""
    _finish(
        message,
        token,
        Status.SKIPPED,
        error=f"too late: worth sending until {local(until).isoformat(timespec='minutes')}",
    )
    return Status.SKIPPED


def _deliver(message: Message, token: str, mailer: _Mailer) -> str:
    """Builds, sends and marks one claimed row; returns the outcome's name.
    Raises _ConnectionDown (after marking the row for a retry) when the mail server is away."""
    if message.attempts > conf.max_attempts():  # claimed again and again: its sender keeps dying
        _finish(message, token, Status.FAILED, error=f"claimed {message.attempts} times without an outcome")
        return Status.FAILED
    if not registry.is_registered(message.kind):
        _finish(message, token, Status.FAILED, error=f"no builder for message kind {message.kind!r}")
        return Status.FAILED
    try:
        with translation.override(message.language):
            target = message.target
            until = registry.send_until(message) if target is not None else None
            if until is not None and timezone.now() > until:
                return _skip(message, token, until)
            built = registry.builder_for(message.kind)(message) if target is not None else None
            mail = email_for(message, built) if built is not None else None
    except DatabaseError as exc:
        return _retry(message, token, f"database error while building: {exc}")
    except Exception as exc:
        logger.exception("building message %s (%s) failed", message.pk, message.kind)
        _finish(message, token, Status.FAILED, error=f"could not build: {exc.__class__.__name__}: {exc}")
        return Status.FAILED
    if mail is None:
        _finish(message, token, Status.CANCELLED)
        return Status.CANCELLED
    try:
        mailer.send(mail)
    except Exception as exc:
        verdict = classify(exc)
        logger.warning("sending message %s (%s) failed: %s", message.pk, message.kind, verdict.reason)
        if verdict.permanent:
            _finish(message, token, Status.FAILED, error=verdict.reason)
            return Status.FAILED
        outcome = _retry(message, token, verdict.reason)
        if verdict.connection:
            mailer.close()
            raise _ConnectionDown(outcome) from exc
        return outcome
    _finish(message, token, Status.SENT, subject=built.subject)
    return Status.SENT


def _produce() -> None:
    for produce in registry.producers():
        try:
            with transaction.atomic():
                produce(now=timezone.now())
        except Exception:  # one broken producer must not stop the sending
            logger.exception("message producer %s failed", produce.__qualname__)


def messages_send_due(*, batch_size: int | None = None, seconds: float | None = None) -> SendReport:
    """One send pass: runs the producers, then claims due rows in batches, renders each in its
    recipient's language, sends it with the default mailer and marks it, until nothing is due
    or `seconds` have passed.

    Guarantees: a row is sent by one sender only (claims are taken under FOR UPDATE SKIP LOCKED
    on PostgreSQL, under SQLite's write lock there); a sender that dies leaves its claimed rows
    to be claimed again after MESSAGES_CLAIM_TIMEOUT; a batch is never sent after half that time
    (the rest is released), so a live sender's claim does not expire under it. Safe to run in
    several processes at once.
    """
    batch_size = batch_size or conf.batch_size()
    deadline = time.monotonic() + (conf.pass_seconds() if seconds is None else seconds)
    lease = conf.claim_timeout().total_seconds() / 2
    report = SendReport()
    mailer = _Mailer()
    _produce()
    try:
        while time.monotonic() < deadline:
            token, claimed = _claim(limit=batch_size)
            if not claimed:
                break
            claimed_at = time.monotonic()
            for index, message in enumerate(claimed):
                if index and time.monotonic() - claimed_at > lease:
                    _release(claimed[index:], token)
                    break
                try:
                    report.count(_deliver(message, token, mailer))
                except _ConnectionDown as down:
                    report.count(str(down.args[0]))
                    _release(claimed[index + 1 :], token)
                    return report
    finally:
        mailer.close()
    return report


def messages_erase(*, messages) -> int:
    """Deletes these messages from the log (an erasure request): what was sent to the person and
    what was still to be sent. Returns how many."""
    deleted, _by_model = Message.objects.filter(pk__in=[m.pk for m in messages]).delete()
    return deleted
