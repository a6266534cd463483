"""The names of the messages about organisations' requests (services/messages.py builds them). The
values are stored in rows: never rename one."""

from enum import StrEnum


class RequestMessage(StrEnum):
    RECEIVED = "services.request_received"  # to the sender: thank you, we'll answer
    NOTIFY = "services.request_notify"  # to the practice: a new request
    CONFIRMED = "services.request_confirmed"  # to the sender, with the practitioner's message
    DECLINED = "services.request_declined"  # to the sender, with the reason
