"""Suppliers' invoices, credit notes and quotes: fields read from realistic (and OCR-damaged) texts."""

from __future__ import annotations

import datetime as dt

from extractors.fields import extract_fields


def spaced(ident: str, groups: tuple[int, ...]) -> str:
    out, i = [], 0
    for g in groups:
        out.append(ident[i:i + g])
        i += g
    return " ".join(out + ([ident[i:]] if i < len(ident) else []))


def invoice_text(s, number="F2020-0412", date="4 juin 2020", due="Échéance : 04/07/2020",
                 totals=("145,00 €", "17,00 €", "162,00 €"), siret=None, vat=None, iban=None) -> str:
    siret = siret if siret is not None else spaced(s.siret, (3, 3, 3, 5))
    vat = vat if vat is not None else s.vat
    iban = iban if iban is not None else spaced(s.iban, (4,) * 7)
    ht, tva, ttc = totals
    return f"""{s.name}
{s.address}
{s.postal_code} {s.city}
Tél. 05 67 19 97 14 - {s.email}

                                   PATRIMOINE
                                   Service comptabilité fournisseurs
                                   2 rue du Languedoc
                                   31000 Toulouse
FACTURE
Facture n° {number}
Date de facture : {date}
{due}
Bon de commande n° BC-2020-0153

Désignation                  Qté   PU HT   TVA   Montant HT
Remplacement mitigeur évier    1  120,00  10 %     120,00
Joint et flexible inox         2   12,50  20 %      25,00

Total HT                                  {ht}
TVA 10 %                                   12,00 €
TVA 20 %                                    5,00 €
Total TVA                                  {tva}
Net à payer TTC                           {ttc}

Règlement par virement : IBAN {iban} - BIC PSSTFRPPTOU
En cas de retard de paiement, indemnité forfaitaire pour frais de recouvrement de 40 €.
SARL au capital de 7 500 € - SIRET {siret} - N° TVA {vat}
"""


def test_clean_invoice_all_fields(registries, garonne):
    ex = extract_fields("supplier_invoice", "supplier", invoice_text(garonne), registries)
    assert ex.fields == {
        "supplier_name": "Plomberie Garonne", "supplier_siret": garonne.siret, "supplier_vat": garonne.vat,
        "invoice_number": "F2020-0412", "invoice_date": "2020-06-04", "due_date": "2020-07-04",
        "total_excl_tax": "145.00", "total_tax": "17.00", "total_incl_tax": "162.00",
        "iban": garonne.iban, "order_reference": "BC-2020-0153",
    }
    assert ex.supplier_id == "F0001"
    assert ex.rejected == {}


def test_ocr_noisy_invoice(registries, garonne):
    siret = spaced(garonne.siret, (3, 3, 3, 5)).replace("0", "O", 2)
    text = f"""PLOMBERIE GARONNE SARL
12 rue des Lilas 313OO Toulouse
FACTURE N* FA-2O-00412
Date d'emission : O4/O6/2O2O
A regler avant le 4 juillet 2O2O
Designation Qte PU HT Montant HT
Recherche de fuite 1 l2O,OO 12O,OO
Total H.T. l 204,5O EUR
T.V.A. 20% 240,90 EUR
Total T.T.C. 1 445,4O EUR
SIRET {siret} TVA intracom. {garonne.vat[:4]} {garonne.vat[4:]}
"""
    ex = extract_fields("supplier_invoice", "supplier", text, registries)
    assert ex.fields["supplier_siret"] == garonne.siret
    assert ex.fields["supplier_name"] == "Plomberie Garonne"  # the registry's spelling
    assert ex.fields["invoice_number"] == "FA-2O-00412"  # as printed
    assert ex.fields["invoice_date"] == "2020-06-04"
    assert ex.fields["due_date"] == "2020-07-04"
    assert (ex.fields["total_excl_tax"], ex.fields["total_tax"], ex.fields["total_incl_tax"]) == (
        "1204.50", "240.90", "1445.40")
    assert ex.fields["supplier_vat"] == garonne.vat


