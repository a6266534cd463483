"""The names mediation's messages and personal links are known by elsewhere: the message kinds the
outbox queues (mediation/messages.py builds them) and the purposes of personal links
(privacy.links). The values are stored in rows: never rename one. No message carries confidential
text (see mediation/messages.py)."""

from enum import StrEnum


class MediationMessage(StrEnum):
    COMMISSION = "mediation_commission"  # to the contact: read and confirm the commissioning agreement
    INVITATION = "mediation_invitation"  # to a party: your personal link
    FORM_REMINDER = "mediation_form_reminder"  # to a party who has not submitted the form
    TIMES = "mediation_times"  # to a party: mark the proposed times that suit you
    MEETING = "mediation_meeting"  # to a party or the mediator: the meeting, with .ics REQUEST/CANCEL
    AGREEMENT = "mediation_agreement"  # to a party: read and confirm the agreement
    AGREEMENT_REMINDER = "mediation_agreement_reminder"  # to a party who has not confirmed it
    CHECKIN = "mediation_checkin"  # to a party: a follow-up check-in is open
    NEW_ANSWER = "mediation_new_answer"  # to the mediator: something new in the case (no content)
    FOLLOWUP_DUE = "mediation_followup_due"  # to the mediator: time to propose the follow-up meeting
    CONTACT_LINK = "mediation_contact_link"  # to the contact at a corrected address: a fresh link
    OUTCOME = "mediation_outcome"  # to the contact: the mediation ended, with or without an agreement
    REASSIGNED = "mediation_reassigned"  # to the previous and the new mediator: who, when, why


class MediationLink(StrEnum):
    PARTY = "mediation-party"  # a party's own portal
    CONTACT = "mediation-contact"  # the commissioning contact person's page
