"""What the accounts-payable pages show: the alerts of an invoice in French, the people who
already decided on them (two-person rule for bank details), the invoice's purchase-order terms,
and the export page's runs, ready invoices and held-back ones. Read from storage and the
back end (flows/payables.py, flows/export.py); nothing here decides or writes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from config.clock import shown
from flows.payables import BANK, DUPLICATE, open_alerts
from storage import documents, exports, learned, payables

ALERT_LABELS = {
    DUPLICATE: "doublon",  # shown « doublon de <first copy> », linked
    BANK: "IBAN modifié : confirmation requise",
    "unknown_supplier": "fournisseur inconnu",
    "purchase_order_missing": "bon de commande absent",
    "purchase_order_mismatch": "bon de commande discordant",
    "totals_inconsistent": "totaux incohérents",
}
STEP_DONE = {payables.CLEARED: "levée par", payables.VOUCHED: "accord de",
             payables.CONFIRMED: "confirmée par"}
STEP_FLASH = {payables.CLEARED: "Alerte levée.",
              payables.VOUCHED: "Accord enregistré : une deuxième personne doit confirmer le changement d'IBAN.",
              payables.CONFIRMED: "Nouvel IBAN confirmé par une deuxième personne : il devient celui du fournisseur."}
RUNS_SHOWN = 50


def ap_queue(rt) -> str:
    return rt.taxonomy.type("supplier_invoice").queue


def alert_label(code: str) -> str:
    return ALERT_LABELS.get(code, code)


def spaced_iban(iban: str | None) -> str:
    """FR76 2004 1790 …: read aloud over the phone to the supplier."""
    s = re.sub(r"\s+", "", str(iban or ""))
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def row_alerts(rt, document_id: str, alerts: list[str] | None) -> list[str]:
    """A listed item's alerts still open (one LIST of decisions, only when it has any)."""
    return open_alerts(rt, document_id, {"alerts": list(alerts)}) if alerts else []


# -- the document view -------------------------------------------------------------------

@dataclass
class AlertLine:
    code: str
    label: str
    open: bool
    done: list[tuple[str, str, str, str]] = field(default_factory=list)  # (what, who, when, note)


@dataclass
class BankCheck:
    new_iban: str
    registered_iban: str
    validated_iban: str  # accepted by two people earlier, when not the registered one
    corrected_by: str | None  # the operator who validated the document at the station
    vouched_by: list[str]
    second: bool  # the next step is the second person's confirmation
    viewer_done: bool  # the viewer already validated or vouched: another person must confirm

    @property
    def button(self) -> str:
        return "confirmer (deuxième personne)" if self.second else "valider le changement (première personne)"


@dataclass
class Panel:
    alerts: list[AlertLine]
    duplicate_of: str | None
    bank: BankCheck | None
    terms: list[tuple[str, str]]

    @property
    def open_count(self) -> int:
        return sum(1 for a in self.alerts if a.open)


def panel(rt, document_id: str, rec: Mapping | None, viewer: str) -> Panel | None:
    """The accounts-payable block of a document view; None for a document without alerts or terms."""
    rec = rec or {}
    codes = list(rec.get("alerts") or [])
    terms = terms_rows(rec)
    if not codes and not terms:
        return None
    still = set(open_alerts(rt, document_id, rec)) if codes else set()
    decisions = payables.decisions(rt.store, document_id) if codes else []
    lines = [AlertLine(c, alert_label(c), c in still,
                       [(STEP_DONE.get(d.step, d.step), d.actor, shown(d.at), d.note)
                        for d in decisions if d.code == c]) for c in codes]
    bank = bank_check(rt, rec, decisions, viewer) if BANK in still else None
    return Panel(lines, rec.get("duplicate_of"), bank, terms)


def bank_check(rt, rec: Mapping, decisions: list, viewer: str) -> BankCheck:
    supplier_id = rec.get("supplier_id")
    supplier = rt.registries_now().supplier_by("supplier_id", supplier_id) if supplier_id else None
    registered = (supplier.iban or "") if supplier else ""
    validated = learned.validated_iban(rt.store, supplier_id) or ""
    vouched = [d.actor for d in decisions if d.code == BANK and d.step == payables.VOUCHED]
    corrected_by = str(rec["corrected_by"]) if rec.get("corrected_by") else None
    deciders = set(vouched) | ({corrected_by} if corrected_by else set())
    return BankCheck(spaced_iban((rec.get("fields") or {}).get("iban")), spaced_iban(registered),
                     spaced_iban(validated) if validated and validated != registered else "",
                     corrected_by, vouched, bool(deciders), viewer in deciders)


