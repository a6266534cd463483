"""Bookings' models (STYLE: models.py grown into a package; each module one area)."""

from .calendar import (
    Booking,
    BookingChange,
    CalendarBlock,
    DateException,
    Feedback,
    Location,
    Modality,
    OrganisationDetails,
    Practitioner,
    ServiceKind,
    SessionType,
    TimeOff,
    TsTzRange,
    WeeklyHours,
)

__all__ = [
    "Booking",
    "BookingChange",
    "CalendarBlock",
    "DateException",
    "Feedback",
    "Location",
    "Modality",
    "OrganisationDetails",
    "Practitioner",
    "ServiceKind",
    "SessionType",
    "TimeOff",
    "TsTzRange",
    "WeeklyHours",
]
