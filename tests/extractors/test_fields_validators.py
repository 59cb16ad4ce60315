"""Identifier checks (python-stdnum underneath): SIRET, SIREN, VAT, IBAN."""

from __future__ import annotations

import pytest

from extractors import validators as v


def test_siret_and_siren():
    assert v.is_valid_siret("73282932000074") and not v.is_valid_siret("73282932000075")
    assert v.is_valid_siret("35600000000048")  # La Poste's head office: Luhn, unlike its other establishments
    assert v.is_valid_siret("35600000049837")  # a La Poste establishment: digit sum multiple of 5
    assert not v.is_valid_siret("732 829 320 00074")  # normalised values only (no spaces)
    assert v.is_valid_siren("732829320") and not v.is_valid_siren("73282932")


def test_vat_key_and_siren():
    assert v.is_valid_vat("FR44732829320")
    assert not v.is_valid_vat("FR45732829320")  # key
    assert not v.is_valid_vat("FR44732829321")  # SIREN
    assert not v.is_valid_vat("FRAB732829320")  # SPEC: a 2-digit key
    assert v.is_valid_vat(v.vat_from_siren("552100554"))


@pytest.mark.parametrize("iban", ["FR7630006000011234567890189", "DE89370400440532013000", "BE68539007547034",
                                  "GB29NWBK60161331926819", "ES9121000418450200051332"])
def test_iban_mod97_and_country_format(iban):
    assert v.is_valid_iban(iban)


@pytest.mark.parametrize("iban", ["FR7630006000011234567890188", "FR763000600001123456789018",
                                  "DE89370400440532013001", "FR76 3000 6000 0112 3456 7890 189", "XX00123"])
def test_iban_rejects(iban):
    assert not v.is_valid_iban(iban)


def test_generated_identifiers_check():
    siren = v.luhn_complete("73282932")
    assert v.is_valid_siren(siren) and v.is_valid_siret(v.luhn_complete(siren + "0002"))
    assert v.is_valid_iban(v.iban_from_bban("FR", "20041790263762389803400"))


def test_iban_lengths_come_from_the_stdnum_registry():
    from extractors.validators import iban_length

    assert {c: iban_length(c) for c in ("FR", "MC", "DE", "BE", "GB", "NL")} == {
        "FR": 27, "MC": 27, "DE": 22, "BE": 16, "GB": 22, "NL": 18}
    assert iban_length("ZZ") is None
