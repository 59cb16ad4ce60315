"""Sums written out in French words."""

from __future__ import annotations

import pytest

from config.registries import Registries
from extractors.fields import extract_fields
from extractors.number_words import find_sums_in_words, words_value


@pytest.mark.parametrize("words, value", [
    ("deux mille cent quatre", 2104), ("quatre-vingt-dix", 90), ("quatre-vingts", 80), ("deux cents", 200),
    ("mille deux cent cinquante", 1250), ("soixante-dix-sept", 77), ("vingt et un", 21), ("soixante et onze", 71),
    ("trois cent quatre-vingt-dix-neuf", 399), ("cent quatre-vingt", 180), ("deux millions", 2_000_000),
])
def test_words_value(words, value):
    assert words_value(words) == value


def test_a_sum_in_words_across_a_line_end_with_its_cents():
    text = "un arriéré de loyers de deux mille cent quatre\neuros et trente centimes, selon votre relevé"
    assert [m.value for m in find_sums_in_words(text)] == ["2104.30"]
    assert find_sums_in_words("un euro symbolique") == [] and find_sums_in_words("Je vous remercie.") == []


def test_the_debt_spelled_out_not_the_monthly_sum_is_the_amount_at_stake():
    letter = ("Madame, Monsieur,\nMme Lacombe a accumulé un arriéré de loyers de deux mille cent quatre\n"
              "euros et trente centimes. Nous consacrerons quatre-vingt-dix euros par mois à l'apurement.\n"
              "Cordialement\nUDAF 31\n")
    ex = extract_fields("payment_difficulty", "tenant", letter, Registries((), ()))
    assert ex.fields["amount"] == "2104.30"
