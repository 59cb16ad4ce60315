"""The early-payment discount an invoice prints (extractors/early_payment.py; issue 17 item 4)."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.early_payment import early_payment_discount


@pytest.mark.parametrize("text, expected", [
    ("Escompte de 2 % pour paiement sous 10 jours.", {"percent": "2.00", "within_days": 10}),
    ("escompte 1,5 % si règlement avant le 15/03/2020", {"percent": "1.50", "until": "2020-03-15"}),
    ("Conditions : escompte 1,5% jusqu'au 15 mars 2020", {"percent": "1.50", "until": "2020-03-15"}),
    ("En cas de paiement avant le 15 mars 2020, escompte de 1 %.", {"percent": "1.00", "until": "2020-03-15"}),
    ("3 % d'escompte pour règlement sous huitaine", {"percent": "3.00", "within_days": 8}),
    ("ESCOMPTE 2% A 8 JOURS", {"percent": "2.00", "within_days": 8}),
    ("Escompte pour paiement anticipé : 2 %", {"percent": "2.00"}),
    ("Escompte 2 %\nDate d'échéance : 30/04/2020", {"percent": "2.00"}),  # a due date is no limit
])
def test_a_printed_discount_is_read(text, expected):
    page = f"Total TTC 1 200,00 €\nÉchéance : 30/03/2020\n{text}\nIBAN FR76 3000 4000 0312 3456 7890 143"
    assert early_payment_discount(page) == expected


@pytest.mark.parametrize("text", [
    "Pas d'escompte pour paiement anticipé. Pénalités de retard : 10 %.",
    "En cas de retard, pénalités au taux légal. Pas d'escompte pour paiement anticipé.",
    "Aucun escompte ne sera accordé, pénalités de retard 12 %",
    "Escompte : néant",
    "Taux d'escompte : 0 %",
    "Sans escompte",
    "Total HT 1 000,00 € TVA 20 % 200,00 €",
])
def test_no_discount_or_a_denied_one_is_none(text):
    assert early_payment_discount(text) is None


def test_a_date_without_its_year_takes_the_invoices():
    assert early_payment_discount("Escompte 2 % si paiement avant le 15 mars", date(2021, 3, 1)) == {
        "percent": "2.00", "until": "2021-03-15"}
    assert early_payment_discount("Facture du 12 mars 2020. Escompte 2 % pour paiement comptant.") == {
        "percent": "2.00"}  # the date of another sentence is not the discount's
