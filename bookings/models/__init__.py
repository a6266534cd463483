"""The calendar core's models (a package: Django loads models from here)."""

from .booking import (
    BILLABLE,
    HELD,
    LIVE,
    ON_CALENDAR,
    Booking,
    BookingChange,
    BookingQuerySet,
    BookingStatus,
    Feedback,
    OrganisationDetails,
)
from .calendar import (
    CalendarBlock,
    DateException,
    Location,
    Modality,
    Practitioner,
    ServiceKind,
    SessionType,
    TimeOff,
    TsTzRange,
    WeeklyHours,
)

__all__ = [
    "BILLABLE",
    "HELD",
    "LIVE",
    "ON_CALENDAR",
    "Booking",
    "BookingChange",
    "BookingQuerySet",
    "BookingStatus",
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
