"""The Finnish bank barcode (pure): the 54-digit virtual barcode and its Code 128 drawing.

Finanssiala's "Pankkiviivakoodi-opas" (version 5.3): version 4 carries a national reference,
version 5 an RF creditor reference.

    v4  4 | IBAN digits (16) | euros (6) | cents (2) | 000 | reference (20)        | due YYMMDD
    v5  5 | IBAN digits (16) | euros (6) | cents (2) | RF check (2) | ref (21)    | due YYMMDD

An amount over 999 999,99 €, and no due date, are written as zeros. The barcode itself is Code 128
subset C (two digits a symbol): start C, 27 symbols, the check symbol, stop. Drawn here as SVG, so
nothing is fetched from anywhere.
"""

import datetime as dt
from decimal import Decimal

from . import reference as ref

MAX_AMOUNT = Decimal("999999.99")

# Bar and space widths (in modules) of the Code 128 symbols 0–106; 105 is start C, 106 the stop.
PATTERNS = (
    "212222",
    "222122",
    "222221",
    "121223",
    "121322",
    "131222",
    "122213",
    "122312",
    "132212",
    "221213",
    "221312",
    "231212",
    "112232",
    "122132",
    "122231",
    "113222",
    "123122",
    "123221",
    "223211",
    "221132",
    "221231",
    "213212",
    "223112",
    "312131",
    "311222",
    "321122",
    "321221",
    "312212",
    "322112",
    "322211",
    "212123",
    "212321",
    "232121",
    "111323",
    "131123",
    "131321",
    "112313",
    "132113",
    "132311",
    "211313",
    "231113",
    "231311",
    "112133",
    "112331",
    "132131",
    "113123",
    "113321",
    "133121",
    "313121",
    "211331",
    "231131",
    "213113",
    "213311",
    "213131",
    "311123",
    "311321",
    "331121",
    "312113",
    "312311",
    "332111",
    "314111",
    "221411",
    "431111",
    "111224",
    "111422",
    "121124",
    "121421",
    "141122",
    "141221",
    "112214",
    "112412",
    "122114",
    "122411",
    "142112",
    "142211",
    "241211",
    "221114",
    "413111",
    "241112",
    "134111",
    "111242",
    "121142",
    "121241",
    "114212",
    "124112",
    "124211",
    "411212",
    "421112",
    "421211",
    "212141",
    "214121",
    "412121",
    "111143",
    "111341",
    "131141",
    "114113",
    "114311",
    "411113",
    "411311",
    "113141",
    "114131",
    "311141",
    "411131",
    "211412",
    "211214",
    "211232",
    "2331112",
)
START_C = 105
STOP = 106
QUIET_ZONE = 10  # modules of white on each side


class BarcodeError(ValueError):
    pass


def _account_digits(iban: str) -> str:
    compact = "".join(iban.split()).upper()
    if not (compact.startswith("FI") and len(compact) == 18 and compact[2:].isdigit()):
        raise BarcodeError("the bank barcode needs a Finnish IBAN (FI and 16 digits)")
    return compact[2:]


def _amount(amount: Decimal) -> str:
    if amount < 0:
        raise BarcodeError("no barcode for a negative amount")
    cents = int((amount if amount <= MAX_AMOUNT else Decimal(0)).quantize(Decimal("0.01")) * 100)
    return f"{cents:08d}"


def _due(due: dt.date | None) -> str:
    """YYMMDD (ISO 8601's basic form without the century), or zeros for no due date."""
    return due.isoformat()[2:].replace("-", "") if due else "000000"


def virtual_barcode(*, iban: str, reference: str, amount: Decimal, due: dt.date | None) -> str:
    """The 54 digits: version 5 for an RF reference, version 4 for a national one."""
    account, money, text = _account_digits(iban), _amount(amount), ref.compact(reference)
    if text.startswith("RF"):
        if not ref.is_valid_creditor(text) or len(text) > 25:
            raise BarcodeError(f"not an RF creditor reference for the barcode: {reference!r}")
        return f"5{account}{money}{text[2:4]}{text[4:].zfill(21)}{_due(due)}"
    if not ref.is_valid_national(text):
        raise BarcodeError(f"not a national reference: {reference!r}")
    return f"4{account}{money}000{text.zfill(20)}{_due(due)}"


def symbols(digits: str) -> list[int]:
    """Code 128 subset C symbols of an even number of digits: start, pairs, check, stop."""
    if not digits.isdigit() or len(digits) % 2:
        raise BarcodeError("Code 128 C takes an even number of digits")
    pairs = [int(digits[i : i + 2]) for i in range(0, len(digits), 2)]
    check = (START_C + sum(position * value for position, value in enumerate(pairs, start=1))) % 103
    return [START_C, *pairs, check, STOP]


def bars(digits: str) -> list[tuple[int, int]]:
    """(x, width) of each black bar, in modules, with the quiet zone before the first."""
    x, result = QUIET_ZONE, []
    for symbol in symbols(digits):
        for i, width in enumerate(PATTERNS[symbol]):
            if i % 2 == 0:
                result.append((x, int(width)))
            x += int(width)
    return result


def svg(digits: str, *, height: int = 50, label: str = "") -> str:
    """The barcode as an SVG image (one module = one unit; scale it with CSS width)."""
    drawn = bars(digits)
    width = drawn[-1][0] + drawn[-1][1] + QUIET_ZONE
    rects = "".join(f'<rect x="{x}" y="0" width="{w}" height="{height}"/>' for x, w in drawn)
    title = f"<title>{label}</title>" if label else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" shape-rendering="crispEdges">'
        f'{title}<rect width="{width}" height="{height}" fill="#fff"/><g fill="#000">{rects}</g></svg>'
    )
