"""Money as people here read it. The one place that formats an amount for humans.

fi/sv  120,00 €  (1 200,00 € from a thousand up)
en     €120.00   (€1,200.00)
Amounts are `Decimal`; the VAT rate travels with the price (25.5 %, not 0.255).
"""

from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils import translation
from django.utils.translation import gettext as _


def format_euros(amount: Decimal | int | str | None) -> str:
    """`120,00 €` in Finnish and Swedish, `€120.00` in English; empty for no amount."""
    if amount in (None, ""):
        return ""
    amount = Decimal(amount)
    number = floatformat(amount, "2g" if abs(amount) >= 1000 else "2")
    return f"€{number}" if translation.get_language() == "en" else f"{number}\u00a0€"


def format_rate(rate: Decimal | int | str) -> str:
    """A VAT rate as written in the active language: `25,5` / `25.5`, `24`."""
    return floatformat(Decimal(rate), "-1")


def format_price(amount: Decimal | None, vat_rate: Decimal | None = None, *, vat_registered: bool) -> str:
    """`120,00 € incl. VAT 25.5 %` when the practice charges VAT, else the plain amount; empty for
    free."""
    if not amount:
        return ""
    text = format_euros(amount)
    if vat_rate is None or not vat_registered:
        return text
    return _("%(price)s incl. VAT %(rate)s %%") % {"price": text, "rate": format_rate(vat_rate)}


def vat_parts(price: Decimal, vat_rate: Decimal) -> tuple[Decimal, Decimal]:
    """(VAT-exclusive amount, VAT) of a VAT-inclusive price, rounded to cents."""
    net = (price / (1 + vat_rate / 100)).quantize(Decimal("0.01"))
    return net, price - net
