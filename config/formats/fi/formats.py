"""Finnish: `24.11.2026 klo 14.00` (core.formats.numeric_when's order, with the time word)."""

DATE_FORMAT = "j.n.Y"
TIME_FORMAT = "H.i"
DATETIME_FORMAT = r"j.n.Y \k\l\o H.i"
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = r"j.n.Y \k\l\o H.i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j.n."
FIRST_DAY_OF_WEEK = 1
