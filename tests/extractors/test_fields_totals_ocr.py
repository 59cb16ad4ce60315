"""Totals as OCR damages them on scans: stacked labels, lost leading digits, spaced cents,
a number label on its own line after blank lines."""

from __future__ import annotations

from extractors.fields import extract_fields
from extractors.fields_totals import choose_totals
from extractors.parsing import find_amounts

HEAD = ("Toitures du Lauragais SARL\n91 route Marcel Pagnol\n31650 Saint-Orens-de-Gameville\n\n\n"
        "FACTURE FA2020-1086\nDate d'émission : 03/04/2020\n\n")


def totals(text, doc_type="supplier_invoice"):
    ex = extract_fields(doc_type, "supplier", text, _regs())
    return {k: ex.fields.get(k) for k in ("total_excl_tax", "total_tax", "total_incl_tax")}, ex


def _regs():
    from config.registries import load_registries

    return load_registries()


def test_labels_stacked_above_values_and_a_line_amount_that_looks_like_thousands():
    text = HEAD + ("Désignation Qté PUHT TVA Montant HT\nNettoyage chéneaux 2 384,75\n"
                   "Réparation tuiles canal 1 618,04\n10%\n10%\n769,50\n618,04\n"
                   "Total HT\nTVA\n1387,54€\n138,75€\n[ Total TTC\n1526,29€\n")
    got, _ = totals(text)
    assert got == {"total_excl_tax": "1387.54", "total_tax": "138.75", "total_incl_tax": "1526.29"}


def test_boxed_total_with_leading_digits_lost_is_rebuilt_from_ht_and_tva():
    text = HEAD + "Total HT 7 598,11 EUR\nTVA 10 % 758,86 EUR\nTVA 20 % 1,89 EUR\nTotal TVA 760,75 EUR\n" \
                  "[TOTAL TTC —S@ 358,86 EUR]\n"
    got, _ = totals(text)
    assert got == {"total_excl_tax": "7598.11", "total_tax": "760.75", "total_incl_tax": "8358.86"}


def test_ttc_not_rebuilt_when_only_the_cents_agree():
    text = HEAD + "Total HT 7 598,11 EUR\nTotal TVA 760,75 EUR\nTotal TTC 9,86 EUR\n"
    got, _ = totals(text)
    assert got["total_incl_tax"] is None


def test_swapped_ht_and_tva_are_not_accepted():
    # 5206,74 + 526,12 = 5732,86: the tax cannot be ten times the HT
    fields, _ = choose_totals({"ht": [], "tva": ["5206.74"], "ttc": ["5732.86"]}, credit=True,
                              others=["-804.90", "-5206.74", "-515.23", "-10.89", "-526.12", "5732.86"])
    assert fields == {"total_excl_tax": "-5206.74", "total_tax": "-526.12", "total_incl_tax": "-5732.86"}


def test_space_after_decimal_comma_before_currency():
    assert [m.value for m in find_amounts("Net à payer TTC 3006, 69€")] == ["3006.69"]
    assert [m.value for m in find_amounts("articles 1, 22 et 3")] == []


def test_invoice_number_on_its_own_line_after_blank_lines():
    _, ex = totals(HEAD.replace("FACTURE FA2020-1086", "FACTURE FA2020047794") + "Total HT 100,00 €\n")
    assert ex.fields["invoice_number"] == "FA2020047794"


def test_a_vat_whose_comma_the_ocr_lost_beside_its_rate():
    got, _ = totals(HEAD + "Total HT € 351,00\nTVA 10 % € 3510\nTOTAL TTC € 386,10\n")
    assert got == {"total_excl_tax": "351.00", "total_tax": "35.10", "total_incl_tax": "386.10"}
