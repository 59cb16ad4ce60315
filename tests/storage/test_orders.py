"""The ERP's purchase orders in the object store (storage/orders.py), on both back ends: an
import replaces the previous one or is merged with it, is read back as orders, and can be cleared."""

from __future__ import annotations

from config.purchase_orders import OrderBook, PurchaseOrder
from storage import layout, orders


def order(ref: str, supplier: str = "F0004", ht: str = "100.00", building: str = "") -> PurchaseOrder:
    return PurchaseOrder(ref, supplier, ht, None, building, "", "open")


def test_an_import_is_stored_read_back_merged_and_cleared(store):
    assert orders.read_import(store) is None and orders.imported_orders(store) == ()
    meta = orders.save_import(store, [order("BC-1"), order("BC-2")], "extrait.csv", "vero",
                              at="2024-03-12T10:00:00+00:00")
    assert (meta["count"], meta["imported_by"], meta["file"], meta["replaced"]) == (2, "vero", "extrait.csv", 0)
    assert list(store.list(layout.PURCHASE_ORDERS)) == [layout.purchase_orders_import()]
    got = orders.imported_orders(store)
    assert [o.order_reference for o in got] == ["BC-1", "BC-2"] and {o.source for o in got} == {"import"}

    # a new import replaces the previous one...
    orders.save_import(store, [order("BC-3")], "extrait2.csv", "paul")
    assert [o.order_reference for o in orders.imported_orders(store)] == ["BC-3"]
    # ...or, merged, adds to it; the same reference (read variants aside) is replaced
    meta = orders.save_import(store, [order("bc 3", ht="250.00"), order("BC-4")], "extrait3.csv", "paul", merge=True)
    assert (meta["count"], meta["replaced"]) == (2, 1)
    got = {o.order_reference: o for o in orders.imported_orders(store)}
    assert set(got) == {"bc 3", "BC-4"} and got["bc 3"].amount_excl_tax == "250.00"

    # over the registry: an imported order replaces the registry's of the same reference
    book = OrderBook.of([order("BC-3", building="registre"), order("BC-9")], orders.imported_orders(store))
    assert book.find("BC-3").amount_excl_tax == "250.00" and book.find("BC-9").source == "registry"

    assert orders.clear_import(store) is True and orders.imported_orders(store) == ()
    assert orders.clear_import(store) is False
