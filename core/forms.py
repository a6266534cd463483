"""Every free-text field says how long it may be: the form renderer (settings.FORM_RENDERER) gives
each form a bound field that appends "At most 2 000 characters." to the help of a text area with
a length limit, in the reader's language; admin, the workspace and the public forms alike. The
limit itself is the field's max_length (on the model for model forms), which the form enforces
with a message next to the field and the browser with the textarea's maxlength."""

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import ngettext


def limit_text(limit: int) -> str:
    return ngettext("At most %(count)s character.", "At most %(count)s characters.", limit) % {
        "count": number_format(limit, force_grouping=True)
    }


class LimitedBoundField(BoundField):
    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        limit = getattr(field, "max_length", None)
        if limit and isinstance(field.widget, forms.Textarea):
            self.help_text = (
                format_html("{} {}", self.help_text, limit_text(limit))
                if self.help_text
                else limit_text(limit)
            )


class FormRenderer(DjangoTemplates):
    bound_field_class = LimitedBoundField
