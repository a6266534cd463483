"""The virtual bank barcode against the examples of Finanssiala's "Pankkiviivakoodi-opas" v5.3
(its nine invoices, in version 4 with the national reference and version 5 with the RF one), and
the Code 128 symbols against the check characters the guide prints for them."""

import datetime as dt
from decimal import Decimal

import pytest

from invoicing import barcode

GUIDE_V4 = [
    ("FI79 4405 2020 0360 82", "4883.15", "86851 62596 19897", dt.date(2010, 6, 12),
     "479440520200360820048831500000000868516259619897100612"),
    ("FI58 1017 1000 0001 22", "482.99", "55958 22432 94671", dt.date(2012, 1, 31),
     "458101710000001220004829900000000559582243294671120131"),
    ("FI02 5000 4640 0013 02", "693.80", "69 87567 20834 35364", dt.date(2011, 7, 24),
     "402500046400013020006938000000069875672083435364110724"),
    ("FI15 6601 0001 5306 41", "7444.54", "7 75847 47906 47489", dt.date(2019, 12, 19),
     "415660100015306410074445400000007758474790647489191219"),
    ("FI16 8000 1400 0502 67", "935.85", "78 77767 96566 28687", None,
     "416800014000502670009358500000078777679656628687000000"),
    ("FI73 3131 3001 0000 58", "0.00", "8 68624", dt.date(2013, 8, 9),
     "473313130010000580000000000000000000000000868624130809"),
    ("FI83 3301 0001 1007 75", "150000.20", "92125 37425 25398 97737", dt.date(2016, 5, 25),
     "483330100011007751500002000092125374252539897737160525"),
    ("FI39 3636 3002 0924 92", "1.03", "5907 38390", dt.date(2023, 3, 11),
     "439363630020924920000010300000000000000590738390230311"),
    ("FI92 3939 0001 0033 91", "0.02", "13 57914", dt.date(2099, 12, 24),
     "492393900010033910000000200000000000000001357914991224"),
]  # fmt: skip
GUIDE_V5 = [
    ("FI79 4405 2020 0360 82", "4883.15", "RF09 8685 1625 9619 897", dt.date(2010, 6, 12),
     "579440520200360820048831509000000868516259619897100612"),
    ("FI58 1017 1000 0001 22", "482.99", "RF06 5595 8224 3294 671", dt.date(2010, 1, 31),
     "558101710000001220004829906000000559582243294671100131"),
    ("FI02 5000 4640 0013 02", "693.80", "RF02 6987 5672 0834", dt.date(2011, 7, 24),
     "502500046400013020006938002000000000698756720834110724"),
    ("FI15 6601 0001 5306 41", "7444.54", "RF84 7758 4747 9064 7489", dt.date(2019, 12, 19),
     "515660100015306410074445484000007758474790647489191219"),
    ("FI16 8000 1400 0502 67", "935.85", "RF60 7877 7679 6566 2868 7", None,
     "516800014000502670009358560000078777679656628687000000"),
    ("FI73 3131 3001 0000 58", "0.00", "RF10 8686 24", dt.date(2013, 8, 9),
     "573313130010000580000000010000000000000000868624130809"),
    ("FI83 3301 0001 1007 75", "150000.20", "RF71 9212 5374 2525 3989 7737", dt.date(2016, 5, 25),
     "583330100011007751500002071092125374252539897737160525"),
    ("FI39 3636 3002 0924 92", "1.03", "RF66 5907 3839 0", dt.date(2023, 3, 11),
     "539363630020924920000010366000000000000590738390230311"),
    ("FI92 3939 0001 0033 91", "0.02", "RF95 1357 914", dt.date(2099, 12, 24),
     "592393900010033910000000295000000000000001357914991224"),
]  # fmt: skip


@pytest.mark.parametrize(("iban", "amount", "reference", "due", "expected"), GUIDE_V4 + GUIDE_V5)
def test_the_guide_examples(iban, amount, reference, due, expected):
    code = barcode.virtual_barcode(iban=iban, reference=reference, amount=Decimal(amount), due=due)
    assert code == expected
    assert len(code) == 54


@pytest.mark.parametrize(
    ("expected", "check"),
    [(GUIDE_V4[0][4], 40), (GUIDE_V4[1][4], 55), (GUIDE_V4[2][4], 14), (GUIDE_V5[6][4], 80)],
)
def test_code_128_symbols_and_the_check_character_the_guide_prints(expected, check):
    symbols = barcode.symbols(expected)
    assert symbols[0] == barcode.START_C and symbols[-1] == barcode.STOP
    assert symbols[1:-2] == [int(expected[i : i + 2]) for i in range(0, 54, 2)]
    assert symbols[-2] == check


def test_every_code_128_pattern_is_eleven_modules_and_the_drawing_has_its_bars():
    assert len(barcode.PATTERNS) == 107
    assert all(sum(map(int, p)) == 11 for p in barcode.PATTERNS[:106])
    assert sum(map(int, barcode.PATTERNS[barcode.STOP])) == 13
    code = GUIDE_V4[0][4]
    bars = barcode.bars(code)
    assert len(bars) == 3 * 29 + 4  # three bars a symbol, four in the stop
    assert bars[0][0] == barcode.QUIET_ZONE
    svg = barcode.svg(code, label=code)
    assert svg.count("<rect") == len(bars) + 1 and "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_an_amount_over_a_million_is_written_as_zeros():
    code = barcode.virtual_barcode(
        iban="FI79 4405 2020 0360 82", reference="86851 62596 19897", amount=Decimal("1000000.00"), due=None
    )
    assert code[17:25] == "00000000"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"iban": "DE89 3704 0044 0532 0130 00", "reference": "1232"},
        {"iban": "FI79 4405 2020 0360 82", "reference": "1233"},
        {"iban": "FI79 4405 2020 0360 82", "reference": "RF00 1232"},
    ],
)
def test_a_foreign_account_or_a_wrong_reference_gets_no_barcode(kwargs):
    with pytest.raises(barcode.BarcodeError):
        barcode.virtual_barcode(amount=Decimal("1.00"), due=None, **kwargs)
