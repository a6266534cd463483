"""Every change to a mediation case. Each action is one transaction: the rows, the calendar block,
the history and the outbox messages together, or nothing.

case.py        opening, the commissioning agreement, stage moves, closing, reminders
parties.py     invitations, consent, the pre-session form, marking times
scheduling.py  meetings: proposed times, booking through the calendar guard, cancelling
agreement.py   publishing the agreement, confirmations
followup.py    check-ins after the agreement
retention.py   purging the content of closed cases
links.py       personal links of parties and the contact person
outbox.py      message kinds and how they are queued
"""
