"""The message log holds addresses and subjects (which name clients): registered with privacy
for export, erasure and retention. Messages still waiting to be sent are never purged."""

from privacy.registry import PersonalData, register

from . import conf
from .actions import messages_erase, messages_purge
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


def register_all() -> None:
    register(
        PersonalData(
            name="messages",
            find=lambda email: Message.objects.filter(recipient__iexact=email).order_by("due_at"),
            export=_export,
            erase=lambda messages: messages_erase(messages=messages),
            purge_due=lambda now: messages_purge(now=now),
            retention=f"{conf.log_retention().days} days after sending (MESSAGES_LOG_RETENTION_DAYS)",
        )
    )
