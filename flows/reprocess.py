"""After a vidéocodage operator's correction the document goes on: the routing rules decide
again with the corrected type and fields, the work item leaves ``videocodage`` for its team's
queue (and copies), the document's record carries the human answer, the correction is kept
for the next training, and a supplier identity or tenant reference the registries lack is
learned for the next run (flows/learning.py).

``reprocess_document`` is the Prefect flow; ``reprocess`` the same work as a plain function.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

from prefect import flow

from classifiers.decide import URGENCY_BY_CONTENT
from classifiers.urgency import urgency_reasons
from config.routing import Facts
from flows.learning import learn_from_correction
from flows.payables import reassess
from flows.payables_orders import invoice_terms
from storage import documents, queues, workitems
from storage.audit import AuditEvent, corrected, record
from storage.corrections import InvalidCorrection, save_correction
from wiring.runtime import Runtime, runtime

OPERATOR_METHOD = "videocodage"


class ReprocessError(Exception):
    """A correction that cannot be applied (French message for staff)."""


@flow(name="revideocodage", log_prints=False)
def reprocess_document(document_id: str, corrected_type: str, corrected_fields: dict[str, Any],
                       actor: str) -> dict:
    """Route ``document_id`` again as ``actor`` decided; returns where it went."""
    return reprocess(runtime(), document_id, corrected_type, corrected_fields, actor)


def reprocess(rt: Runtime, document_id: str, corrected_type: str, corrected_fields: dict[str, Any],
              actor: str, now: datetime | None = None) -> dict:
    store, tax = rt.store, rt.taxonomy
    if corrected_type not in tax.types:
        raise ReprocessError(f"type « {corrected_type} » inconnu")
    fields = {str(k): v for k, v in (corrected_fields or {}).items() if v not in (None, "")}
    bad = [k for k, v in fields.items() if not isinstance(v, (str, int, float))]
    if bad:
        raise ReprocessError(f"valeur du champ {bad[0]} illisible")
    now = now or datetime.now(timezone.utc)
    review = tax.review_queue
    # The flow acts for the operator on the item they hold; it sees what it must move.
    member = workitems.Member(review, actor, sees_restricted=True)
    rec = _json(store, document_id, "record.json")
    text = _text(_json(store, document_id, "text.json"))

    item, lease = workitems.claim(store, member, document_id)  # renews the operator's own lease
    doc_type = tax.type(corrected_type)
    found = urgency_reasons(text)
    urgent = doc_type.always_urgent or any(k in URGENCY_BY_CONTENT.get(corrected_type, ()) for k in found)
    decision = rt.routing.decide(Facts(corrected_type, 1.0, urgent, fields))

    machine = {"type": rec.get("type", item.type), "confidence": rec.get("confidence", item.confidence),
               "fields": dict(rec.get("fields") or item.fields or {})}
    human = {"type": corrected_type, "fields": fields}
    saved = _save_correction(rt, document_id, text, machine, human, actor)
    changes = {k: (machine["fields"].get(k), fields.get(k))
               for k in sorted(set(machine["fields"]) | set(fields)) if machine["fields"].get(k) != fields.get(k)}
    if machine["type"] != corrected_type:
        changes["type"] = (machine["type"], corrected_type)
    record(store, corrected(document_id, actor, changes, queue=review))
    learn_from_correction(rt, document_id, corrected_type, fields, actor)  # the next run knows it
    ap, supplier_id = reassess(rt, document_id, corrected_type, fields, rec.get("supplier_id"))
    # working days; on an invoice its purchase order, payment date and discount (flows/payables_orders.py)
    terms = invoice_terms(rt, corrected_type, fields, supplier_id, text, decision.deadline_hours, now)
    deadline, ap.alerts = terms.deadline, ap.alerts + terms.alerts
    rec = {**rec, **terms.over(rec)}

    routed_to = decision.queue
    status = "routed" if routed_to != review else "completed"
    _update_record(store, document_id, {**rec, "alerts": ap.alerts, "duplicate_of": ap.duplicate_of,
                                        "supplier_id": supplier_id},
                   machine, human, actor, now, decision, status, urgent, doc_type.restricted, deadline)
    if routed_to == review:  # "autre": nothing to route to; the operator closes it
        workitems.complete(store, member, document_id, note="classé « autre » en vidéocodage", lease=lease)
        return _result(document_id, corrected_type, review, [], status, fields, saved)

    amended = replace(item, type=corrected_type, fields=fields, confidence=1.0, reason=None,
                      priority=decision.priority, deadline=deadline, urgent=urgent,
                      restricted=doc_type.restricted, alerts=ap.alerts, duplicate_of=ap.duplicate_of)
    amended = replace(amended, **terms.over(vars(item)))
    queues.amend(store, item, amended)
    why = f"vidéocodage par {actor} : {doc_type.label}"
    moved = workitems.reroute(store, member, document_id, routed_to, why, lease=lease)
    for copy in decision.copies:
        queues.enqueue(store, replace(moved, queue=copy, copy_of=routed_to))
        record(store, AuditEvent("copied", document_id, actor=actor, queue=copy, details={"main_queue": routed_to}))
    return _result(document_id, corrected_type, routed_to, list(decision.copies), status, fields, saved)


def _save_correction(rt: Runtime, document_id, text, machine, human, actor) -> bool:
    if not text.strip():
        return False  # nothing to learn from a page without text
    try:
        save_correction(rt.store, document_id, text, machine, human, actor, known_types=set(rt.taxonomy.types))
    except InvalidCorrection as exc:
        raise ReprocessError(str(exc)) from None
    return True


def _update_record(store, document_id, rec, machine, human, actor, now, decision, status, urgent,
                   restricted, deadline) -> None:
    rec = dict(rec)
    rec.setdefault("machine", machine)
    rec.update(type=human["type"], fields=human["fields"], confidence=1.0, method=OPERATOR_METHOD,
               corrected_by=actor, corrected_at=now.isoformat(timespec="seconds"), queue=decision.queue,
               copies=list(decision.copies), status=status, reason=None, rule=decision.rule, why=decision.why,
               priority=decision.priority, deadline=deadline, urgent=urgent, restricted=restricted)
    documents.write_record(store, document_id, rec)


def _json(store, document_id: str, name: str) -> dict:
    try:
        return documents.read_json(store, document_id, name)
    except documents.UnreadableArtefact as exc:
        raise ReprocessError(str(exc)) from None


def _text(text_json: dict) -> str:
    return "\n\f\n".join(p.get("text", "") for p in text_json.get("pages") or [])


def _result(document_id, doc_type, queue, copies, status, fields, saved) -> dict:
    return {"document_id": document_id, "type": doc_type, "queue": queue, "copies": copies, "status": status,
            "fields": fields, "correction_saved": saved}
