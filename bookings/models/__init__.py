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
from .events import Event, HealthCondition, SeatBooking, WaitlistEntry
from .series import Cadence, Series, SeriesSession, SupervisionAgreement
from .sync import CalendarFeed, ExternalBusyBlock, ExternalCalendar

__all__ = [
    "Booking",
    "BookingChange",
    "Cadence",
    "CalendarBlock",
    "CalendarFeed",
    "DateException",
    "Event",
    "ExternalBusyBlock",
    "ExternalCalendar",
    "Feedback",
    "HealthCondition",
    "Location",
    "Modality",
    "OrganisationDetails",
    "Practitioner",
    "SeatBooking",
    "Series",
    "SeriesSession",
    "ServiceKind",
    "SessionType",
    "SupervisionAgreement",
    "TimeOff",
    "TsTzRange",
    "WaitlistEntry",
    "WeeklyHours",
]
