from extractors.rows import page_rows
from extractors.ocr import words_to_text
from extractors.types import Extraction, PageText, Word
from stages.understand import _fill_missing


def table_page() -> PageText:
    """What Tesseract gives for a totals box: labels in one block, figures in another."""
    words = []
    # As read on a generated quote (seed 9001, doc-0025): two VAT rates, then the total.
    for i, (label, value) in enumerate([("Total HT", "3136,19€"), ("TVA 10 %", "273,85€"), ("TVA 20 %", "79,53€"),
                                        ("Total TVA", "353,38€"), ("Net à payer TTC", "3489,57€")]):
        y = 2000 + 60 * i
        x = 1400
        for token in label.split():
            words.append(Word(token, x, y, 25 * len(token), 30, 95, line=i))
            x += 25 * len(token) + 15
        words.append(Word(value, 2100, y + 3, 200, 30, 95, line=10 + i))  # another block
    return PageText(1, words_to_text(words), words)


def test_rows_put_each_label_beside_its_value():
    page = table_page()
    # The blocks pair up row by row: the page's text has them put back in rows as well.
    assert "Total HT 3136,19€" in page.text
    rows = page_rows(page).splitlines()
    # the figures' column far right of the labels': the gap kept as three spaces
    assert rows == ["Total HT   3136,19€", "TVA 10 %   273,85€", "TVA 20 %   79,53€", "Total TVA   353,38€",
                    "Net à payer TTC   3489,57€"]


def test_a_number_in_the_letterheads_right_column_is_read_by_rows():
    """« AXIAL INTERIM … FACTURE » over « Agence Toulouse Compans … No 0012458/21 »: the OCR
    reads each row as one line of single spaces; by rows, the column's gap is kept and the « No »
    heading its cell is the invoice's number."""
    from config.registries import Registries
    from extractors.fields import extract_fields

    words = []
    for i, (left, right) in enumerate([("AXIAL INTERIM", "FACTURE"), ("Agence Toulouse Compans", "No 0012458/21"),
                                       ("2 boulevard Lascrosses", "du 08/03/2021")]):
        x = 100
        for token in left.split():
            words.append(Word(token, x, 100 + 50 * i, 22 * len(token), 30, 95, line=i))
            x += 22 * len(token) + 12
        x = 1600
        for token in right.split():
            words.append(Word(token, x, 100 + 50 * i, 22 * len(token), 30, 95, line=i))
            x += 22 * len(token) + 12
    page = PageText(1, words_to_text(words), words)
    assert "Agence Toulouse Compans No 0012458/21" in page.text  # as the OCR gives it
    rows = page_rows(page)
    assert "Agence Toulouse Compans   No 0012458/21" in rows and "2 boulevard Lascrosses   du 08/03/2021" in rows
    fields = extract_fields("supplier_invoice", "supplier", rows, Registries((), ())).fields
    assert fields["invoice_number"] == "0012458/21"


# Tesseract's block-by-block reading of a generated quote's lower half (seed 9001, doc-0025).
BLOCKS = """DEVIS
Désignation Qté PU HT TVA
Montant HT
Remplacement descente EP zinc 12 228,21 10 %
Location nacelle (jour) 1 397,67 20 %
2738,52
397,67
Total HT
TVA 10 %
TVA 20 %
Total TVA
3136,19€
273,85€
79,53€
353,38€
[ Net à payer TTC
3489,57€ |
"""
ROWS = """DEVIS
Désignation Qté PU HT TVA Montant HT
Remplacement descente EP zinc 12 228,21 10 % 2738,52
Location nacelle (jour) 1 397,67 20 % 397,67
Total HT 3136,19€
TVA 10 % 273,85€
TVA 20 % 79,53€
Total TVA 353,38€
[ Net à payer TTC 3489,57€ |
"""


def test_totals_found_by_rows_when_blocks_hide_them(registries):
    from extractors.fields import extract_fields

    by_blocks = extract_fields("supplier_quote", "supplier", BLOCKS, registries)
    by_rows = extract_fields("supplier_quote", "supplier", ROWS, registries)
    assert "total_incl_tax" not in by_blocks.fields
    assert (by_rows.fields["total_excl_tax"], by_rows.fields["total_tax"], by_rows.fields["total_incl_tax"]) == \
        ("3136.19", "353.38", "3489.57")


# -- the row-by-row reading completes the first one (stages/understand.py) --------------------

TRIPLE = {"total_excl_tax": "13793.90", "total_tax": "1379.39", "total_incl_tax": "15173.29"}


def test_a_whole_triple_read_by_rows_replaces_a_partial_one():
    """Labels stacked at the foot of a quote, figures after a paragraph: the first reading took a
    subtotal for the HT and found no VAT; the reading by rows found the three that add up."""
    first = Extraction(fields={"total_excl_tax": "3793.10", "invoice_number": "D-1"})
    _fill_missing(first, Extraction(fields=dict(TRIPLE, invoice_number="other")))
    assert first.fields == dict(TRIPLE, invoice_number="D-1")  # other fields stay with the first reading


def test_a_whole_triple_is_kept_and_a_partial_one_never_taken():
    whole = Extraction(fields={"total_excl_tax": "10.00", "total_tax": "2.00", "total_incl_tax": "12.00"})
    _fill_missing(whole, Extraction(fields=dict(TRIPLE)))
    assert whole.fields["total_excl_tax"] == "10.00"
    partial = Extraction(fields={"total_excl_tax": "3793.10"})
    _fill_missing(partial, Extraction(fields={"total_incl_tax": "15173.29"}))
    assert partial.fields == {"total_excl_tax": "3793.10"}


