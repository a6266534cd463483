"""The names supervision series' messages and personal links are known by elsewhere: the message
kinds the outbox queues (series/messages.py builds them) and the purposes of personal links
(privacy.links). The values are stored in rows: never rename one."""

from enum import StrEnum


class SeriesMessage(StrEnum):
    BOOKED = "series_booked"  # to the organisation's contact: every session, one calendar file each
    CHANGED = "series_changed"  # to the contact: sessions moved, cancelled or declined
    AGREEMENT_TO_CONFIRM = "agreement_to_confirm"  # to the contact: read and confirm the agreement
    PRACTITIONER = "practitioner_series"  # to the practitioner: news of a series


class SeriesLink(StrEnum):
    SERIES = "series"  # the organisation's page of the series
    AGREEMENT = "agreement"  # the agreement to confirm
