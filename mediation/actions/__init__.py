"""Every change to a mediation case. Each action is one transaction: the rows, the calendar block,
the history and the outbox messages together, or nothing.

case.py        opening, the commissioning agreement, stage moves, closing, reminders
parties.py     invitations, consent, the pre-session form, marking times
scheduling.py  meetings: proposed times, booking through the calendar guard, cancelling
agreement.py   publishing the agreement, confirmations
followup.py    check-ins after the agreement
retention.py   purging the content of closed cases
links.py       personal links of parties and the contact person
outbox.py      how the message kinds (mediation/kinds.py) are queued
"""

from .agreement import agreement_confirm, agreement_publish
from .case import (
    case_advance_stage,
    case_close,
    case_confirm_commission,
    case_create,
    case_move_stage,
    case_remind,
    case_send_commission,
    case_setup,
)
from .followup import checkin_answer, followups_cancel, followups_schedule
from .links import (
    case_links_end,
    contact_email_changed,
    contact_link_issue,
    links_revoke,
    party_link_issue,
)
from .parties import intake_save, party_consent, party_email_changed, party_invite, party_mark_times
from .retention import case_purge, purge_due, retention_cutoff
from .scheduling import (
    meeting_book,
    meeting_cancel,
    meeting_create,
    meeting_propose_times,
    meeting_send_proposals,
)

__all__ = [
    "agreement_confirm",
    "agreement_publish",
    "case_advance_stage",
    "case_close",
    "case_confirm_commission",
    "case_create",
    "case_links_end",
    "case_move_stage",
    "case_purge",
    "case_remind",
    "case_send_commission",
    "case_setup",
    "checkin_answer",
    "contact_email_changed",
    "contact_link_issue",
    "followups_cancel",
    "followups_schedule",
    "intake_save",
    "links_revoke",
    "meeting_book",
    "meeting_cancel",
    "meeting_create",
    "meeting_propose_times",
    "meeting_send_proposals",
    "party_consent",
    "party_email_changed",
    "party_invite",
    "party_link_issue",
    "party_mark_times",
    "purge_due",
    "retention_cutoff",
]
