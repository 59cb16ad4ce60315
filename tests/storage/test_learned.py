"""What validated corrections teach (storage/learned.py), on both back ends: a supplier absent
from the registry learned and updated, a different IBAN kept aside (never learned silently),
tenants learned and erased (RGPD)."""

from __future__ import annotations

from storage import layout, learned

SIRET = "73282932000074"
IBAN = "FR7630006000011234567890189"
OTHER_IBAN = "FR7617807529282030718199575"


def test_a_supplier_is_learned_then_updated_and_its_iban_never_replaced(store):
    lesson = learned.learn_supplier(store, "Menuiserie Lauragais", SIRET, "", IBAN, "a" * 24, "vero.martin",
                                    at="2024-03-12T10:00:00+00:00")
    assert lesson.kinds == ["supplier_learned"]
    assert list(store.list(layout.LEARNED_SUPPLIERS)) == [layout.learned_supplier("L-732829320")]
    entry = learned.get_supplier(store, "L-732829320")
    assert entry["status"] == "learned" and entry["supplier_id"] == "L-732829320"
    assert (entry["name"], entry["siret"], entry["iban"]) == ("Menuiserie Lauragais", SIRET, IBAN)
    assert (entry["learned_from"], entry["learned_by"], entry["learned_at"]) == ("a" * 24, "vero.martin",
                                                                                 "2024-03-12T10:00:00+00:00")

    # the same supplier, found by its IBAN: name and VAT updated
    lesson = learned.learn_supplier(store, "Menuiserie du Lauragais", "", "FR11732829320", IBAN, "b" * 24, "paul")
    assert lesson.kinds == ["supplier_learned"]
    entry = learned.get_supplier(store, "L-732829320")
    assert (entry["name"], entry["vat"], entry["siret"]) == ("Menuiserie du Lauragais", "FR11732829320", SIRET)

    # another IBAN: kept aside for a second person, the known one stays
    lesson = learned.learn_supplier(store, "Menuiserie du Lauragais", SIRET, "", OTHER_IBAN, "c" * 24, "paul")
    assert lesson.kinds == ["bank_details_pending"]
    entry = learned.get_supplier(store, "L-732829320")
    assert entry["iban"] == IBAN and entry["pending_iban"] == OTHER_IBAN and entry["pending_by"] == "paul"
    assert learned.learn_supplier(store, "Menuiserie du Lauragais", SIRET, "", OTHER_IBAN, "d" * 24, "x").kinds == []

    suppliers, tenants = learned.learned_entries(store)
    assert tenants == ()
    assert [(s.supplier_id, s.name, s.iban, s.source) for s in suppliers] == [
        ("L-732829320", "Menuiserie du Lauragais", IBAN, "learned")]

    assert learned.forget_supplier(store, "L-732829320") and learned.list_suppliers(store) == []


def test_a_registered_suppliers_new_iban_waits_and_is_not_a_learned_supplier(store):
    lesson = learned.note_pending_iban(store, "F0001", OTHER_IBAN, "e" * 24, "vero")
    assert lesson.kinds == ["bank_details_pending"] and lesson.entry["status"] == "registered"
    assert learned.note_pending_iban(store, "F0001", OTHER_IBAN, "f" * 24, "vero").kinds == []
    assert learned.learned_entries(store) == ((), ())


def test_a_supplier_without_siret_gets_a_hashed_id_and_nothing_without_identity(store):
    assert learned.learn_supplier(store, "Sans Identifiant", "", "", "", "a" * 24, "vero").entry is None
    lesson = learned.learn_supplier(store, "Banque Seule", "", "", OTHER_IBAN, "a" * 24, "vero")
    assert lesson.entry["supplier_id"].startswith("L-h") and layout.is_learned_entry(
        layout.LEARNED_SUPPLIERS, layout.learned_supplier(lesson.entry["id"]))


def test_tenants_are_learned_with_few_fields_and_erased(store):
    lesson = learned.learn_tenant(store, "2045-9001", "Jean Dupuis", "31300", "a" * 24, "vero")
    assert lesson.kinds == ["tenant_learned"]
    [key] = store.list(layout.LEARNED_TENANTS)
    assert "2045" not in key  # the key names a hash, not the reference
    entry = learned.get_tenant(store, "2045-9001")
    assert set(entry) == {"version", "tenant_reference", "tenant_name", "postal_code", "learned_from", "learned_by",
                          "learned_at"}
    assert learned.learn_tenant(store, "2045-9001", "Jean Dupuis", "", "b" * 24, "vero").kinds == []  # nothing new
    [t] = learned.learned_entries(store)[1]
    assert (t.tenant_reference, t.tenant_name, t.postal_code, t.source) == ("2045-9001", "Jean Dupuis", "31300",
                                                                            "learned")
    assert learned.forget_tenant(store, "2045-9001") is True
    assert learned.forget_tenant(store, "2045-9001") is False
    assert list(store.list(layout.LEARNED_TENANTS)) == [] and learned.learned_entries(store) == ((), ())
