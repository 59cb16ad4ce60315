"""The purchase-order registry and the two-way match (config/purchase_orders.py; issue 17 item 3):
a file checked line by line, references read whatever the variant, an invoice matched on
reference, supplier and amount within tolerance; which suppliers need an order."""

from __future__ import annotations

from decimal import Decimal

import pytest

from config.errors import ConfigError, ExitCode
from config.purchase_orders import (MISMATCH, MISSING, OrderBook, PurchaseOrderFileError, Tolerance, load_orders,
                                    match_order, normalise_reference, parse_orders, read_orders_file)
from config.registries import load_registries
from config.taxonomy import embedded_path

HEADER = "order_reference,supplier_id,amount_excl_tax,amount_incl_tax,building,cost_centre,status\n"
TOL = Tolerance(Decimal("2"), Decimal("50"))


def book(text: str) -> OrderBook:
    return OrderBook.of(parse_orders(HEADER + text, "test.csv"))


def test_the_embedded_registry_names_suppliers_of_the_supplier_registry():
    orders = load_orders()
    suppliers = {s.supplier_id for s in load_registries().suppliers}
    assert len(orders) >= 5 and all(o.supplier_id in suppliers for o in orders)
    assert all(o.amount_excl_tax or o.amount_incl_tax for o in orders)
    assert {o.status for o in orders} >= {"open"}


@pytest.mark.parametrize("printed", ["BC-2024-0153", "bc 2024 0153", "BC2024-O153", "2024-0153", "2024 O153",
                                     "BDC 2024.0153", "BC/2024/0153"])
def test_reading_variants_of_a_reference_find_the_order(printed):
    orders = book("BC-2024-0153,F0004,1000.00,1200.00,Les Tilleuls,CC-7,open\n")
    assert orders.find(printed).order_reference == "BC-2024-0153"
    assert normalise_reference(printed) == normalise_reference("BC-2024-0153")


def test_other_references_do_not_match():
    orders = book("BC-2024-0153,F0004,1000.00,1200.00,,,open\n")
    for other in ("BC-2024-0154", "2024-01530", "CDE20240153", "", None):
        assert orders.find(other) is None


def test_an_erp_extract_with_semicolons_french_amounts_and_its_own_headers():
    text = ("\ufeffN° BC;Fournisseur;Montant HT;Bâtiment;Statut\n"
            "BC-2024-0001;F0004;1 250,50;Résidence Les Lauriers;soldée\n"
            "\n"
            "BC-2024-0002;F0005;1.300,00;;Ouverte\n")
    mapping = {"order_reference": "N° BC", "supplier_id": "Fournisseur", "amount_excl_tax": "Montant HT",
               "building": "Bâtiment", "status": "Statut"}
    first, second = parse_orders(text, "extrait.csv", mapping)
    assert (first.amount_excl_tax, first.amount_incl_tax, first.status, first.building) == (
        "1250.50", None, "closed", "Résidence Les Lauriers")
    assert (second.amount_excl_tax, second.status, second.cost_centre) == ("1300.00", "open", "")


@pytest.mark.parametrize("row, line, column, words", [
    ("BC-1,F0001,12x,,,,open\n", 2, "amount_excl_tax", "illisible"),
    ("BC-1,F0001,-5,,,,open\n", 2, "amount_excl_tax", "positif"),
    ("BC-1,,100,,,,open\n", 2, "supplier_id", "manquante"),
    ("BC-1,F0001,,,,,open\n", 2, "amount_excl_tax", "aucun montant"),
    ("BC-1,F0001,100,,,,peut-être\n", 2, "status", "inconnu"),
    ("BC-1,F0001,100,,,,open\nbc 1,F0002,100,,,,open\n", 3, "order_reference", "déjà donné ligne 2"),
])
def test_a_bad_line_is_refused_naming_the_file_line_and_column(row, line, column, words):
    with pytest.raises(PurchaseOrderFileError) as caught:
        parse_orders(HEADER + row, "/srv/erp/commandes.csv")
    message = str(caught.value)
    assert "/srv/erp/commandes.csv" in message and f"ligne {line}" in message and f"« {column} »" in message
    assert words in message and caught.value.exit_code == ExitCode.USAGE


