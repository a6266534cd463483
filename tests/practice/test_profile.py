"""The practice profile: one row, made on first use from the environment, read from the cache."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from practice.models import PracticeProfile
from practice.selectors import profile

pytestmark = pytest.mark.django_db


def test_first_use_makes_the_row_from_the_environment_defaults(settings):
    settings.PRACTICE_NAME = "Työnohjaus Laine"
    settings.PRACTICE_EMAIL = "laine@example.fi"
    settings.PRACTICE_PHONE = "+358 50 765 4321"
    settings.PRACTICE_VAT_REGISTERED = False
    settings.PRACTICE_BUSINESS_ID = "0112038-9"
    settings.PRACTICE_ADDRESS = "Kalevankatu 12 A 3, 00100 Helsinki"

    found = profile()

    row = PracticeProfile.objects.get()
    assert found.pk == row.pk == 1
    assert (row.name, row.email, row.phone) == ("Työnohjaus Laine", "laine@example.fi", "+358 50 765 4321")
    assert (row.vat_registered, row.business_id) == (False, "0112038-9")
    assert (row.street_address, row.postal_code, row.city) == ("Kalevankatu 12 A 3", "00100", "Helsinki")
    assert row.postal_address == "Kalevankatu 12 A 3, 00100 Helsinki"


def test_the_saved_row_wins_over_the_environment(settings):
    profile()
    PracticeProfile.objects.filter(pk=1).update(name="Oma nimi")
    PracticeProfile.objects.get().save()  # a save drops the cached copy
    settings.PRACTICE_NAME = "Ympäristön nimi"
    assert profile().name == "Oma nimi"


def test_profile_is_read_from_the_cache_after_the_first_call(django_assert_num_queries):
    profile()
    with django_assert_num_queries(0):
        assert profile().name


def test_a_save_is_seen_by_the_next_read():
    first = profile()
    first.name = "Uusi nimi"
    first.save()
    assert profile().name == "Uusi nimi"


def test_there_is_only_ever_one_row():
    profile()
    with pytest.raises(IntegrityError):
        PracticeProfile.objects.create(pk=2, name="Toinen", email="toinen@example.fi")


@pytest.mark.parametrize(
    ("value", "code"),
    [("1234567-8", "checksum"), ("12345", "format")],
)
def test_business_id_is_checked_by_its_check_digit(value, code):
    row = profile()
    row.business_id = value
    with pytest.raises(ValidationError) as raised:
        row.full_clean()
    assert [error.code for error in raised.value.error_dict["business_id"]] == [code]


def test_a_valid_business_id_passes_and_gives_the_vat_number():
    row = profile()
    row.business_id, row.vat_registered = "0112038-9", True
    row.full_clean()
    assert row.vat_id == "FI01120389"
    row.vat_registered = False
    assert row.vat_id == ""