def test_a_number_or_an_order_only_the_reading_by_rows_found_is_taken():
    first = Extraction(fields={"supplier_name": "Axial Interim"})
    _fill_missing(first, Extraction(fields={"invoice_number": "0012458/21", "order_reference": "DRH-INT-2021-09",
                                            "supplier_name": "Other"}))
    assert first.fields == {"supplier_name": "Axial Interim", "invoice_number": "0012458/21",
                            "order_reference": "DRH-INT-2021-09"}
    # a number the first reading found, or refused, stays its own
    kept = Extraction(fields={"invoice_number": "F-1"}, rejected={"order_reference": "commande inconnue"})
    _fill_missing(kept, Extraction(fields={"invoice_number": "F-2", "order_reference": "BC-9"}))
    assert kept.fields == {"invoice_number": "F-1"}


def test_an_invoice_date_and_its_due_date_read_by_rows_are_taken_together_in_order():
    """« Date   Échéance » over « 27/03/2020   26/04/2020 »: the first reading took the due date
    for the invoice's and found no due date; the rows pair each date with its heading."""
    first = Extraction(fields={"invoice_date": "2020-04-26", "invoice_number": "F20-01932"})
    _fill_missing(first, Extraction(fields={"invoice_date": "2020-03-27", "due_date": "2020-04-26"}))
    assert first.fields == {"invoice_date": "2020-03-27", "due_date": "2020-04-26", "invoice_number": "F20-01932"}
    # a due date the first reading found stays; dates out of order are not taken
    found = Extraction(fields={"invoice_date": "2020-03-27", "due_date": "2020-05-01"})
    _fill_missing(found, Extraction(fields={"invoice_date": "2020-03-01", "due_date": "2020-04-26"}))
    assert found.fields == {"invoice_date": "2020-03-27", "due_date": "2020-05-01"}
    backwards = Extraction(fields={"invoice_date": "2020-04-26"})
    _fill_missing(backwards, Extraction(fields={"invoice_date": "2020-04-26", "due_date": "2020-03-27"}))
    assert backwards.fields == {"invoice_date": "2020-04-26"}


def _row_words(cells: list[tuple[int, str]], top: int, line: int) -> list[Word]:
    words = []
    for x, text in cells:
        for token in text.split():
            words.append(Word(token, x, top, 22 * len(token), 30, 95, line=line))
            x += 22 * len(token) + 12
    return words


def test_a_header_row_of_references_gives_each_key_the_words_under_it():
    """« Vos références   Nos références   Date » over its row of values, which the OCR runs
    together (« Contrat 2017-SG-0391 AL/SG/2021/00318 » with one space): by rows, each key is
    followed by the words printed under it, and the tenant's reference is read from « Vos
    références »."""
    from config.registries import Registries
    from extractors.fields import extract_fields

    words = (_row_words([(100, "Vos références"), (600, "Nos références"), (1100, "Date")], 400, 0)
             + _row_words([(100, "Contrat 2017-SG-0391"), (600, "AL/SG/2021/00318"), (1100, "3 mars 2021")], 450, 1))
    page = PageText(1, words_to_text(words), words)
    rows = page_rows(page).splitlines()
    assert rows[2:] == ["Vos références Contrat 2017-SG-0391", "Nos références AL/SG/2021/00318", "Date 3 mars 2021"]
    letter = "MSA Midi-Pyrénées Sud\n\nPATRIMOINE\n" + "\n".join(rows) + "\nObjet : allocation de logement\n"
    assert extract_fields("lease_termination", "tenant", letter, Registries((), ())).fields["tenant_reference"] == \
        "2017-SG-0391"


def test_a_table_of_line_items_is_no_header_row():
    words = (_row_words([(100, "Désignation"), (900, "Qté"), (1200, "Total HT")], 400, 0)
             + _row_words([(100, "Entretien chaudière"), (900, "2"), (1200, "240,00")], 450, 1))
    assert page_rows(PageText(1, words_to_text(words), words)).splitlines() == [
        "Désignation   Qté   Total HT", "Entretien chaudière   2   240,00"]


def test_a_tenants_reference_only_the_reading_by_rows_found_is_taken():
    first = Extraction(fields={"tenant_name": "Raymond Azema"})
    _fill_missing(first, Extraction(fields={"tenant_reference": "VDL-0190", "tenant_name": "Other"}))
    assert first.fields == {"tenant_name": "Raymond Azema", "tenant_reference": "VDL-0190"}


def test_a_letterheads_two_columns_are_no_header_row():
    """« ASCENSEURS GARONNE SERVICES   FACTURE » over « Agence Toulouse Nord   Page 1/2 »: a
    company's name is no key; every cell of a header row (but one, past two) names a key."""
    words = (_row_words([(100, "ASCENSEURS GARONNE SERVICES"), (1600, "FACTURE")], 100, 0)
             + _row_words([(100, "Agence Toulouse Nord"), (1600, "Page 1/2")], 150, 1))
    assert page_rows(PageText(1, words_to_text(words), words)).splitlines() == [
        "ASCENSEURS GARONNE SERVICES   FACTURE", "Agence Toulouse Nord   Page 1/2"]
