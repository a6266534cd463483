"""The name of the practitioner's daily agenda email (workspace/messages.py builds it). The value
is stored in rows: never rename it."""

from enum import StrEnum


class WorkspaceMessage(StrEnum):
    AGENDA = "practitioner_agenda"  # to the practitioner: the day's calendar, at 07.00
