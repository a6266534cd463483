"""Finnish payment references (pure): the national viitenumero and the RF creditor reference.

The national reference is 3–19 digits of base plus a check digit by the 7-3-1 rule (weights
7, 3, 1, 7, 3, 1 … from the right; the check digit takes the sum up to the next ten), printed
in groups of five from the right: base 23409678 → 2340 96783. The RF creditor reference
(ISO 11649) carries the national reference after "RF" and two check digits (python-stdnum checks
them): RF09 8685 1625 9619 897.
"""

from stdnum import iso11649
from stdnum.iso7064 import mod_97_10

WEIGHTS = (7, 3, 1)


class InvalidReference(ValueError):
    pass


def check_digit(base: str) -> str:
    """The 7-3-1 check digit of a base of 3–19 digits."""
    if not base.isdigit() or not 3 <= len(base) <= 19:
        raise InvalidReference(f"a reference base is 3–19 digits, not {base!r}")
    total = sum(int(digit) * WEIGHTS[i % 3] for i, digit in enumerate(reversed(base)))
    return str(-total % 10)


def national(base: str) -> str:
    """The national reference (digits only) of `base`: the base and its check digit."""
    return base + check_digit(base)


def compact(reference: str) -> str:
    """A reference as typed (spaces, leading zeros) to its digits or its compact RF form."""
    text = "".join(reference.split()).upper()
    return text if text.startswith("RF") else text.lstrip("0")


def is_valid_national(reference: str) -> bool:
    digits = compact(reference)
    return digits.isdigit() and 4 <= len(digits) <= 20 and check_digit(digits[:-1]) == digits[-1]


def grouped(reference: str) -> str:
    """Printed form: national in groups of five from the right, RF in groups of four from the left."""
    text = compact(reference)
    if text.startswith("RF"):
        return iso11649.format(text)
    head = len(text) % 5
    groups = ([text[:head]] if head else []) + [text[i : i + 5] for i in range(head, len(text), 5)]
    return " ".join(groups)


def creditor_reference(national_reference: str) -> str:
    """The RF creditor reference (compact) carrying a national reference: RF + check + digits."""
    digits = compact(national_reference)
    if not is_valid_national(digits):
        raise InvalidReference(f"not a national reference: {national_reference!r}")
    return "RF" + mod_97_10.calc_check_digits(digits + "RF") + digits


def is_valid_creditor(reference: str) -> bool:
    return iso11649.is_valid(compact(reference))


def national_from_creditor(reference: str) -> str:
    """The digits an RF reference carries after its check digits (what a bank matches on)."""
    return compact(reference)[4:].lstrip("0")
