"""What a validated correction teaches the next run (SPEC.md, "Corrections"): a supplier's
identity or a tenant's reference that the registries do not hold, kept in the object store
(storage/learned.py) and merged with the registries by ``Runtime.registries_now``; and where
the supplier (learned or registered) prints each field, its layout (extractors/layout_memory.py,
kept by storage/layouts.py), read again on its next document by stages/understand.py.

A correction never changes a known IBAN: a different one waits as ``pending_iban`` for a
second person, and the audit trail says so (``bank_details_pending``).
"""

from __future__ import annotations

from typing import Any

from extractors import layout_memory, validators
from extractors.matching import match_supplier_by_ids
from extractors.page_words import pages_from_json
from storage import documents, layouts, learned
from storage.audit import AuditEvent, record
from wiring.runtime import Runtime

SUPPLIER_TYPES = ("supplier_invoice", "supplier_credit_note", "supplier_quote")


def learn_from_correction(rt: Runtime, document_id: str, doc_type: str, fields: dict[str, Any],
                          actor: str) -> list[str]:
    """Learn from the fields ``actor`` validated for ``document_id``; the audit kinds recorded."""
    if doc_type in SUPPLIER_TYPES:
        kinds, supplier_id = _learn_supplier(rt, document_id, fields, actor)
        kinds += _learn_layout(rt, document_id, doc_type, supplier_id or _matched_before(rt, document_id, fields),
                               fields, actor)
    elif rt.taxonomy.type(doc_type).family == "tenant":
        kinds = _learn_tenant(rt, document_id, fields, actor)
    else:
        kinds = []
    if kinds:
        rt.refresh_learned()  # this process's next document sees it at once
    return kinds


def _valid(fields: dict, name: str, check) -> str:
    value = validators.normalise_identifier(str(fields.get(name) or ""))
    return value if value and check(value) else ""


def _learn_supplier(rt: Runtime, document_id: str, fields: dict, actor: str) -> tuple[list[str], str | None]:
    """The audit kinds recorded, and the supplier's id (registry or learned) when it has one."""
    name = str(fields.get("supplier_name") or "").strip()
    siret = _valid(fields, "supplier_siret", validators.is_valid_siret)
    vat = _valid(fields, "supplier_vat", validators.is_valid_vat)
    iban = _valid(fields, "iban", validators.is_valid_iban)
    if not name or not (siret or vat or iban):
        return [], None
    store = rt.store
    registered = match_supplier_by_ids(rt.registries, siret=siret or None, vat=vat or None, iban=iban or None)
    if registered is not None:  # the registry knows it: only a new IBAN is worth keeping, aside
        known = registered.supplier
        if not (iban and known.iban and iban != known.iban):
            return [], known.supplier_id
        lesson = learned.note_pending_iban(store, known.supplier_id, iban, document_id, actor)
        supplier_id = known.supplier_id
    else:
        lesson = learned.learn_supplier(store, name, siret, vat, iban, document_id, actor)
        supplier_id = (lesson.entry or {}).get("supplier_id")
    entry = lesson.entry or {}
    for kind in lesson.kinds:  # business identifiers only: never the IBAN itself
        record(store, AuditEvent(kind, document_id, actor=actor, details={
            "supplier_id": entry.get("supplier_id"), "supplier_siret": entry.get("siret") or None,
            "supplier_vat": entry.get("vat") or None}))
    return lesson.kinds, supplier_id


def _matched_before(rt: Runtime, document_id: str, fields: dict) -> str | None:
    """No identifier validated: the supplier the pipeline matched (by name), if the operator
    kept its name."""
    try:
        supplier_id = documents.read_json(rt.store, document_id, "record.json").get("supplier_id")
    except documents.UnreadableArtefact:
        return None
    known = rt.registries_now().supplier_by("supplier_id", supplier_id) if supplier_id else None
    name = str(fields.get("supplier_name") or "").strip()
    return supplier_id if known is not None and name and known.name == name else None


def _learn_layout(rt: Runtime, document_id: str, doc_type: str, supplier_id: str | None, fields: dict,
                  actor: str) -> list[str]:
    """Where the validated values are printed on the page (its words in text.json), kept for
    the supplier's next document of that type."""
    if not supplier_id:
        return []
    try:
        text_json = documents.read_json(rt.store, document_id, "text.json")
    except documents.UnreadableArtefact:
        return []
    places = layout_memory.learn(pages_from_json(text_json), fields)
    entry = layouts.save_layout(rt.store, supplier_id, doc_type, places, document_id, actor)
    if entry is None:
        return []
    record(rt.store, AuditEvent("layout_learned", document_id, actor=actor, details={
        "supplier_id": supplier_id, "type": doc_type, "fields": sorted(places)}))
    return ["layout_learned"]


def _learn_tenant(rt: Runtime, document_id: str, fields: dict, actor: str) -> list[str]:
    reference = str(fields.get("tenant_reference") or "").strip()
    name = str(fields.get("tenant_name") or "").strip()
    if not reference or not name or rt.registries.tenant_by_reference(reference):
        return []
    postal = validators.normalise_postal_code(str(fields.get("postal_code") or "")) or ""
    lesson = learned.learn_tenant(rt.store, reference, name, postal, document_id, actor)
    for kind in lesson.kinds:  # the reference, an id: never the name
        record(rt.store, AuditEvent(kind, document_id, actor=actor, details={"tenant_reference": reference}))
    return lesson.kinds
