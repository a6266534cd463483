"""Money on an invoice (pure): VAT per line at the rate in force, totals per rate.

Prices in this project are stored VAT included, with their rate (a booking keeps the price and rate
it was booked at). A line is quantity × unit price incl. VAT, rounded to the cent; its VAT-exclusive
part is that total divided by (1 + rate), rounded half up; the VAT is the difference. Totals per
rate and in all are sums of lines, so the PDF, the Finvoice rows and the totals agree to the cent.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

# Finland's general VAT rate and the day it took effect (Arvonlisäverolaki 84 §).
GENERAL_RATES = (
    (dt.date(2010, 7, 1), Decimal("23")),
    (dt.date(2013, 1, 1), Decimal("24")),
    (dt.date(2024, 9, 1), Decimal("25.5")),
)


def general_rate_on(day: dt.date) -> Decimal:
    rate = Decimal("22")
    for since, value in GENERAL_RATES:
        if day >= since:
            rate = value
    return rate


def rate_in_force(day: dt.date, stored_rate: Decimal) -> Decimal:
    """The VAT rate of a service given on `day`: a price stored at a general rate takes the
    general rate of that day (a session booked at 24 % and held after 1.9.2024 is 25,5 %);
    a reduced or zero rate stays as stored."""
    known_general = {Decimal("22"), *(value for _since, value in GENERAL_RATES)}
    return general_rate_on(day) if Decimal(stored_rate) in known_general else Decimal(stored_rate)


def repriced(unit_price: Decimal, stored_rate: Decimal, rate: Decimal) -> Decimal:
    """A VAT-inclusive price at another rate, keeping its VAT-exclusive part."""
    if Decimal(stored_rate) == Decimal(rate):
        return Decimal(unit_price)
    net = Decimal(unit_price) / (1 + Decimal(stored_rate) / 100)
    return (net * (1 + Decimal(rate) / 100)).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class LineAmounts:
    net: Decimal
    vat: Decimal
    gross: Decimal


def line_amounts(quantity: Decimal, unit_price: Decimal, vat_rate: Decimal) -> LineAmounts:
    gross = (Decimal(quantity) * Decimal(unit_price)).quantize(CENT, ROUND_HALF_UP)
    net = (gross / (1 + Decimal(vat_rate) / 100)).quantize(CENT, ROUND_HALF_UP)
    return LineAmounts(net=net, vat=gross - net, gross=gross)


def unit_net(unit_price: Decimal, vat_rate: Decimal) -> Decimal:
    """The VAT-exclusive unit price, to five decimals (as Finvoice's unit amounts allow)."""
    return (Decimal(unit_price) / (1 + Decimal(vat_rate) / 100)).quantize(Decimal("0.00001"), ROUND_HALF_UP)


@dataclass(frozen=True)
class RateTotal:
    rate: Decimal
    net: Decimal
    vat: Decimal
    gross: Decimal


@dataclass(frozen=True)
class Totals:
    by_rate: tuple[RateTotal, ...]
    net: Decimal
    vat: Decimal
    gross: Decimal


def totals(lines: list[tuple[Decimal, LineAmounts]]) -> Totals:
    """Totals of (rate, amounts) pairs per rate (highest rate first) and in all."""
    sums: dict[Decimal, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO])
    for rate, amounts in lines:
        bucket = sums[Decimal(rate)]
        bucket[0] += amounts.net
        bucket[1] += amounts.vat
        bucket[2] += amounts.gross
    by_rate = tuple(RateTotal(rate, *sums[rate]) for rate in sorted(sums, reverse=True))
    return Totals(
        by_rate=by_rate,
        net=sum((r.net for r in by_rate), ZERO),
        vat=sum((r.vat for r in by_rate), ZERO),
        gross=sum((r.gross for r in by_rate), ZERO),
    )
