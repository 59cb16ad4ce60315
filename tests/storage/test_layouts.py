"""Suppliers' learned layouts (storage/layouts.py), on both back ends: kept per supplier and
document type under learned/layouts/, a later lesson replacing the places it found and keeping
the others, listed, forgotten; a registry id no key may hold is named by a hash."""

from __future__ import annotations

from storage import layout, layouts

PLACE = {"kind": "amount", "page": 1, "words": 1, "direction": "right", "skip": 0, "anchor": ["total", "ttc"],
         "anchor_box": [0.5, 0.6, 0.6, 0.62], "value_box": [0.7, 0.6, 0.8, 0.62]}
DATE = dict(PLACE, kind="date", anchor=["echeance"])
INVOICE = "supplier_invoice"


def test_a_layout_is_kept_updated_listed_and_forgotten(store):
    assert layouts.get_layout(store, "L-732829320") is None
    assert layouts.save_layout(store, "L-732829320", INVOICE, {}, "a" * 24, "vero") is None  # nothing to keep
    entry = layouts.save_layout(store, "L-732829320", INVOICE, {"total_incl_tax": PLACE, "due_date": DATE},
                                "a" * 24, "vero", at="2024-03-12T10:00:00+00:00")
    assert list(store.list(layout.LEARNED_LAYOUTS)) == [layout.learned_layout("L-732829320")]
    assert layouts.get_layout(store, "L-732829320") == entry
    assert (entry["learned_from"], entry["learned_by"], entry["learned_at"]) == ("a" * 24, "vero",
                                                                                 "2024-03-12T10:00:00+00:00")

    moved = dict(PLACE, anchor=["net", "a", "payer"])
    layouts.save_layout(store, "L-732829320", INVOICE, {"total_incl_tax": moved}, "b" * 24, "paul")
    entry = layouts.save_layout(store, "L-732829320", "supplier_credit_note", {"total_incl_tax": PLACE}, "c" * 24,
                                "paul")
    assert layouts.places_by_type(entry) == {INVOICE: {"total_incl_tax": moved, "due_date": DATE},
                                             "supplier_credit_note": {"total_incl_tax": PLACE}}
    assert entry["types"][INVOICE]["learned_from"] == "b" * 24 and entry["learned_from"] == "c" * 24
    assert entry["first_learned_at"] == "2024-03-12T10:00:00+00:00"
    assert layouts.field_names(entry) == ["due_date", "total_incl_tax"]

    layouts.save_layout(store, "F0001", INVOICE, {"total_incl_tax": PLACE}, "c" * 24, "vero")
    assert sorted(e["supplier_id"] for e in layouts.list_layouts(store)) == ["F0001", "L-732829320"]
    assert layouts.forget_layout(store, "L-732829320") is True
    assert layouts.forget_layout(store, "L-732829320") is False
    assert [e["supplier_id"] for e in layouts.list_layouts(store)] == ["F0001"]


def test_an_id_no_key_may_hold_is_hashed_and_an_unreadable_entry_ignored(store):
    layouts.save_layout(store, "ACME/12 b", INVOICE, {"total_incl_tax": PLACE}, "a" * 24, "vero")
    [key] = store.list(layout.LEARNED_LAYOUTS)
    assert "ACME" not in key and layouts.get_layout(store, "ACME/12 b")["supplier_id"] == "ACME/12 b"
    store.put(layout.learned_layout("F0002"), b"{not json", "application/json")
    store.put(layout.learned_layout("F0003"), b'{"supplier_id": "F0003", "types": {"x": 1}}', "application/json")
    assert layouts.get_layout(store, "F0002") is None and layouts.get_layout(store, "F0003") is None
    assert [e["supplier_id"] for e in layouts.list_layouts(store)] == ["ACME/12 b"]
