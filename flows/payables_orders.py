"""A document's deadline in working days and, on a supplier invoice, accounts payable's terms:
the purchase order it names (two-way match), its payment date and any early-payment discount.

Every document's deadline is its routing rule's ``deadline_hours`` counted in working days
(config/working_days.py: 24 h = one working day). A supplier invoice with a due date must also
be paid ``payables.payment_lead_days`` working days before it: its deadline is the earlier of
the two, never in the past (then the next working day, ``payment_deadline.late``). The
purchase-order check adds ``purchase_order_missing`` or ``purchase_order_mismatch`` to the
alerts; the matched order's ``building`` and ``cost_centre`` go on the record and work item,
with ``purchase_order``, ``payment_deadline`` and ``early_payment_discount`` (not in
``fields``: SPEC's field list is fixed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, Mapping

from config.purchase_orders import Tolerance, match_order
from config.working_days import pay_by, payment_deadline, working_deadline
from extractors.early_payment import early_payment_discount
from wiring.runtime import Runtime

INVOICE = "supplier_invoice"
TERMS_KEYS = ("purchase_order", "building", "cost_centre", "early_payment_discount", "payment_deadline")


@dataclass
class InvoiceTerms:
    deadline: str  # ISO 8601, UTC, as stored objects keep it
    alerts: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # record and work item keys (WorkItem fields)

    def over(self, before: Mapping[str, Any]) -> dict[str, Any]:
        """What to write over a record or work item that held ``before``: these terms, and the
        terms it held cleared (a corrected invoice now a letter keeps no building)."""
        return {k: self.extra.get(k) for k in TERMS_KEYS if k in self.extra or before.get(k) is not None}


def tolerance(rt: Runtime) -> Tolerance:
    return Tolerance(Decimal(str(rt.settings["payables.order_tolerance_percent"])),
                     Decimal(str(rt.settings["payables.order_tolerance_amount"])))


def invoice_terms(rt: Runtime, doc_type: str | None, fields: Mapping[str, Any], supplier_id: str | None,
                  text: str, deadline_hours: float, now: datetime) -> InvoiceTerms:
    """The deadline of any document; the purchase order, payment date and discount of an invoice."""
    routing = working_deadline(now, deadline_hours)
    if doc_type != INVOICE:
        return InvoiceTerms(_utc(routing))
    supplier = rt.registries_now().supplier_by("supplier_id", supplier_id) if supplier_id else None
    match = match_order(fields.get("order_reference"), supplier_id, bool(supplier and supplier.requires_order),
                        fields.get("total_excl_tax"), fields.get("total_incl_tax"), rt.orders_now(), tolerance(rt))
    order = match.order
    extra: dict[str, Any] = {
        "purchase_order": None, "building": (order.building or None) if order else None,
        "cost_centre": (order.cost_centre or None) if order else None,
        "early_payment_discount": early_payment_discount(text, _date(fields.get("invoice_date"))),
        "payment_deadline": None,
    }
    if order or match.alert:
        extra["purchase_order"] = {"reference": fields.get("order_reference") or None,
                                   "order_reference": order.order_reference if order else None,
                                   "source": order.source if order else None,
                                   "check": match.alert or "matched", "why": match.why}
    deadline = routing
    due = _date(fields.get("due_date"))
    if due is not None:
        lead = rt.settings["payables.payment_lead_days"]
        paying, late = payment_deadline(now, due, lead)
        if paying < routing:
            deadline = paying
        extra["payment_deadline"] = {"due_date": due.isoformat(), "pay_by": pay_by(due, lead).isoformat(),
                                     "lead_working_days": lead, "late": late,
                                     "deadline_from": "due_date" if paying < routing else "routing"}
    return InvoiceTerms(_utc(deadline), [match.alert] if match.alert else [], extra)


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
