"""The calendar core's models (a package: Django loads models from here)."""

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
