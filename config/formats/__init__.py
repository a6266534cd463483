"""Django's own date display (admin lists, history, `|date` without a format) as core.formats writes it.

FORMAT_MODULE_PATH points here. The admin prints dates and times through these formats, after
converting to the current time zone (Europe/Helsinki): `24.11.2026 klo 14.00`, never UTC and never
Django's `24. marraskuuta 2026 kello 14.00`. Everything else prints through core.formats.
"""
