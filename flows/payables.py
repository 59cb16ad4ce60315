"""Accounts payable's checks on an invoice, and people's decisions on what they flag
(SPEC.md, "Accounts-payable alerts").

``assess`` runs when a document is delivered and again when an operator corrects it: the
reading's own alerts (totals, unknown supplier), bank details against the supplier's
registered or last validated IBAN, and the same invoice already received as another file
(``duplicate_invoice``, with ``duplicate_of``). An alert stays open until a person clears it;
``bank_details_changed`` needs two different people: the one who validated the document (or
vouched for the change first) and another who confirms it. Open alerts keep an invoice out of
every export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from classifiers.field_confidence import alerts as reading_alerts
from config.errors import AiguillageError
from extractors.invoice_keys import loose_number_key, number_key, supplier_key
from extractors.matching import match_supplier_by_ids
from storage import documents, learned, payables
from storage.audit import AuditEvent, record
from wiring.runtime import Runtime

DUPLICATE = "duplicate_invoice"
BANK = "bank_details_changed"
CHECKED_FOR_DUPLICATES = ("supplier_invoice", "supplier_credit_note")


class AlertRefused(AiguillageError):
    """A decision on an alert that cannot be taken (French message for staff; exit status 1)."""


@dataclass
class Assessment:
    alerts: list[str] = field(default_factory=list)
    duplicate_of: str | None = None


def assess(rt: Runtime, document_id: str, doc_type: str | None, fields: Mapping, rejected: Mapping,
           supplier_id: str | None, supplier_iban: str | None) -> Assessment:
    """The alerts of one document (none for what is not an invoice, credit note or quote)."""
    iban = fields.get("iban")
    known = supplier_iban
    if iban and supplier_id and iban != supplier_iban and learned.validated_iban(rt.store, supplier_id) == iban:
        known = iban  # a second person already accepted these bank details
    found = reading_alerts(doc_type, rejected, supplier_id, iban, known)
    duplicate_of = None
    if doc_type in CHECKED_FOR_DUPLICATES:
        duplicate_of = first_copy(rt, document_id, doc_type, fields, supplier_id)
        if duplicate_of:
            found.append(DUPLICATE)
    return Assessment(found, duplicate_of)


def reassess(rt: Runtime, document_id: str, doc_type: str, fields: Mapping,
             machine_supplier_id: str | None) -> tuple[Assessment, str | None]:
    """The alerts after a person validated ``fields`` (nothing is rejected any more: the person
    read the page), and the supplier those fields designate."""
    registries = rt.registries_now()
    match = match_supplier_by_ids(registries, siret=fields.get("supplier_siret") or None,
                                  siren=fields.get("supplier_siren") or None,
                                  vat=fields.get("supplier_vat") or None, iban=fields.get("iban") or None)
    known = match.supplier if match else (registries.supplier_by("supplier_id", machine_supplier_id)
                                          if machine_supplier_id else None)
    supplier_id = known.supplier_id if known else machine_supplier_id
    supplier_iban = (known.iban or None) if known else None
    return assess(rt, document_id, doc_type, fields, {}, supplier_id, supplier_iban), supplier_id


def invoice_facts(doc_type: str, fields: Mapping) -> dict:
    number = str(fields.get("invoice_number") or "")
    return {"type": doc_type, "number": number, "number_key": number_key(number),
            "loose_key": loose_number_key(number), "date": str(fields.get("invoice_date") or ""),
            "total": str(fields.get("total_incl_tax") or "")}


def same_invoice(a: Mapping, b: Mapping) -> bool:
    """Two readings of one supplier's documents are the same invoice: the same number (reading
    variants aside), or the same digits with the same date or total, or the same date and
    total when a number is missing on either. Similar numbers alone are not enough."""
    if a.get("type") != b.get("type"):
        return False
    if a.get("number_key") and a.get("number_key") == b.get("number_key"):
        return True
    same_date = bool(a.get("date")) and a.get("date") == b.get("date")
    same_total = bool(a.get("total")) and a.get("total") == b.get("total")
    if a.get("loose_key") and a.get("loose_key") == b.get("loose_key"):
        return same_date or same_total
    if same_date and same_total:
        return not (a.get("loose_key") and b.get("loose_key"))
    return False


def first_copy(rt: Runtime, document_id: str, doc_type: str, fields: Mapping, supplier_id: str | None) -> str | None:
    """The first received copy of this invoice, registering this one; None when it is the first."""
    supplier = supplier_key(supplier_id, dict(fields))
    if not supplier:
        return None
    facts = invoice_facts(doc_type, fields)
    keys = {"number": facts["number_key"] and f"{doc_type}:{facts['number_key']}",
            "digits": facts["loose_key"] and f"{doc_type}:{facts['loose_key']}",
            "dated_total": facts["date"] and facts["total"] and f"{doc_type}:{facts['date']}:{facts['total']}"}
    mine, others = payables.register_invoice(rt.store, supplier, keys, document_id, facts)
    for other in others:  # first received first
        if other.sort_key() < mine.sort_key() and same_invoice(facts, other.facts):
            return other.document_id
    return None


# -- people's decisions ----------------------------------------------------------------

def open_alerts(rt: Runtime, document_id: str, rec: Mapping | None = None) -> list[str]:
    """The document's alerts that no person has cleared (confirmed, for bank details)."""
    rec = rec if rec is not None else documents.read_json(rt.store, document_id, "record.json")
    done = {(d.code, d.step) for d in payables.decisions(rt.store, document_id)}
    return [a for a in rec.get("alerts") or []
            if (a, payables.CONFIRMED if a == BANK else payables.CLEARED) not in done]


def clear_alert(rt: Runtime, document_id: str, code: str, actor: str, note: str = "") -> str:
    """``actor`` lifts alert ``code`` of ``document_id``; returns the step recorded
    (``cleared``; for bank details ``vouched`` by a first person, then ``confirmed`` by another).
    AlertRefused when the alert is not open or the two-person rule forbids it."""
    rec = documents.read_json(rt.store, document_id, "record.json")
    if code not in open_alerts(rt, document_id, rec):
        raise AlertRefused(f"alerte « {code} » absente ou déjà levée sur le document {document_id}")
    if code != BANK:
        step = payables.CLEARED
    else:
        vouchers = {d.actor for d in payables.decisions(rt.store, document_id)
                    if d.code == BANK and d.step == payables.VOUCHED}
        if rec.get("corrected_by"):
            vouchers.add(str(rec["corrected_by"]))
        if actor in vouchers:
            raise AlertRefused("changement de coordonnées bancaires : une autre personne que "
                               f"{actor} doit confirmer (règle des quatre yeux)")
        step = payables.CONFIRMED if vouchers else payables.VOUCHED
    if not payables.decide(rt.store, document_id, code, step, actor, note):
        raise AlertRefused(f"alerte « {code} » : décision déjà prise par une autre personne")
    if step == payables.CONFIRMED and rec.get("supplier_id") and (rec.get("fields") or {}).get("iban"):
        learned.confirm_iban(rt.store, rec["supplier_id"], rec["fields"]["iban"], document_id, actor)
        rt.refresh_learned()
    kind = {payables.CLEARED: "alert_cleared", payables.VOUCHED: "bank_details_vouched",
            payables.CONFIRMED: "bank_details_confirmed"}[step]
    record(rt.store, AuditEvent(kind, document_id, actor=actor, details={"alert": code, "note": note or None}))
    return step