def terms_rows(rec: Mapping) -> list[tuple[str, str]]:
    """The purchase order, building, cost centre, payment date and discount when the record has them."""
    out = []
    order = rec.get("purchase_order") or {}
    if order:
        ref = order.get("order_reference") or order.get("reference") or "—"
        check = {"matched": "rapproché"}.get(str(order.get("check")), alert_label(str(order.get("check") or "")))
        why = f" ({order['why']})" if order.get("why") else ""
        out.append(("Bon de commande", f"{ref} : {check}{why}"))
    if rec.get("building"):
        out.append(("Bâtiment", str(rec["building"])))
    if rec.get("cost_centre"):
        out.append(("Centre de coût", str(rec["cost_centre"])))
    pay = rec.get("payment_deadline") or {}
    if pay.get("pay_by"):
        out.append(("À payer avant le", shown(pay["pay_by"], "%d/%m/%Y") + (" (en retard)" if pay.get("late") else "")))
    discount = discount_text(rec.get("early_payment_discount"))
    if discount:
        out.append(("Escompte", discount))
    return out


def discount_text(d: Any) -> str:
    if not isinstance(d, Mapping) or not d.get("percent"):
        return ""
    text = f"{str(d['percent']).replace('.', ',')} %"
    if d.get("within_days"):
        text += f" pour paiement sous {d['within_days']} jours"
    if d.get("until"):
        text += f" si règlement avant le {shown(d['until'], '%d/%m/%Y')}"
    return text


# -- the export page ---------------------------------------------------------------------

@dataclass
class RunRow:
    run_id: str
    at: str
    actor: str
    count: int | None  # None: the run was interrupted (the next export finishes it)
    files: list[str]


@dataclass
class InvoiceRow:
    document_id: str
    supplier: str
    number: str
    date: str
    total: str
    why: str = ""


def export_runs(store) -> list[RunRow]:
    """The latest runs first: when, who, how many invoices, which files."""
    out = []
    every = exports.runs(store)
    for run_id in sorted(every, reverse=True)[:RUNS_SHOWN]:
        start = exports.started(store, run_id) or {}
        done = exports.finished(store, run_id) if exports.DONE in every[run_id] else None
        files = sorted(done.get("files") or [], key=lambda n: (not n.endswith(".csv"), n)) if done else []
        out.append(RunRow(run_id, shown(start.get("at") or (done or {}).get("at"), empty="—"),
                          str(start.get("actor") or "?"), len(done.get("documents") or []) if done else None, files))
    return out


def export_preview(rt) -> tuple[list[InvoiceRow], list[InvoiceRow]]:
    """(invoices the next export would take, invoices held back with the reason in French)."""
    from flows.export import preview  # Prefect comes with it: only for this page

    report = preview(rt)
    ready = [_invoice_row(rt, d) for d in report.exported]
    held = [_invoice_row(rt, d, french_reason(why)) for d, why in sorted(report.skipped.items())]
    return ready, held


def _invoice_row(rt, document_id: str, why: str = "") -> InvoiceRow:
    try:
        f = documents.read_json(rt.store, document_id, "record.json").get("fields") or {}
    except documents.UnreadableArtefact:
        f = {}
    return InvoiceRow(document_id, str(f.get("supplier_name") or "?"), str(f.get("invoice_number") or "?"),
                      shown(f.get("invoice_date"), "%d/%m/%Y", empty="—") if f.get("invoice_date") else "—",
                      str(f.get("total_incl_tax") or "?"), why)


def french_reason(why: str) -> str:
    """The export's reason with alert codes in words (« alerte à lever : doublon, … »)."""
    return re.sub(r"\b[a-z]+(?:_[a-z]+)+\b", lambda m: ALERT_LABELS.get(m.group(0), m.group(0)), why)


def export_documents(store, run_id: str, name: str) -> list[str] | None:
    """The invoices a finished run's file holds (the CSV: all; an XML: its own); None when the
    run or the file is not one of a finished export."""
    done = exports.finished(store, run_id)
    if not done or name not in (done.get("files") or []):
        return None
    docs = [str(d) for d in done.get("documents") or []]
    if name.endswith(".xml"):
        return [d for d in docs if name == f"{run_id}-{d}.xml"]
    return docs
