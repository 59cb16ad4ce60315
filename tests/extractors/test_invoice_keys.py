"""Two readings of one invoice give the same keys; distinct invoices do not (extractors/invoice_keys.py)."""

import pytest

from extractors.invoice_keys import loose_number_key, number_key, supplier_key


@pytest.mark.parametrize("a, b", [
    ("F2020-0412", "F 2020-O412"),     # spaces, O for 0
    ("F2020-0412", "f2020/0412"),      # case, another separator
    ("FA-2020-0I12", "FA20200112"),    # I for 1 among digits
    ("N° 2020-0412", "2020 0412"),     # a label read with the number
    ("Facture 77-105", "77.105"),
])
def test_reading_variants_share_the_strict_key(a, b):
    assert number_key(a) == number_key(b) != ""


@pytest.mark.parametrize("a, b", [
    ("F2020-0412", "F2020-0413"),      # the next invoice
    ("A-100", "B-100"),                # two series of one supplier
    ("2020-0412", "2020-0421"),
])
def test_distinct_numbers_keep_distinct_strict_keys(a, b):
    assert number_key(a) != number_key(b)


def test_the_loose_key_forgives_a_missing_prefix_but_not_other_digits():
    assert loose_number_key("F2020-0412") == loose_number_key("2020-0412") == loose_number_key("FAC 2020 O412")
    assert loose_number_key("F2020-0412") != loose_number_key("F2020-0413")
    assert loose_number_key("A1") == ""  # too short to mean anything alone


def test_a_prefix_of_letters_is_not_turned_into_digits():
    assert number_key("BL-1234") == "BL1234"
    assert number_key("SO-2020") == "SO2020"
    assert number_key("O412") == "0412"  # alone before digits, it is one


def test_the_supplier_is_known_by_its_best_identifier():
    assert supplier_key("F0001", {"supplier_siret": "96888664800235"}) == "id:F0001"
    assert supplier_key(None, {"supplier_siret": "96888664800235"}) == "siren:968886648"
    assert supplier_key(None, {"supplier_vat": "FR54968886648"}) == "siren:968886648"
    assert supplier_key(None, {"iban": "FR7630006000011234567890189"}) == "iban:FR7630006000011234567890189"
    assert supplier_key(None, {"supplier_name": "Plomberie Garonne"}) == "name:PLOMBERIEGARONNE"
    assert supplier_key(None, {}) == ""
