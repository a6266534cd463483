"""The Finnish reference number (7-3-1) and the RF creditor reference (ISO 11649)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from invoicing import reference as ref

bases = st.text(alphabet="0123456789", min_size=3, max_size=19).filter(lambda b: b[0] != "0")


def test_the_worked_example_gets_check_digit_3_and_prints_in_groups_of_five():
    assert ref.check_digit("23409678") == "3"
    assert ref.national("23409678") == "234096783"
    assert ref.grouped(ref.national("23409678")) == "2340 96783"


@pytest.mark.parametrize(
    ("base", "printed"),
    [
        # the references of the bank barcode guide's examples, with their check digits
        ("86851625961989", "86851 62596 19897"),
        ("55958224329467", "55958 22432 94671"),
        ("6987567208343536", "69 87567 20834 35364"),
        ("86862", "8 68624"),
        ("59073839", "5907 38390"),
        ("135791", "13 57914"),
        ("123", "1232"),
    ],
)
def test_check_digits_of_published_references(base, printed):
    assert ref.grouped(ref.national(base)) == printed


def test_a_base_must_be_3_to_19_digits():
    for base in ("12", "12a4", "1" * 20, ""):
        with pytest.raises(ref.InvalidReference):
            ref.check_digit(base)


@given(bases)
def test_every_reference_made_is_valid_and_one_wrong_digit_is_caught(base):
    reference = ref.national(base)
    assert ref.is_valid_national(reference)
    wrong = reference[:-1] + str((int(reference[-1]) + 1) % 10)
    assert not ref.is_valid_national(wrong)


@given(bases)
def test_the_printed_form_reads_back_to_the_same_reference(base):
    reference = ref.national(base)
    printed = ref.grouped(reference)
    assert all(len(group) <= 5 for group in printed.split())
    assert all(len(group) == 5 for group in printed.split()[1:])
    assert ref.compact(printed) == reference


@given(bases)
def test_the_creditor_reference_carries_the_national_one(base):
    national = ref.national(base)
    creditor = ref.creditor_reference(national)
    assert creditor.startswith("RF") and ref.is_valid_creditor(creditor)
    assert ref.national_from_creditor(creditor) == national
    assert ref.compact(ref.grouped(creditor)) == creditor


def test_creditor_references_of_the_guide():
    assert ref.grouped(ref.creditor_reference("868516259619897")) == "RF09 8685 1625 9619 897"
    assert ref.grouped(ref.creditor_reference("868624")) == "RF10 8686 24"
    assert ref.grouped(ref.creditor_reference("1357914")) == "RF95 1357 914"
