"""Events with seats and a waitlist: every change to them, a module per area (event.py, seats.py,
waitlist.py; settle.py holds the lock, the count and the hand-over they share).

How overselling is prevented (after pretix's quotas): every action that changes seats runs in one
short transaction that takes one lock, on the Event row (SELECT ... FOR UPDATE on PostgreSQL; on
SQLite the IMMEDIATE transaction holds the database's write lock from its start), then settles the
waitlist, derives the free seats from the rows (live seat bookings + unexpired offers), and only
then writes. There is no counter to drift: a crashed worker leaves nothing to repair, and an offer
that expires frees its seats by the clock even before the periodic task hands them on.

The waitlist: when seats are free and people wait, the first person in line whose wanted seats
fit gets an offer (the seats are held for them EVENT_OFFER_HOURS, never past registration's
close) and an email with a personal link. An offer that is not claimed in time expires and the
seats pass to the next in line. Every locked action settles the waitlist first, and the beat task
`bookings.expire_waitlist_offers` runs the same settling every 5 minutes.
"""
