"""The permission matrix's rows for the public site, the API, the personal links (portal) and the
calendar feed, and the rows that ask one URL more than once (autocomplete for each model, the
person pages with an address, the exports, an erasure); ROWS puts them together with admin's.

Rows read as in matrix_rows_admin. A personal link is the role's own (party A's and party B's
party links, the contact person's link, a practitioner's calendar feed): a role holding none puts a
well-formed link that opens nothing, so every row of a link nobody here holds answers 404 to
everyone, superusers included. `shows` for a party is what that party wrote or was given.
"""

from .matrix_rows_admin import ADMIN_ROWS, PRACTITIONERS_READ
from .matrix_walk import Row
from .matrix_world import (
    AGREEMENT,
    ANSWER_A,
    ANSWER_B,
    CHECKIN,
    HEALTH,
    MEDIATOR,
    PARTY_A,
    PARTY_B,
    PARTY_NAME,
    PRACTITIONER,
    SUPERUSER,
    TITLE,
)

PARTY = {"token": "token:party"}
ALL_CASES = {"first_day": "2026-01-01", "last_day": "2027-12-31", "format": "csv"}

SITE_ROWS = {
    "healthz": "200 200 200 200 200 200 200 200",
    "api:session-types": "200 200 200 200 200 200 200 200",
    "api:availability": "400 400 400 400 400 400 400 400",
    "api:events": "400 400 400 400 400 400 400 400",
    "api:openapi": "200 200 200 200 200 200 200 200",
    "calendar_feed": Row("404 404 404 404 404 200 200 404", kwargs={"token": "token:feed"}),
    "robots_txt": "200 200 200 200 200 200 200 200",
    "sitemap": "200 200 200 200 200 200 200 200",
    "bookings:start": "200 200 200 200 200 200 200 200",
    "bookings:modality": "302 302 302 302 302 302 302 302",
    "bookings:month": "302 302 302 302 302 302 302 302",
    "bookings:times": "302 302 302 302 302 302 302 302",
    "bookings:details": "302 302 302 302 302 302 302 302",
    "bookings:review": "302 302 302 302 302 302 302 302",
    "bookings:taken": "302 302 302 302 302 302 302 302",
    "bookings:manage": Row("404 404 404 404 404 404 404 404", kwargs={"token": "token:booking"}),
    "bookings:ics": Row("404 404 404 404 404 404 404 404", kwargs={"token": "token:booking"}),
    "bookings:reschedule": Row("404 404 404 404 404 404 404 404", kwargs={"token": "token:booking"}),
    "bookings:reschedule_times": Row("404 404 404 404 404 404 404 404", kwargs={"token": "token:booking"}),
    "bookings:reschedule_confirm": Row("404 404 404 404 404 404 404 404", kwargs={"token": "token:booking"}),
    "bookings:cancel": Row("404 404 404 404 404 404 404 404", kwargs={"token": "token:booking"}),
    "bookings:checkin": Row("404 404 404 404 404 404 404 404", kwargs={"token": "token:feedback"}),
    "events:events": "200 200 200 200 200 200 200 200",
    "events:event": Row("200 200 200 200 200 200 200 200", kwargs={"slug": "event"}),
    "events:event_waitlist": Row("302 302 302 302 302 302 302 302", kwargs={"slug": "event"}),
    "events:seats": Row("404 404 404 404 404 404 404 404", kwargs={"token": "token:seat"}),
    "events:seats_ics": Row("404 404 404 404 404 404 404 404", kwargs={"token": "token:seat"}),
    "events:seats_cancel": Row("405 405 405 405 405 405 405 405", kwargs={"token": "token:seat"}),
    "events:waitlist_entry": Row("404 404 404 404 404 404 404 404", kwargs={"token": "token:waitlist"}),
    "events:offer": Row("404 404 404 404 404 404 404 404", kwargs={"token": "token:offer"}),
    "series:series_plan": "200 200 200 200 200 200 200 200",
    "series:series_details": "302 302 302 302 302 302 302 302",
    "series:series": Row("404 404 404 404 404 404 404 404", kwargs={"token": "token:series"}),
    "series:series_calendar": Row("404 404 404 404 404 404 404 404", kwargs={"token": "token:series"}),
    "series:series_session_ics": Row(
        "404 404 404 404 404 404 404 404", kwargs={"token": "token:series", "number": 1}
    ),
    "series:series_session": Row(
        "404 404 404 404 404 404 404 404", kwargs={"token": "token:series", "number": 1}
    ),
    "series:series_cancel_rest": Row("405 405 405 405 405 405 405 405", kwargs={"token": "token:series"}),
    "series:series_agreement": Row("404 404 404 404 404 404 404 404", kwargs={"token": "token:series"}),
    "series:agreement": Row("404 404 404 404 404 404 404 404", kwargs={"token": "token:agreement"}),
    "mediation:party": Row("404 200 200 404 404 404 404 404", shows={PARTY_A: {PARTY_NAME}}, kwargs=PARTY),
    "mediation:party_form": Row(
        "404 200 200 404 404 404 404 404", shows={PARTY_A: {ANSWER_A}, PARTY_B: {ANSWER_B}}, kwargs=PARTY
    ),
    "mediation:party_times": Row("404 200 200 404 404 404 404 404", kwargs=PARTY),
    "mediation:party_meeting_ics": Row(
        "404 200 200 404 404 404 404 404",
        shows={PARTY_A: {PARTY_NAME}},
        kwargs={"token": "token:party", "uid": "meeting"},
    ),
    "mediation:party_agreement": Row(
        "404 200 200 404 404 404 404 404", shows={PARTY_A: {AGREEMENT}, PARTY_B: {AGREEMENT}}, kwargs=PARTY
    ),
    "mediation:party_checkin": Row(
        "404 200 404 404 404 404 404 404",
        shows={PARTY_A: {CHECKIN}},
        kwargs={"token": "token:party", "pk": "checkin"},
    ),
    "mediation:contact": Row("404 404 404 200 404 404 404 404", kwargs={"token": "token:contact"}),
    "services:home": "200 200 200 200 200 200 200 200",
    "services:supervision": "200 200 200 200 200 200 200 200",
    "services:supervision_request": "200 200 200 200 200 200 200 200",
    "services:supervision_request_sent": "200 200 200 200 200 200 200 200",
    "services:mediation": "200 200 200 200 200 200 200 200",
    "services:mediation_request": "200 200 200 200 200 200 200 200",
    "services:mediation_request_sent": "200 200 200 200 200 200 200 200",
    "services:talks": "200 200 200 200 200 200 200 200",
    "services:talks_request": "200 200 200 200 200 200 200 200",
    "services:talks_request_sent": "200 200 200 200 200 200 200 200",
    "services:sound_relaxation": "200 200 200 200 200 200 200 200",
    "services:sound_relaxation_request": "200 200 200 200 200 200 200 200",
    "services:sound_relaxation_request_sent": "200 200 200 200 200 200 200 200",
    "services:about": "200 200 200 200 200 200 200 200",
    "services:contact": "200 200 200 200 200 200 200 200",
    "services:privacy": "200 200 200 200 200 200 200 200",
    "services:accessibility": "200 200 200 200 200 200 200 200",
    "media": Row("404 404 404 404 404 404 404 404", kwargs={"path": "ei-ole.jpg"}),
}

