"""Export to accounting: the validated invoices without open alerts, each once.

Which invoices: supplier invoices and credit notes in accounts payable's queue, routed (by
the machine with confidence, or after an operator's correction), not sent back or elsewhere,
and whose alerts a person has all cleared (flows/payables.py). Each goes into one run's files
(CSV, and a CII XML per invoice); storage/exports.py's journal makes that once and only once,
across crashes, reruns and machines. Every exported invoice gets an audit event.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow

from flows import export_formats as formats
from flows.payables import open_alerts
from storage import documents, exports, queues
from storage.audit import AuditEvent, record, step_event_id
from wiring.runtime import Runtime, runtime

log = logging.getLogger("aiguillage.export")

AP_TYPES = ("supplier_invoice", "supplier_credit_note")
EXPORTABLE_STATES = ("open", "completed")
CSV_NAME = "factures.csv"
SEPARATORS = {";": ";", ",": ",", "tab": "\t"}


@dataclass
class ExportReport:
    run_id: str | None = None
    exported: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    recovered: list[str] = field(default_factory=list)  # runs a crash had left unfinished, completed now
    skipped: dict[str, str] = field(default_factory=dict)  # document -> why not (open alerts, missing field)
    out_dir: str | None = None


@flow(name="export-comptable", log_prints=False)
def export_invoices_flow(out_dir: str | None, formats_wanted: list[str], actor: str) -> dict:
    report = export_invoices(runtime(), Path(out_dir) if out_dir else None, formats_wanted, actor)
    return report.__dict__


def export_invoices(rt: Runtime, out_dir: Path | None, formats_wanted: list[str], actor: str) -> ExportReport:
    """Finish any run a crash left behind, then export what is ready in a new run."""
    store = rt.store
    columns = formats.csv_columns(rt.settings["export.csv_columns"], rt.settings.source)
    lock = exports.acquire(store, actor, rt.settings["export.lock_minutes"])
    report = ExportReport(out_dir=str(out_dir) if out_dir else None)
    try:
        for run_id in exports.unfinished(store):
            _complete(rt, run_id, columns, out_dir, report)
            report.recovered.append(run_id)
        ready = _ready(rt, report)
        if ready:
            run_id = exports.new_run_id()
            exports.start_run(store, run_id, ready, actor, list(formats_wanted))
            mine = [d for d in ready if exports.claim(store, d, run_id)]
            if mine:
                report.run_id = run_id
                _complete(rt, run_id, columns, out_dir, report)
            else:
                exports.finish_run(store, run_id, [], [])
    finally:
        exports.release(store, lock)
    return report


def preview(rt: Runtime) -> ExportReport:
    """What an export would take now (``exported``) and hold back (``skipped``, with why),
    exporting nothing: the web app's « Export comptable » page."""
    report = ExportReport()
    report.exported = _ready(rt, report)
    return report


def _ready(rt: Runtime, report: ExportReport) -> list[str]:
    store = rt.store
    out = []
    for item in queues.list_items(store, _ap_queue(rt)):
        if (item.type not in AP_TYPES or item.status != "routed" or item.copy_of
                or item.state not in EXPORTABLE_STATES or exports.claimed_by(store, item.document_id)):
            continue
        rec = documents.read_json(store, item.document_id, "record.json")
        still = open_alerts(rt, item.document_id, rec)
        if still:
            report.skipped[item.document_id] = "alerte à lever : " + ", ".join(still)
            continue
        try:
            formats.check_exportable(rec)
        except formats.NotExportable as exc:
            report.skipped[item.document_id] = str(exc)
            continue
        out.append(item.document_id)
    return sorted(out)


def _complete(rt: Runtime, run_id: str, columns: list[str], out_dir: Path | None, report: ExportReport) -> None:
    """Write the run's files (again, identically, after a crash), then mark it done."""
    store = rt.store
    start = exports.started(store, run_id) or {}
    wanted = start.get("formats") or ["csv", "cii"]
    docs = [d for d in start.get("candidates") or [] if exports.claimed_by(store, d) == run_id]
    records = [documents.read_json(store, d, "record.json") for d in docs]
    files: dict[str, bytes] = {}
    if "csv" in wanted:
        files[f"{run_id}-{CSV_NAME}"] = formats.to_csv(records, columns, SEPARATORS[rt.settings["export.csv_separator"]])
    if "cii" in wanted:
        for doc_id, rec in zip(docs, records):
            try:
                files[f"{run_id}-{doc_id}.xml"] = formats.to_cii(rec, rt.settings["export.buyer_name"])
            except formats.NotExportable as exc:  # claimed: it stays in the CSV; the XML is reported
                report.skipped[doc_id] = f"XML non produit : {exc}"
    for name, data in files.items():
        exports.put_file(store, run_id, name, data, "text/csv" if name.endswith(".csv") else "application/xml")
        if out_dir is not None:
            _write_out(out_dir / name, data)
    for doc_id in docs:
        record(store, AuditEvent("exported", doc_id, actor=str(start.get("actor") or "export"),
                                 details={"run": run_id, "formats": wanted},
                                 event_id=step_event_id(doc_id, "exported", None)))
    exports.finish_run(store, run_id, docs, sorted(files))
    report.exported.extend(docs)
    report.files.extend(sorted(files))


def _write_out(path: Path, data: bytes) -> None:
    """The file appears whole or not at all: accounting may be watching the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _ap_queue(rt: Runtime) -> str:
    return rt.taxonomy.type("supplier_invoice").queue
