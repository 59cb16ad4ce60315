"""The row-by-row reading of a page completes the block-by-block one: totals, number, order."""

from __future__ import annotations

from extractors.types import Extraction
from stages.understand import _fill_missing

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