# The same URL asked again with parameters: "name [variant]".
VARIANT_ROWS = {
    "admin:autocomplete [case]": Row(
        "L L L L 403 200 200 200",
        shows={MEDIATOR: {TITLE}, SUPERUSER: {TITLE}},
        query={"app_label": "mediation", "model_name": "meeting", "field_name": "case", "term": ""},
    ),
    "admin:autocomplete [event]": Row(
        "L L L L 200 200 200 200",
        query={"app_label": "events", "model_name": "seatbooking", "field_name": "event", "term": ""},
    ),
    "admin:autocomplete [practitioner]": Row(
        "L L L L 200 200 200 200",
        query={"app_label": "bookings", "model_name": "timeoff", "field_name": "practitioner", "term": ""},
    ),
    "admin:autocomplete [invoice]": Row(
        "L L L L 403 200 200 200",
        query={
            "app_label": "invoicing",
            "model_name": "invoice",
            "field_name": "credited_invoice",
            "term": "",
        },
    ),
    "admin:autocomplete [user]": Row(
        "L L L L 403 403 403 200",
        query={"app_label": "privacy", "model_name": "privacyrequest", "field_name": "done_by", "term": ""},
    ),
    "admin:app_list [mediation]": Row("L L L L 404 200 200 200", kwargs={"app_label": "mediation"}),
    "admin:app_list [bookings]": Row("L L L L 200 200 200 200", kwargs={"app_label": "bookings"}),
    "admin:app_list [auth]": Row("L L L L 404 404 404 200", kwargs={"app_label": "auth"}),
    "admin:app_list [otp_totp]": Row("L L L L 404 404 404 200", kwargs={"app_label": "otp_totp"}),
    "admin:view_on_site [case]": Row(
        "L L L L 404 404 404 404", kwargs={"content_type_id": "case_type", "object_id": "case"}
    ),
    "admin:logout": "302 302 302 302 405 405 405 405",
    "admin:privacy_person [party A]": Row("L L L L 403 200 200 200", query={"email": "aino@example.fi"}),
    "admin:privacy_person_export [party A]": Row(
        "L L L L 403 200 200 200",
        post={"email": "aino@example.fi"},
        shows={
            PRACTITIONER: {PARTY_NAME},
            MEDIATOR: {ANSWER_A, CHECKIN, PARTY_NAME},
            SUPERUSER: {PARTY_NAME},
        },
    ),
    "admin:privacy_person_export [party B]": Row(
        "L L L L 403 200 200 200", post={"email": "ben@example.fi"}, shows={MEDIATOR: {ANSWER_B}}
    ),
    "admin:privacy_person_export [seat holder]": Row(
        "L L L L 403 200 200 200", post={"email": "liisa@example.fi"}, shows={PRACTITIONER: {HEALTH}}
    ),
    # Filtering on confidential text is refused as a disallowed lookup.
    "admin:events_seatbooking_changelist [health filter]": Row(
        "L L L L 400 400 400 400", query={"health_answers__regex": "."}
    ),
    "admin:mediation_mediationcase_changelist [answer filter]": Row(
        "L L L L 403 400 400 400", query={"parties__intake__situation__regex": "."}
    ),
    # The mediator's own rows, as other staff reach them.
    "admin:bookings_practitioner_change [mediator]": Row(
        "L L L L 200 200 200 200", kwargs={"object_id": "mediator"}
    ),
    "admin:bookings_practitioner_delete [mediator]": Row(
        "L L L L 403 403 403 200", kwargs={"object_id": "mediator"}
    ),
    "admin:bookings_calendarblock_change [meeting]": Row(
        "L L L L 200 200 200 200", kwargs={"object_id": "meeting_block"}
    ),
    # A mediation request's message: practitioners (mediators to be) read it, other staff don't.
    "admin:services_servicerequest_change [mediation]": Row(
        "L L L L 200 200 200 200", shows=PRACTITIONERS_READ, kwargs={"object_id": "mediation_request"}
    ),
    "admin:workspace_export [csv]": Row("L L L L 200 200 200 200", query=ALL_CASES),
    "admin:workspace_export [xlsx]": Row("L L L L 200 200 200 200", query={**ALL_CASES, "format": "xlsx"}),
}

# Last: an erasure changes the world for the rows after it (each role's walk is rolled back).
ERASING_ROWS = {
    "admin:mediation_case_revoke_links": Row(
        "L L L L 404 404 302 404", kwargs={"pk": "case", "party": "party_a"}, post={}
    ),
    "admin:privacy_person_erase [party A]": Row(
        "L L L L 403 400 302 400", post={"email": "aino@example.fi", "confirm": "aino@example.fi"}
    ),
}

ROWS = {**SITE_ROWS, **ADMIN_ROWS, **VARIANT_ROWS, **ERASING_ROWS}
