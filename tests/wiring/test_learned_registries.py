"""``Runtime.registries_now``: the registries plus what corrections taught, read from the store
(not a machine's folder), so that a long-lived process sees another machine's lesson."""

from __future__ import annotations

from storage import learned

SIRET = "73282932000074"
IBAN = "FR7630004000031234567890143"


def test_another_processs_lesson_reaches_a_long_lived_runtime(monkeypatch):
    from wiring import runtime as wiring_runtime

    rt = wiring_runtime.runtime()
    before = rt.registries_now()
    assert before.supplier_by("siret", SIRET) is None
    assert rt.registries_now() is before  # nothing new: the same object (extraction caches per object)

    # another machine learns a supplier and a tenant through the shared store
    learned.learn_supplier(rt.store, "Menuiseries du Lauragais", SIRET, "", IBAN, "a" * 24, "vero")
    learned.learn_tenant(rt.store, "2045-9001", "Jean Dupuis", "31300", "a" * 24, "vero")
    assert rt.registries_now() is before  # read again only when the cache is old...
    monkeypatch.setattr(wiring_runtime, "LEARNED_TTL_SECONDS", 0.0)
    now = rt.registries_now()  # ...which it is at once here
    s = now.supplier_by("siret", SIRET)
    assert (s.supplier_id, s.name, s.iban, s.source) == ("L-732829320", "Menuiseries du Lauragais", IBAN, "learned")
    assert now.tenant_by_reference("2045-9001").tenant_name == "Jean Dupuis"
    assert now.suppliers[:len(rt.registries.suppliers)] == rt.registries.suppliers  # the registry's first
    assert rt.registries.supplier_by("siret", SIRET) is None  # the configured registries stay as loaded

    learned.forget_tenant(rt.store, "2045-9001")
    assert rt.registries_now().tenant_by_reference("2045-9001") is None
