"""Domain errors of a person's rights, each with a translated message that is safe to show staff."""

from django.utils.translation import gettext_lazy as _

from core.exceptions import DomainError


class ErasureRefused(DomainError):
    message = _("Nothing was erased.")


class OwnAddress(ErasureRefused):
    message = _(
        "This is one of the practice's own addresses (the practice or a practitioner): it is not erased. "
        "Nothing was erased."
    )


class NotYours(ErasureRefused):
    def __init__(self, kinds: list[str]):
        self.kinds = kinds
        super().__init__(
            _(
                "Some of this data is for its own practitioner or mediator to erase (%(kinds)s). Nothing was erased."
            )
            % {"kinds": ", ".join(kinds)}
        )
