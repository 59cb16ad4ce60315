"""Rules read from mail written by other hands (the thirty-seventh development set): a total's
amount after the due date on its line, « N. AVOIR : », a due date followed by its delay, a
site's label no supplier's name, the title and its kind read into the letterhead's line."""

from __future__ import annotations

from config.registries import Registries
from extractors.fields import extract_fields
from extractors.fields_dates import find_dates
from extractors.fields_invoice import _with_stops
from extractors.fields_labels import Doc
from extractors.fields_totals import read_totals

NONE = Registries((), ())


def supplier(doc_type, text):
    return extract_fields(doc_type, "supplier", text, NONE).fields


def test_a_totals_amount_after_the_due_date_on_its_line():
    water = ("HYDREO SERVICES\nFACTURE N° HY-21-0418 DU 21/04/2021\n"
             "  TOTAL HT                                                          2 194,53\n"
             "  TVA 5,5 % SUR 1 101,82                                               60,60\n"
             "  TVA 10 % SUR 1 092,71                                               109,27\n"
             "  MONTANT TTC A PAYER AVANT LE 21/05/2021                           2 364,40 EUR\n")
    assert read_totals(Doc(water), _with_stops)["ttc"] == ["2364.40"]  # the label's, not left to chance
    f = supplier("supplier_invoice", water)
    assert (f["total_excl_tax"], f["total_tax"], f["total_incl_tax"]) == ("2194.53", "169.87", "2364.40")
    assert f["due_date"] == "2021-05-21"


def test_a_credit_notes_number_after_n_dot_avoir_and_the_kind_beside_the_name():
    credit = ("VOLTERRA ENERGIE AVOIR - FACTURE DE REGULARISATION\n"
              "SAS au capital de 2 500 000 EUR N. AVOIR : VE20-0615-AV-004471\n"
              "12 bd de l'Embouchure 31200 TOULOUSE DATE : 15/06/2020\nPATRIMOINE SA D'HLM\n"
              "SITE : AGENCE DE PROXIMITE NORD - BUREAUX\nTOTAL TTC -120,00\n")
    f = supplier("supplier_credit_note", credit)
    assert f["invoice_number"] == "VE20-0615-AV-004471"
    assert f["supplier_name"] == "Volterra Energie"


def test_a_due_date_followed_by_its_delay():
    assert [d.value for d in find_dates("Echéance 15/05/2020 - 30 jours date de facture")] == ["2020-05-15"]
    assert find_dates("réf. 15/05/2020-3") == []  # a number going on past it
    invoice = ("ILG SYSTEMES\nFACTURE N° FC200415-07\nDate de facture 15/04/2020\n"
               "Echéance 15/05/2020 - 30 jours date de facture\nTOTAL TTC 1 200,00\n")
    assert supplier("supplier_invoice", invoice)["due_date"] == "2020-05-15"