def test_credit_note_totals_are_negative(registries, garonne):
    text = f"""{garonne.name}
AVOIR
N° d'avoir : AV2020-0012
Date : 12/06/2020
Annule et remplace la facture F2020-0412
Total HT 100,00 €
TVA 20 % 20,00 €
Montant de l'avoir TTC 120,00 €
Montant à déduire de votre prochain règlement (avoir en votre faveur).
SIRET {garonne.siret}
"""
    ex = extract_fields("supplier_credit_note", "supplier", text, registries)
    assert ex.fields["invoice_number"] == "AV2020-0012"  # not the cancelled invoice's number
    assert (ex.fields["total_excl_tax"], ex.fields["total_tax"], ex.fields["total_incl_tax"]) == (
        "-100.00", "-20.00", "-120.00")
    assert "iban" not in ex.fields and "order_reference" not in ex.fields


def test_credit_note_printed_negative_or_as_credit(registries, garonne):
    text = f"""{garonne.name}\nAvoir n° A-20-00042\nDate : 1er juillet 2020
Total HT -50,00 €\nTVA -5,00 €\nTotal TTC 55,00 CR\n"""
    ex = extract_fields("supplier_credit_note", "supplier", text, registries)
    assert (ex.fields["total_excl_tax"], ex.fields["total_tax"], ex.fields["total_incl_tax"]) == (
        "-50.00", "-5.00", "-55.00")
    assert ex.fields["invoice_date"] == "2020-07-01"


def test_inconsistent_totals_are_rejected_not_returned(registries, garonne):
    text = invoice_text(garonne, totals=("145,00 €", "17,00 €", "199,00 €"))
    text = text.replace("120,00", "130,00").replace("25,00", "35,00")  # no line total can repair it
    ex = extract_fields("supplier_invoice", "supplier", text, registries)
    for key in ("total_excl_tax", "total_tax", "total_incl_tax"):
        assert key not in ex.fields
        assert "incohérents" in ex.rejected[key]


def test_totals_choose_the_candidates_that_add_up(registries, garonne):
    # "Net à payer" after a deposit differs from the TTC: the TTC is the one that adds up
    text = f"""{garonne.name}\nFacture n° 2020/06/118\nDate : 04.06.20
Total HT 1 000,00 €\nTVA 20 % 200,00 €\nNet à payer 700,00 €\nTotal TTC 1 200,00 €\nAcompte versé 500,00 €\n"""
    ex = extract_fields("supplier_invoice", "supplier", text, registries)
    assert ex.fields["total_incl_tax"] == "1200.00"
    assert ex.fields["invoice_number"] == "2020/06/118"
    assert ex.fields["invoice_date"] == "2020-06-04"


def test_garbled_total_label_is_completed_from_printed_amounts(registries, garonne):
    text = f"""{garonne.name}\nFacture n° F1\nTotal HT 12 037,11 EUR\nTVA 20 % 2 407,42 EUR
[ TOTAL rre 14 444,53 EUR]\n"""
    ex = extract_fields("supplier_invoice", "supplier", text, registries)
    assert ex.fields["total_incl_tax"] == "14444.53"


def test_luhn_invalid_siret_is_rejected_with_reason(registries, garonne):
    bad = garonne.siret[:-1] + str((int(garonne.siret[-1]) + 1) % 10)
    ex = extract_fields("supplier_invoice", "supplier", invoice_text(garonne, siret=bad), registries)
    assert "supplier_siret" not in ex.fields
    assert "invalide" in ex.rejected["supplier_siret"]
    assert ex.supplier_id == "F0001"  # still matched by VAT


def test_wrong_vat_key_and_changed_iban_are_rejected(registries, garonne):
    vat = f"FR{(int(garonne.vat[2:4]) + 1) % 100:02d}{garonne.vat[4:]}"
    iban = garonne.iban[:-1] + str((int(garonne.iban[-1]) + 1) % 10)
    ex = extract_fields("supplier_invoice", "supplier", invoice_text(garonne, vat=vat, iban=iban), registries)
    assert "supplier_vat" not in ex.fields and "TVA" in ex.rejected["supplier_vat"]
    assert "iban" not in ex.fields and "IBAN" in ex.rejected["iban"]


