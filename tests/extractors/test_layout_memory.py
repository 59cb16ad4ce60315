"""Supplier layouts (extractors/layout_memory.py, extractors/page_words.py), on words and boxes: the places learned from one
validated document read the next one of the same supplier, whose values, number of lines and
totals' height differ; a value is found however it is printed; what does not hold together is
not taken."""

from __future__ import annotations

from extractors import layout_memory as lm
from extractors.page_words import pages_from_json
from extractors.types import Extraction, PageText, Word
from extractors.validators import iban_from_bban

IBAN = iban_from_bban("FR", "30004000031234567890143")
SIRET = "73282932000074"
CW, H = 10, 20  # a character's width and a line's height, in pixels


def page(rows: list[list[tuple[int, str]]], number: int = 1) -> PageText:
    """A page from rows of (column, text): each word boxed where a monospaced print puts it."""
    words = []
    for r, row in enumerate(rows):
        for col, text in row:
            x = col * CW
            for token in text.split(" "):
                if token:
                    words.append(Word(token, x, 60 + 30 * r, CW * len(token), H, 93.0, r))
                x += CW * (len(token) + 1)
    text = "\n".join("   ".join(t for _, t in row) for row in rows)
    return PageText(number, text, words, width=800, height=1200)


def spaced(value: str) -> str:
    return " ".join(value[i:i + 4] for i in range(0, len(value), 4))


def invoice(number: str, date: str, due: str, lines: int, totals: tuple[str, str, str]) -> list[PageText]:
    """A glazier's invoice: number and dates under a header row, totals right of their labels."""
    rows = [[(2, "ATELIER DU VERRE")], [(2, f"SIRET {SIRET[:3]} {SIRET[3:6]} {SIRET[6:9]} {SIRET[9:]}")],
            [(2, "Pièce comptable"), (25, "Émise le"), (45, "Règlement au")],
            [(2, number), (25, date), (45, due)]]
    rows += [[(2, f"Vitrage lot {i}"), (62, "12,00")] for i in range(lines)]
    rows += [[(40, "Base hors taxes"), (62, totals[0])], [(40, "Taxe 20 %"), (62, totals[1])],
             [(40, "Montant dû"), (62, totals[2] + " €")], [(2, "Coordonnées bancaires : " + spaced(IBAN))]]
    return [page(rows)]


FIRST = invoice("AV-2024-118", "03/02/2024", "05/03/2024", 2, ("1 250,00", "250,00", "1 500,00"))
TRUTH = {"supplier_name": "Atelier du Verre", "invoice_number": "AV-2024-118", "invoice_date": "2024-02-03",
         "due_date": "2024-03-05", "total_excl_tax": "1250.00", "total_tax": "250.00", "total_incl_tax": "1500.00",
         "supplier_siret": SIRET, "iban": IBAN}


def test_places_learned_on_one_invoice_read_the_next_with_other_values():
    places = lm.learn(FIRST, TRUTH)
    assert set(places) == set(TRUTH) - {"supplier_name"}
    assert places["invoice_number"]["anchor"] == ["piece", "comptable"]
    assert places["invoice_number"]["direction"] == "below"
    assert places["total_tax"]["anchor"] == ["taxe"] and places["total_tax"]["skip"] == 2  # "20 %" skipped
    assert places["total_excl_tax"]["words"] == 2  # "1 250,00"

    # More lines: the totals are lower on the page; every value differs, and is printed otherwise.
    second = invoice("AV-2024-131", "17/03/2024", "16/04/2024", 6, ("87,50", "17,50", "105,00"))
    assert lm.apply(second, places) == {
        "invoice_number": "AV-2024-131", "invoice_date": "2024-03-17", "due_date": "2024-04-16",
        "total_excl_tax": "87.50", "total_tax": "17.50", "total_incl_tax": "105.00",
        "supplier_siret": SIRET, "iban": IBAN}


def test_a_value_is_found_however_it_is_printed():
    one = [page([[(2, "Date de la pièce : 15 janvier 2020")], [(2, "Net à payer"), (40, "1.234,50 EUR")]])]
    places = lm.learn(one, {"invoice_date": "2020-01-15", "total_incl_tax": "1234.50"})
    assert places["invoice_date"]["anchor"] == ["de", "la", "piece"] and places["invoice_date"]["words"] == 3
    assert places["total_incl_tax"]["anchor"] == ["net", "a", "payer"]
    two = [page([[(2, "Objet : entretien")], [(2, "Date de la pièce : 2 mars 2020")],
                 [(2, "Net à payer"), (40, "98,00 EUR")]])]
    assert lm.apply(two, places) == {"invoice_date": "2020-03-02", "total_incl_tax": "98.00"}


def test_dotted_leaders_misread_by_ocr_are_no_label():
    """"NUMERO ........ TR2011-00458" scanned: OCR reads the dots as unsure words ("ois", "a", "ho")."""
    junk = [("NUMERO", 81), ("§", 17), ("05", 17), ("ois", 61), ("a", 25), ("ho", 38), ("Haw", 21), ("a", 38),
            ("TR2011-00458", 91)]
    words = [Word(t, 100 + 90 * i, 200, 80, 30, c, 0) for i, (t, c) in enumerate(junk)]
    places = lm.learn([PageText(1, "", words, width=2480, height=3508)], {"invoice_number": "TR2011-00458"})
    assert places["invoice_number"]["anchor"] == ["numero"]
    born_digital = [page([[(2, "NUMERO ............. TR2012-00497")], [(2, "REFERENCE A RAPPELER : 0031-0458")]])]
    assert lm.apply(born_digital, places) == {"invoice_number": "TR2012-00497"}


