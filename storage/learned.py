"""What validated corrections teach: supplier identities and tenant references the registries
do not hold, kept in the object store so that every process and machine sharing the store
reads them (``Runtime.registries_now`` merges them with the registries).

    learned/suppliers/<id>.json       name, SIRET, VAT, IBAN of a supplier absent from the registry
                                      (<id>: ``L-<SIREN>``, or ``L-h<hash>`` without a SIREN), or,
                                      for a registered supplier (``R-<supplier_id>``), only an IBAN
                                      waiting for a second person
    learned/tenants/<hash>.json       a tenant reference, name and postal code (personal data:
                                      nothing else, never the letter's text; ``forget_tenant``)

A known IBAN is never replaced by a correction: a different one is kept as ``pending_iban``
until a second person confirms it (classic bank-details fraud). Which fields are valid, and
whether the registry already knows the supplier or tenant, the caller decides (flows/learning.py).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from config.registries import Supplier, Tenant
from storage import layout
from storage.objectstore import ObjectStore, delete_if_present, read_mapping


VERSION = 1
LEARNED = "learned"  # a supplier absent from the registry, matched like a registered one
REGISTERED = "registered"  # an overlay on a registered supplier: only its pending IBAN
SUPPLIER_KEYS = ("name", "siret", "vat", "iban")


@dataclass
class Lesson:
    """What one correction taught: the entry as stored, and the audit event kinds it calls for."""

    entry: dict[str, Any] | None
    kinds: list[str] = field(default_factory=list)  # "supplier_learned", "bank_details_pending", "tenant_learned"


def _now(at: str | None) -> str:
    return at or datetime.now(timezone.utc).isoformat(timespec="seconds")


def _put(store: ObjectStore, key: str, entry: dict) -> None:
    store.put(key, json.dumps(entry, ensure_ascii=False, indent=1).encode("utf-8"), "application/json")


_read = read_mapping


def _entries(store: ObjectStore, prefix: str) -> list[dict]:
    out = []
    for key in store.list(prefix):
        if layout.is_learned_entry(prefix, key):
            entry = _read(store, key)
            if entry is not None:
                out.append(entry)
    return out


# -- suppliers ------------------------------------------------------------------------------

def supplier_learned_id(siret: str = "", vat: str = "", iban: str = "") -> str:
    """``L-<SIREN>`` (from the SIRET, or a French VAT number), else ``L-h<hash of VAT or IBAN>``."""
    siren = siret[:9] if siret else (vat[4:] if vat.startswith("FR") and len(vat) == 13 else "")
    if siren:
        return f"L-{siren}"
    return "L-h" + hashlib.sha256((vat or iban).encode()).hexdigest()[:16]


def list_suppliers(store: ObjectStore) -> list[dict]:
    """Every entry under ``learned/suppliers/`` (learned suppliers and registered overlays)."""
    return _entries(store, layout.LEARNED_SUPPLIERS)


def get_supplier(store: ObjectStore, learned_id: str) -> dict | None:
    return _read(store, layout.learned_supplier(learned_id))


def find_supplier(entries: list[dict], siret: str = "", vat: str = "", iban: str = "") -> dict | None:
    """The learned supplier these identifiers designate: same SIRET, SIREN, VAT, then IBAN."""
    learned = [e for e in entries if e.get("status") == LEARNED]
    siren = siret[:9]
    for key, value in (("siret", siret), ("siren", siren), ("vat", vat), ("iban", iban)):
        if not value:
            continue
        if key == "siren":
            hits = [e for e in learned if (e.get("siret") or "")[:9] == value
                    or (e.get("vat") or "")[4:] == value]
        else:
            hits = [e for e in learned if e.get(key) == value]
        if len(hits) == 1 or (hits and key != "siren"):
            return hits[0]
    return None


def learn_supplier(store: ObjectStore, name: str, siret: str, vat: str, iban: str, document_id: str,
                   actor: str, at: str | None = None) -> Lesson:
    """Learn, or update, a supplier the registry does not hold. Identifiers must be valid
    (normalised, checked by the caller): a name and at least one of SIRET, VAT, IBAN."""
    if not name or not (siret or vat or iban):
        return Lesson(None)
    at = _now(at)
    existing = find_supplier(list_suppliers(store), siret, vat, iban)
    if existing is None:
        learned_id = supplier_learned_id(siret, vat, iban)
        entry = {"version": VERSION, "id": learned_id, "supplier_id": learned_id, "status": LEARNED,
                 "name": name, "siret": siret, "vat": vat, "iban": iban, "pending_iban": None,
                 "learned_from": document_id, "learned_by": actor, "learned_at": at}
        key = layout.learned_supplier(learned_id)
        if store.put_if_absent(key, json.dumps(entry, ensure_ascii=False, indent=1).encode("utf-8"),
                               "application/json"):
            return Lesson(entry, ["supplier_learned"])
        existing = _read(store, key)  # learned meanwhile elsewhere: an update, below
        if existing is None:
            return Lesson(None)
    entry = dict(existing)
    kinds = []
    changed = {k: v for k, v in (("name", name), ("siret", siret), ("vat", vat)) if v and entry.get(k) != v}
    if iban and not entry.get("iban"):
        changed["iban"] = iban  # no IBAN known yet: nothing is replaced
    if changed:
        entry.update(changed, updated_from=document_id, updated_by=actor, updated_at=at)
        kinds.append("supplier_learned")
    if iban and entry.get("iban") and iban != entry["iban"] and iban != entry.get("pending_iban"):
        entry.update(pending_iban=iban, pending_from=document_id, pending_by=actor, pending_at=at)
        kinds.append("bank_details_pending")
    if kinds:
        _put(store, layout.learned_supplier(entry["id"]), entry)
    return Lesson(entry, kinds)


def note_pending_iban(store: ObjectStore, supplier_id: str, iban: str, document_id: str, actor: str,
                      at: str | None = None) -> Lesson:
    """A registered supplier's correction shows another IBAN: kept aside, the registry's stays."""
    learned_id = _overlay_id(supplier_id)
    key = layout.learned_supplier(learned_id)
    entry = _read(store, key) or {"version": VERSION, "id": learned_id, "supplier_id": supplier_id,
                                  "status": REGISTERED}
    if entry.get("pending_iban") == iban:
        return Lesson(entry)
    entry.update(pending_iban=iban, pending_from=document_id, pending_by=actor, pending_at=_now(at))
    _put(store, key, entry)
    return Lesson(entry, ["bank_details_pending"])


def _overlay_id(supplier_id: str) -> str:
    return "R-" + "".join(c for c in supplier_id if c.isalnum() or c == "-")[:60]


def confirm_iban(store: ObjectStore, supplier_id: str, iban: str, document_id: str, actor: str,
                 at: str | None = None) -> dict:
    """A second person accepted ``iban`` for ``supplier_id``: it becomes the supplier's last
    validated IBAN (a learned supplier's own, or beside a registered one's, which stays in the
    registry file). The pending IBAN, if it was this one, is settled."""
    at = _now(at)
    key = layout.learned_supplier(supplier_id if supplier_id.startswith("L-") else _overlay_id(supplier_id))
    entry = _read(store, key)
    if supplier_id.startswith("L-") and entry is not None:
        entry["iban"] = iban
    else:
        entry = entry or {"version": VERSION, "id": _overlay_id(supplier_id), "supplier_id": supplier_id,
                          "status": REGISTERED}
        entry["validated_iban"] = iban
    if entry.get("pending_iban") == iban:
        entry.update(pending_iban=None, pending_from=None, pending_by=None, pending_at=None)
    entry.update(iban_confirmed_by=actor, iban_confirmed_at=at, iban_confirmed_from=document_id)
    _put(store, key, entry)
    return entry


def validated_iban(store: ObjectStore, supplier_id: str | None) -> str | None:
    """The IBAN a second person last accepted for a registered supplier (None if none)."""
    if not supplier_id or supplier_id.startswith("L-"):
        return None
    entry = _read(store, layout.learned_supplier(_overlay_id(supplier_id)))
    return (entry or {}).get("validated_iban") or None


def forget_supplier(store: ObjectStore, learned_id: str) -> bool:
    """Remove what was learned of a supplier; True if there was something."""
    return delete_if_present(store, layout.learned_supplier(learned_id))


def as_supplier(entry: dict) -> Supplier:
    return Supplier(supplier_id=entry["supplier_id"], name=entry.get("name") or "", siret=entry.get("siret") or "",
                    vat=entry.get("vat") or "", iban=entry.get("iban") or "", bic="", trade="", address="",
                    postal_code="", city="", email="", phone="", source=LEARNED)


# -- tenants --------------------------------------------------------------------------------

def _tenant_key(reference: str) -> str:
    return layout.learned_tenant(hashlib.sha256(reference.encode("utf-8")).hexdigest()[:32])


def list_tenants(store: ObjectStore) -> list[dict]:
    return _entries(store, layout.LEARNED_TENANTS)


def get_tenant(store: ObjectStore, reference: str) -> dict | None:
    return _read(store, _tenant_key(reference))


def learn_tenant(store: ObjectStore, reference: str, name: str, postal_code: str, document_id: str, actor: str,
                 at: str | None = None) -> Lesson:
    """Learn, or update, a tenant reference the registry does not hold: the reference, the
    name, the postal code when given; nothing else of the letter."""
    if not reference or not name:
        return Lesson(None)
    key = _tenant_key(reference)
    old = _read(store, key)
    at = _now(at)
    entry = {"version": VERSION, "tenant_reference": reference, "tenant_name": name,
             "postal_code": postal_code or (old or {}).get("postal_code") or "",
             "learned_from": document_id, "learned_by": actor, "learned_at": at}
    if old and all(old.get(k) == entry[k] for k in ("tenant_reference", "tenant_name", "postal_code")):
        return Lesson(old)
    _put(store, key, entry)
    return Lesson(entry, ["tenant_learned"])


def expire_tenants(store: ObjectStore, taught_before: str) -> list[dict]:
    """Erase the learned tenants last taught before ``taught_before`` (ISO time); the entries
    erased (RGPD: a lesson is kept no longer than it is useful)."""
    gone = []
    for entry in list_tenants(store):
        if str(entry.get("learned_at") or "") < taught_before and entry.get("tenant_reference"):
            store.delete(_tenant_key(entry["tenant_reference"]))
            gone.append(entry)
    return gone


def forget_tenant(store: ObjectStore, reference: str) -> bool:
    """Erase what was learned of a tenant (RGPD: right to erasure); True if there was something."""
    return delete_if_present(store, _tenant_key(reference))


def as_tenant(entry: dict) -> Tenant:
    return Tenant(tenant_reference=entry["tenant_reference"], tenant_name=entry.get("tenant_name") or "",
                  residence="", address="", postal_code=entry.get("postal_code") or "", city="", agency="",
                  email="", phone="", source=LEARNED)


def learned_entries(store: ObjectStore) -> tuple[tuple[Supplier, ...], tuple[Tenant, ...]]:
    """The learned suppliers and tenants as registry entries, to merge with the registries."""
    suppliers = tuple(as_supplier(e) for e in list_suppliers(store)
                      if e.get("status") == LEARNED and e.get("supplier_id") and e.get("name"))
    tenants = tuple(as_tenant(e) for e in list_tenants(store) if e.get("tenant_reference") and e.get("tenant_name"))
    return suppliers, tenants