def test_a_missing_column_names_the_mapping_option(tmp_path):
    path = tmp_path / "extrait.csv"
    path.write_bytes("Référence;Fournisseur;Montant\nBC-1;F0001;100\n".encode("cp1252"))  # a spreadsheet's export
    with pytest.raises(PurchaseOrderFileError, match="colonne « order_reference ».*--colonne order_reference=NOM"):
        read_orders_file(path)
    [order] = read_orders_file(path, {"order_reference": "Référence", "supplier_id": "Fournisseur",
                                      "amount_incl_tax": "Montant"})
    assert (order.order_reference, order.amount_incl_tax) == ("BC-1", "100.00")
    with pytest.raises(PurchaseOrderFileError, match="« montant » inconnue"):
        read_orders_file(path, {"montant": "Montant"})


def test_two_way_match_on_reference_supplier_and_amount():
    orders = book("BC-2024-0153,F0004,1000.00,1200.00,Les Tilleuls,CC-7,open\n"
                  "BC-2024-0200,F0004,,5000.00,Les Cèdres,,open\n"
                  "BC-2024-0300,F0004,800.00,960.00,,,closed\n")
    ok = match_order("BC 2024 0153", "F0004", True, "1015.00", "1218.00", orders, TOL)
    assert ok.alert is None and (ok.order.building, ok.order.cost_centre) == ("Les Tilleuls", "CC-7")
    # 2 % of 1000 is 20, under the 50 € cap: 1025 is too far; the order is still named
    far = match_order("BC-2024-0153", "F0004", True, "1025.00", "1230.00", orders, TOL)
    assert far.alert == MISMATCH and far.order.order_reference == "BC-2024-0153" and "HT" in far.why
    # an order with only its TTC: compared TTC with TTC; 2 % of 5000 is 100, capped at 50
    assert match_order("BC-2024-0200", "F0004", False, "4200.00", "5049.00", orders, TOL).alert is None
    assert match_order("BC-2024-0200", "F0004", False, "4200.00", "5051.00", orders, TOL).alert == MISMATCH
    # another supplier's order: mismatch, its building is not given
    other = match_order("BC-2024-0153", "F0005", True, "1000.00", "1200.00", orders, TOL)
    assert other.alert == MISMATCH and other.order is None and "F0004" in other.why
    assert match_order("BC-2024-0153", None, False, "1000.00", None, orders, TOL).alert == MISMATCH
    # unknown, or closed
    assert match_order("BC-2024-9999", "F0004", True, "1000.00", None, orders, TOL)[:2] == (MISMATCH, None)
    assert match_order("BC-2024-0300", "F0004", True, "800.00", None, orders, TOL).alert == MISMATCH


def test_no_reference_is_an_alert_only_where_the_supplier_needs_an_order():
    orders = book("BC-1,F0004,100,,,,open\n")
    assert match_order(None, "F0004", True, "100.00", None, orders, TOL)[:2] == (MISSING, None)
    assert match_order("", "F0001", False, "100.00", None, orders, TOL) == (None, None, None)


def test_tolerance_both_limits_apply():
    assert Tolerance(Decimal("2"), Decimal("50")).limit(Decimal("1000")) == Decimal("20.00")
    assert Tolerance(Decimal("2"), Decimal("50")).limit(Decimal("10000")) == Decimal("50.00")
    assert Tolerance(Decimal("0"), Decimal("50")).limit(Decimal("10000")) == Decimal("0.00")


def test_which_suppliers_need_an_order_comes_from_the_supplier_registry(tmp_path):
    registry = {s.supplier_id: s for s in load_registries().suppliers}
    assert registry["F0004"].requires_order and registry["F0007"].requires_order  # heating, lifts
    assert not registry["F0001"].requires_order
    # a registry file without the column: nobody needs one
    lines = embedded_path("suppliers.csv").read_text(encoding="utf-8").splitlines()
    old = tmp_path / "old.csv"
    old.write_text("\n".join(line.rsplit(",", 1)[0] for line in lines) + "\n", encoding="utf-8")
    assert not any(s.requires_order for s in load_registries(old).suppliers)
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines[:3]).replace(",no", ",peut-être", 1) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="ligne 2.requires_order"):
        load_registries(bad)
