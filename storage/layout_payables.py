"""Object keys of accounts payable: the duplicate index, the alert decisions, the export
journal and runs (part of ``storage.layout``, which re-exports them: import from there)."""

from __future__ import annotations

import re

from storage.layout import EXPORT_JOURNAL, EXPORT_RUNS, PAYABLES_DECISIONS, PAYABLES_INDEX, check_id, is_id


_HASH = re.compile(r"^[0-9a-f]{16,64}$")
_WORD = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
_RUN = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{6,16}$")
_EXPORT_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")


def _checked(pattern: re.Pattern, value: str, what: str) -> str:
    if not pattern.match(value or ""):
        raise ValueError(f"{what} invalide : {value!r}")
    return value


def invoice_index(supplier_hash: str, kind: str, value_hash: str) -> str:
    """The prefix under which every invoice sharing one identity key (kind, value) of one
    supplier leaves its entry; values arrive hashed: no invoice number or IBAN in a key."""
    return (f"{PAYABLES_INDEX}{_checked(_HASH, supplier_hash, 'empreinte fournisseur')}/"
            f"{_checked(_WORD, kind, 'clé de facture')}/{_checked(_HASH, value_hash, 'empreinte')}/")


def invoice_index_entry(supplier_hash: str, kind: str, value_hash: str, document_id: str) -> str:
    return invoice_index(supplier_hash, kind, value_hash) + f"{check_id(document_id)}.json"


def index_entry_document(prefix: str, key: str) -> str | None:
    """The document id an index entry's key names, right under ``prefix``; None otherwise."""
    rest = key[len(prefix):] if key.startswith(prefix) else ""
    doc_id = rest[:-5] if rest.endswith(".json") else ""
    return doc_id if is_id(doc_id) else None


def invoice_index_document(key: str) -> str | None:
    """The document id of any entry under ``payables/index/`` (supplier/kind/value/<id>.json)."""
    parts = key[len(PAYABLES_INDEX):].split("/") if key.startswith(PAYABLES_INDEX) else []
    if len(parts) != 4 or not parts[3].endswith(".json"):
        return None
    return parts[3][:-5] if is_id(parts[3][:-5]) else None


def alert_decisions(document_id: str) -> str:
    return f"{PAYABLES_DECISIONS}{check_id(document_id)}/"


def alert_decision(document_id: str, code: str, step: str) -> str:
    return alert_decisions(document_id) + f"{_checked(_WORD, code, 'alerte')}.{_checked(_WORD, step, 'étape')}.json"


def alert_decision_of(document_id: str, key: str) -> tuple[str, str] | None:
    """``(alert code, step)`` of a decision's key; None for anything else."""
    rest = key[len(alert_decisions(document_id)):] if key.startswith(alert_decisions(document_id)) else ""
    code, _, step = rest[:-5].partition(".") if rest.endswith(".json") else ("", "", "")
    return (code, step) if _WORD.match(code) and _WORD.match(step) else None


def export_claim(document_id: str) -> str:
    return f"{EXPORT_JOURNAL}{check_id(document_id)}.json"


def export_claimed_document(key: str) -> str | None:
    return index_entry_document(EXPORT_JOURNAL, key)


def export_run(run_id: str) -> str:
    return f"{EXPORT_RUNS}{_checked(_RUN, run_id, 'export')}/"


def export_file(run_id: str, name: str) -> str:
    return export_run(run_id) + _checked(_EXPORT_FILE, name, "fichier d'export")


def export_runs_of(key: str) -> tuple[str, str] | None:
    """``(run id, file name)`` of a key under ``exports/runs/``; None for anything else."""
    run, _, name = key[len(EXPORT_RUNS):].partition("/") if key.startswith(EXPORT_RUNS) else ("", "", "")
    return (run, name) if _RUN.match(run) and _EXPORT_FILE.match(name) else None
