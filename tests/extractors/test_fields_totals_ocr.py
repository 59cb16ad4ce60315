"""Totals as OCR damages them on scans: stacked labels, lost leading digits, spaced cents,
a number label on its own line after blank lines."""

from __future__ import annotations

from config.registries import Registries
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


def test_a_boxed_row_of_totals_under_its_labels_with_commas_lost():
    """Labels in one row of boxes (spaces lost: « Netapayer »), the figures in the row under
    them, table rules read as letters between; two figures lost their decimal comma."""
    text = HEAD + ("Évacuation des gravats forfait 380,00 €\n[ T T\nMontantHT TVA10% Netapayer\nI Ï T\n"
                   "920840€ 920,84 € 1012924€\nConditions : à régler avant le 4 mars 2021.\n")
    got, _ = totals(text)
    assert got == {"total_excl_tax": "9208.40", "total_tax": "920.84", "total_incl_tax": "10129.24"}
    # « Solde à régler » is what is to pay
    text = HEAD + ("Total H.T. T.V.A. 10 % Solde à régler\nJL JL\n7972,00€ 797,20€ 8769,20€\n")
    got, _ = totals(text)
    assert got == {"total_excl_tax": "7972.00", "total_tax": "797.20", "total_incl_tax": "8769.20"}


def test_a_lost_comma_is_restored_only_when_the_totals_then_add_up():
    # 1200 € excl. tax is 1200 €, not 12 €: nothing to repair when the triple adds up as read
    assert choose_totals({"ht": ["1200.00"], "tva": ["240.00"], "ttc": ["1440.00"]}, False)[0] == {
        "total_excl_tax": "1200.00", "total_tax": "240.00", "total_incl_tax": "1440.00"}
    fields, reason = choose_totals({"ht": ["920800.00"], "tva": ["920.84"], "ttc": ["1012924.00"]}, False)
    assert "total_incl_tax" not in fields or fields["total_incl_tax"] != "10129.24"


def test_two_vat_rates_add_up_and_a_subtotals_rate_is_no_tax():
    """A water bill: each subtotal names its VAT rate; the tax is the sum of the two VAT lines."""
    text = HEAD + ("Consommation eau potable 1248m3 1,3520 1687,30 €\n"
                   "Sous-total distribution de l'eau (TVA 5,5 %) 2231,80 €\n"
                   "Consommation assainissement 1248m3 1,6180 2019,26 €\n"
                   "Sous-total assainissement (TVA 10 %) 2278,54 €\n"
                   "Total HT 4510,34 €\nTVA 5,5 % 122,75 €\nTVA10% 227,85 €\nTotal TTC 4860,94 €\n")
    got, _ = totals(text)
    assert got == {"total_excl_tax": "4510.34", "total_tax": "350.60", "total_incl_tax": "4860.94"}


def test_a_letter_before_the_vat_figure_is_no_digit():
    """« TVA 20 % sur I 864,96 » (the emoluments of part I): OCR's I-for-1 would make it 1 864,96;
    the figure HT and TTC imply is the one the line prints."""
    text = HEAD + "Total hors taxes (I + II) 7 414,60\nTVA 20 % sur I 864,96\nTOTAL TTC 8 279,56\n"
    got, _ = totals(text)
    assert got == {"total_excl_tax": "7414.60", "total_tax": "864.96", "total_incl_tax": "8279.56"}


def test_totals_of_two_vat_rates_under_labels_the_ocr_garbled_add_up_from_their_parts():
    """A shaded totals box read as noise: « TOTALERATE ES … 46 971,00 EUR », two VAT lines, then
    the tax and the total with no label left. The triple that adds up is taken because its parts
    are labelled: the two sub-totals make its HT, the two rates' lines its tax."""
    text = ("THERMI-SUD CHAUFFAGE\nDEVIS N° 22-0311\nDesignation Qte PU HT Total HT\n"
            "LOT A - Renovation energetique (TVA 5,5 %)\n"
            "Chaudiere gaz a condensation 150 kW (modele THR-150) u 2 11 850,00 23 700,00\n"
            "Sous-total A 43 340,00\nLOT B - Travaux annexes (TVA 10 %)\n"
            "Remplacement vannes d'isolement DN80 eau froide u 3 485,00 1 455,00\n"
            "Sous-total B 3 631,00\nTOTALERATE ES en ae ie 46 971,00 EUR\n"
            "TVA:5;5:#:sûur- LOC A: is 2 383,70 EUR\nTVA 10; %'sur:1lot:-B:..:,:: 363,10 EUR\n"
            "OWA IMA SES barques 2 746,80 EUR\nOVAL SEG ES ir een: 49 717,80 EUR\n"
            "THERMI-SUD CHAUFFAGE SAS - capital 150 000 EUR\n")
    f = extract_fields("supplier_quote", "supplier", text, Registries((), ())).fields
    assert (f["total_excl_tax"], f["total_tax"], f["total_incl_tax"]) == ("46971.00", "2746.80", "49717.80")


def test_a_tax_misread_by_one_digit_is_put_right_by_the_base_at_its_rate():
    text = ("ASCENSIA\nFACTURE N° 21-0457\nTotal HT 7 477,25 €\nTVA 10 % 747,13 €\nTotal TTC 8 224,98 €\n")
    f = extract_fields("supplier_invoice", "supplier", text, Registries((), ())).fields
    assert (f["total_excl_tax"], f["total_tax"], f["total_incl_tax"]) == ("7477.25", "747.73", "8224.98")
    # a tax a digit off that no French rate explains stays a reading to check
    odd = text.replace("7 477,25", "7 400,25").replace("8 224,98", "8 147,98")
    ex = extract_fields("supplier_invoice", "supplier", odd, Registries((), ()))
    assert "total_tax" not in ex.fields and "total_incl_tax" in ex.rejected