def test_supplier_matched_by_vat_then_iban_then_name(registries):
    elec = registries.suppliers[2]
    base = "FACTURE\nFacture n° E-1\nDate : 01/02/2021\nTotal HT 10,00 €\nTVA 2,00 €\nTotal TTC 12,00 €\n"
    by_vat = extract_fields("supplier_invoice", "supplier", "Société X\n" + base + f"TVA intracom {elec.vat}",
                            registries)
    assert by_vat.supplier_id == "F0003" and by_vat.fields["supplier_name"] == "Elec'Toulouse"
    by_iban = extract_fields("supplier_invoice", "supplier", "Société X\n" + base + f"IBAN {elec.iban}", registries)
    assert by_iban.supplier_id == "F0003"
    by_name = extract_fields("supplier_invoice", "supplier", "ELEC TOULOUSE\n" + base, registries)
    assert by_name.supplier_id == "F0003" and by_name.fields["supplier_name"] == "Elec'Toulouse"


def test_unknown_supplier_keeps_printed_name_and_siren_only(registries):
    text = """Menuiserie Dupuis SARL
3 chemin du Moulin 31450 Ayguesvives
Devis n° DV-2021-007
Émis le 3 mars 2021
Valable 30 jours
Total HT 500,00 €
TVA 10 % 50,00 €
Total TTC 550,00 €
RCS Toulouse B 732 829 320
"""
    ex = extract_fields("supplier_quote", "supplier", text, registries)
    assert ex.supplier_id is None
    assert ex.fields["supplier_name"] == "Menuiserie Dupuis"  # not in the registry: without its legal form
    assert ex.fields["supplier_siren"] == "732829320" and "supplier_siret" not in ex.fields
    assert ex.fields["invoice_number"] == "DV-2021-007"
    assert ex.fields["invoice_date"] == "2021-03-03"
    assert "due_date" not in ex.fields  # "valable 30 jours" is not a printed due date


def test_date_without_year_uses_reference_date(registries, garonne):
    text = f"{garonne.name}\nFacture n° 77\nDate de facture : 4 juin\nTotal TTC 12,00 €\n"
    ex = extract_fields("supplier_invoice", "supplier", text, registries, reference_date=dt.date(2022, 9, 1))
    assert ex.fields["invoice_date"] == "2022-06-04"
    ex2 = extract_fields("supplier_invoice", "supplier", text, registries)
    assert "invoice_date" not in ex2.fields


def test_due_date_before_invoice_date_is_rejected(registries, garonne):
    text = invoice_text(garonne, due="Date limite de paiement : 01/01/2020")
    ex = extract_fields("supplier_invoice", "supplier", text, registries)
    assert "due_date" not in ex.fields and "antérieure" in ex.rejected["due_date"]


def test_table_layout_labels_above_values(registries, garonne):
    text = f"""{garonne.name}
N° facture      Date facture     Date d'échéance
F-889           12/03/2021       11/04/2021
Total HT    Total TVA    Total TTC
200,00      40,00        240,00
"""
    ex = extract_fields("supplier_invoice", "supplier", text, registries)
    assert ex.fields["invoice_number"] == "F-889"
    assert ex.fields["invoice_date"] == "2021-03-12"
    assert ex.fields["due_date"] == "2021-04-11"
    assert (ex.fields["total_excl_tax"], ex.fields["total_tax"], ex.fields["total_incl_tax"]) == (
        "200.00", "40.00", "240.00")


def test_other_family_has_no_fields(registries, garonne):
    ex = extract_fields("other", "other", invoice_text(garonne), registries)
    assert ex.fields == {} and ex.rejected == {} and ex.supplier_id is None


def test_a_due_date_whose_slashes_the_scan_lost(registries, garonne):
    """« Échéance : 0912 2020 »: the date right after its label, read without its separators."""
    for due in ("Échéance : 0412 2020", "Échéance : 04 12 2020"):
        ex = extract_fields("supplier_invoice", "supplier", invoice_text(garonne, due=due), registries)
        assert ex.fields["due_date"] == "2020-12-04"
    # a number that is no date stays unread
    ex = extract_fields("supplier_invoice", "supplier", invoice_text(garonne, due="Échéance : 4512 2020"), registries)
    assert "due_date" not in ex.fields
