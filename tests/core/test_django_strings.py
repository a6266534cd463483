"""Django's own strings that its catalogues leave in English read Finnish (and Swedish) here."""

import pytest
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils import translation

from core.django_strings import STRINGS


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_listed_string_is_translated(language):
    with translation.override(language):
        untranslated = [text for text in STRINGS if translation.gettext(text) == text]
    assert untranslated == []


def test_the_empty_choice_and_the_admin_action_button_read_finnish(admin_client):
    with translation.override("fi"):
        assert str(BLANK_CHOICE_LABEL) == "- Valitse -"
    html = admin_client.get("/admin/auth/user/").content.decode()
    assert ">Suorita</button>" in html and ">Run</button>" not in html