def test_a_credit_printed_without_its_sign_is_read_negative():
    one = [page([[(2, "AVOIR A-12")], [(30, "Total à déduire"), (50, "45,00")]])]
    places = lm.learn(one, {"total_incl_tax": "-45.00", "invoice_number": "A-12"})
    two = [page([[(2, "AVOIR A-19")], [(30, "Total à déduire"), (50, "120,00")]])]
    assert lm.apply(two, places) == {"total_incl_tax": "-120.00", "invoice_number": "A-19"}


def test_a_value_with_no_label_near_it_is_not_learned_and_a_missing_anchor_reads_nothing():
    one = [page([[(2, "Vitrage"), (40, "03/02/2024")]]), page([[(50, "AV-2024-118")]], 2)]
    places = lm.learn(one, {"invoice_date": "2024-02-03", "invoice_number": "AV-2024-118"})
    assert set(places) == {"invoice_date"}  # "AV-2024-118" alone on its row, nothing above
    assert lm.apply([page([[(2, "Miroir"), (40, "03/03/2024")]])], places) == {}


def test_the_intervention_date_is_not_taken_for_the_invoice_date():
    one = [page([[(2, "Intervention du 03/02/2024")], [(2, "Facture du 03/02/2024")]])]
    places = lm.learn(one, {"invoice_date": "2024-02-03"})
    assert places["invoice_date"]["anchor"] == ["facture", "du"]
    two = [page([[(2, "Intervention du 28/02/2024")], [(2, "Facture du 04/03/2024")]])]
    assert lm.apply(two, places) == {"invoice_date": "2024-03-04"}


def test_another_type_is_read_at_its_own_places_then_at_the_invoices_but_for_amounts():
    places = lm.learn(FIRST, TRUTH)
    credit = {"invoice_number": dict(places["invoice_number"], anchor=["avoir", "n"])}
    by_type = {"supplier_invoice": places, "supplier_credit_note": credit}
    assert lm.places_for(by_type, "supplier_invoice") == places
    for_credit = lm.places_for(by_type, "supplier_credit_note")
    assert for_credit["invoice_number"] == credit["invoice_number"]  # its own, not borrowed
    assert set(for_credit) == {"invoice_number", "invoice_date", "due_date", "supplier_siret", "iban"}
    assert for_credit["invoice_date"]["borrowed"] and "borrowed" not in for_credit["iban"]

    # The glazier's quote, on the invoice's template: "Pièce comptable" became "Devis N°".
    rows = [[(2, "ATELIER DU VERRE")], [(2, "Devis N°"), (25, "Émise le"), (45, "Valable jusqu'au")],
            [(2, "DV-2024-007"), (25, "04/04/2024"), (45, "04/05/2024")]]
    pf = {"invoice_number": dict(places["invoice_number"], anchor=["facture", "n"])}
    quote = lm.places_for({"supplier_invoice": pf}, "supplier_quote")
    read = lm.apply([page(rows)], quote)
    assert read == {"invoice_number": "DV-2024-007"}
    ex = Extraction(fields={"total_incl_tax": "100.00"})
    assert lm.merge(ex, read, "supplier_quote", {"invoice_number"}) == ["invoice_number"]
    ex = Extraction(fields={"invoice_number": "DV-2024-007-B"})  # what the generic reading found stays
    assert lm.merge(ex, read, "supplier_quote", {"invoice_number"}) == [] and ex.fields["invoice_number"].endswith("B")


def test_merge_takes_what_holds_together_and_names_it():
    ex = Extraction(fields={"invoice_date": "2024-03-17", "total_excl_tax": "87.50", "total_tax": "17.50",
                            "total_incl_tax": "105.00", "iban": IBAN},
                    rejected={"invoice_number": "illisible"}, supplier_id="L-732829320")
    read = {"invoice_number": "AV-2024-131", "due_date": "2024-03-01", "total_incl_tax": "999.00",
            "iban": IBAN, "order_reference": "BC-1"}
    assert lm.merge(ex, dict(read), "supplier_credit_note") == ["invoice_number"]
    # a due date before the invoice date, a TTC that does not add up: the generic reading stays;
    # no IBAN nor order on a credit note
    assert ex.fields["invoice_number"] == "AV-2024-131" and "invoice_number" not in ex.rejected
    assert ex.fields["total_incl_tax"] == "105.00" and "due_date" not in ex.fields
    assert ex.fields_from_memory == ["invoice_number"]

    ex = Extraction(fields={"total_excl_tax": "87.50"}, rejected={"total_tax": "totaux incohérents"})
    assert lm.merge(ex, {"total_excl_tax": "87.50", "total_tax": "17.50", "total_incl_tax": "105.00"},
                    "supplier_invoice") == ["total_excl_tax", "total_incl_tax", "total_tax"]
    assert ex.rejected == {} and ex.fields["total_tax"] == "17.50"


def test_text_json_pages_come_back_with_their_words():
    data = {"pages": [{"number": 1, "width": 800, "height": 1200, "text": "Total 1,00",
                       "words": [{"text": "Total", "left": 1, "top": 2, "width": 3, "height": 4, "confidence": 90.0,
                                  "line": 0}, {"text": "cassé"}]}]}
    [p] = pages_from_json(data)
    assert (p.number, p.width, p.height, [w.text for w in p.words]) == (1, 800, 1200, ["Total"])
