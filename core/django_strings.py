"""Django 6.1's own strings that its Finnish catalogue does not translate yet (and one, the empty
choice's label, that neither the Finnish nor the Swedish has). Marked here so that `make messages`
puts them in the project catalogue (locale/), which Django consults before its own: the admin then
reads Finnish throughout. Nothing imports this module but its test; drop a line once Django's
catalogues have it.
"""

from django.utils.translation import gettext_noop

STRINGS = (
    gettext_noop("- Select an option -"),
    gettext_noop("Run"),
    gettext_noop("Change or view list link"),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related objects, "
        "but your account doesn't have permission to delete the following types of objects:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the following "
        "protected related objects:"
    ),
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of the "
        "following related items will be deleted:"
    ),
    gettext_noop("Pagination %(name)s entries"),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Search %(name)s"),
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
)
