"""The message log holds addresses and subjects (which name clients): registered with privacy
for export, erasure and retention. Messages still waiting to be sent are never purged."""

from privacy.registry import PersonalData, register

from . import conf
from .actions import messages_purge
from .models import Message


def _export(messages) -> list[dict]:
    return [
        {
            "kind": m.kind,
            "recipient": m.recipient,
            "subject": m.subject,
            "status": m.status,
            "due_at": m.due_at.isoformat(),
            "sent_at": m.sent_at.isoformat() if m.sent_at else None,
        }
        for m in messages
    ]


def _erase(messages) -> int:
    deleted, _by_model = Message.objects.filter(pk__in=[m.pk for m in messages]).delete()
    return deleted


def register_all() -> None:
    register(
        PersonalData(
            name="messages",
            find=lambda email: Message.objects.filter(recipient__iexact=email).order_by("due_at"),
            export=_export,
            erase=_erase,
            purge_due=lambda now: messages_purge(now=now),
            retention=f"{conf.log_retention().days} days after sending (MESSAGES_LOG_RETENTION_DAYS)",
        )
    )