def test_a_tax_whose_decimal_comma_the_ocr_lost_is_read_with_its_cents():
    text = "DARRIEUX COURTAGE\nNOTE D'HONORAIRES N° 21-118\nHonoraires HT 9212,40€\nTVA 20 % 184248€\nTOTAL TTC 11 054,88 €\n"
    f = extract_fields("supplier_invoice", "supplier", text, Registries((), ())).fields
    assert (f["total_excl_tax"], f["total_tax"], f["total_incl_tax"]) == ("9212.40", "1842.48", "11054.88")


def test_totals_of_two_rates_whose_labels_the_ocr_garbled_add_up_from_the_rates_lines():
    text = ("JARDINS DU LAURAGAIS\nFACTURE N° 2021-118\nDésignation Qté Unité P.U.HT TVA Montant HT\n"
            "Taille des haies 1 forfait 1 336,50 10 % 1 336,50\nÉlagage 1 forfait 2 060,00 20 % 2 060,00\n"
            "TOTALE esssvstsssiisssensessovoseoneeosesvbas 3 396,50\n"
            "dont base TVA 10 % : 1 336,50 -> TVA 10 % 133,65\ndont base TVA 20 % : 2 060,00 -> TVA 20 % 412,00\n"
            "TOTAL EVA scssssetsrses mener sacs 545,65\nTotal LLC er. rsmemnennn 3 942,15\n")
    f = extract_fields("supplier_invoice", "supplier", text, Registries((), ())).fields
    assert (f["total_excl_tax"], f["total_tax"], f["total_incl_tax"]) == ("3396.50", "545.65", "3942.15")


def test_a_quotes_totals_are_its_base_offers_not_an_options():
    text = ("ONDARTS MENUISERIE\nOFFRE N° OF-2021-052   Date : 14/06/2021\nSolution de base : portes bois\n"
            "Total HT 9 600,00 €   TVA 10 % 960,00 €   Total TTC 10 560,00 €\nOption 1 : portes blindées\n"
            "Total HT option 14 400,00 €   TVA 10 % 1 440,00 €   Total TTC option 15 840,00 €\n")
    f = extract_fields("supplier_quote", "supplier", text, Registries((), ())).fields
    assert (f["total_excl_tax"], f["total_tax"], f["total_incl_tax"]) == ("9600.00", "960.00", "10560.00")


def test_a_tax_line_lost_or_garbled_is_the_difference_at_a_vat_rate():
    """The OCR lost the VAT line (a quote), or garbled it (« TVA 10 % 241.539 » on a credit note):
    HT and TTC, whose difference is HT at a rate to the cent, give the tax."""
    lost = HEAD + "Désignation Qté PUHT Total HT\nLicences 1 24 860,00\nTotal HT 24 860,00\nTotal TTC 29 832,00\n"
    got, _ = totals(lost, "supplier_quote")
    assert got == {"total_excl_tax": "24860.00", "total_tax": "4972.00", "total_incl_tax": "29832.00"}
    assert choose_totals({"ht": ["153.90"], "tva": ["241.53"], "ttc": ["169.29"]}, credit=True)[0] == {
        "total_excl_tax": "-153.90", "total_tax": "-15.39", "total_incl_tax": "-169.29"}
    # not at any rate: the tax stays unread rather than guessed
    assert choose_totals({"ht": ["153.90"], "ttc": ["171.00"]}, credit=False)[0].get("total_tax") is None
    # no VAT (« TVA non applicable, art. 293 B du CGI »): no tax either
    assert choose_totals({"ht": ["418.00"], "ttc": ["418.00"]}, credit=False)[0].get("total_tax") is None


def test_a_total_incl_tax_garbled_past_reading_is_ht_plus_two_rates_when_its_digits_agree():
    """« TOTAL T.T.C. 651156<€ »: the comma and the space lost, a « < » read; HT plus the two
    rates' taxes prints those digits. A line that prints other digits confirms nothing."""
    text = ("FACTURE N° FA-2004-11287\nBase HT 10 % 5 541,60 €\nBase HT 20 % 346,50 €\nTOTAL H.T. 5 888,10 €\n"
            "TVA 10 % 554,16 €\nTVA 20 % 69,30 €\nTOTAL T.T.C. 651156<€\n")
    assert totals(text)[0] == {"total_excl_tax": "5888.10", "total_tax": "623.46", "total_incl_tax": "6511.56"}
    assert totals(text.replace("651156<", "652156<"))[0]["total_incl_tax"] != "6511.56"


def test_two_rates_tax_lines_without_their_sum_make_the_tax():
    """A quote's two lots at two rates (« TVA 5,5 % sur lot 1 », « TVA 10 % sur lot 2 »), a
    lot's heading naming its rate over its first line: TTC − HT is the two tax lines added up."""
    text = ("DEVIS N° D20-0611-THS\nLOT 1 – Travaux d'amélioration énergétique (TVA 5,5 %)\n"
            "1.1 Chaudière gaz à condensation 230 kW 2 18 450,00 36 900,00\nSous-total lot 1 HT 55 990,00\n"
            "LOT 2 – Travaux induits et annexes (TVA 10 %)\n2.1 Dépose des chaudières existantes 1 3 150,00 3 150,00\n"
            "Sous-total lot 2 HT 9 610,00\n   Total HT   65 600,00 €\n   TVA 5,5 % sur lot 1   3 079,45 €\n"
            "   TVA 10 % sur lot 2   961,00 €\n   Total TTC   69 640,45 €\n")
    assert totals(text, "supplier_quote")[0] == {"total_excl_tax": "65600.00", "total_tax": "4040.45",
                                                 "total_incl_tax": "69640.45"}
