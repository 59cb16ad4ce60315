"""Scheduled flows: retraining the classifier on operators' corrections (a candidate, promoted
only if not worse: flows/retrain.py), and retention (documents whose matter closed longer ago
than their type's period are purged, leaving nothing behind but audit events: flows/retention.py;
the local spool loses what killed runs left behind)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from prefect import flow

from storage import daybook, spool
from storage.audit import AuditEvent, record
from wiring.runtime import runtime

CALIBRATION_SEED_OFFSET = 500_000
PURGED_ARTEFACTS = ("text.json", "searchable.pdf", "facturx.xml", "einvoice.xml")


def build_model(store, out: Path, count: int = 6000, seed: int = 2020, epochs: int = 6,
                calibration_count: int = 1300, use_corrections: bool = True, varied_count: int | None = None,
                use_vectors: bool = True, corrections: list[tuple[str, str]] | None = None,
                use_written: bool = True) -> dict:
    """Train on ``count`` generated documents, ``varied_count`` letters composed from the
    hand-written bank (``corpus/varied.py``, four passages in five; default: as many as
    generated documents, and more) and the operators' corrections (``corrections``, else all
    those in ``store``; each weighs several generated documents) and, with ``use_written``, the
    mail written by other hands (``corpus/written.py``, weighed like corrections); calibrate on generated
    documents of another seed and on letters made of the fifth passages, never trained on;
    save to ``out``. Returns the model's meta."""
    from classifiers.train import train
    from config import load_taxonomy
    from corpus.texts import generate_texts
    from corpus.varied import varied_examples
    from corpus.written import written_examples
    from storage.corrections import training_examples

    varied = varied_count if varied_count is not None else max(count * 4 // 3, 100)
    examples = [(d["text"], d["type"]) for d in generate_texts(count, seed)]
    examples += varied_examples(varied, seed, "train")
    calibration = [(d["text"], d["type"])
                   for d in generate_texts(calibration_count, seed + CALIBRATION_SEED_OFFSET)]
    calibration += varied_examples(max(13, calibration_count * 8 // 13), seed + CALIBRATION_SEED_OFFSET, "held")
    if not use_corrections:
        corrections = []
    elif corrections is None:
        corrections = training_examples(store, set(load_taxonomy().types))
    written = written_examples(types=set(load_taxonomy().types)) if use_written else []
    return train(examples, out, seed=seed, epochs=epochs, corrections=corrections, calibration=calibration,
                 use_vectors=use_vectors, written=written)


@flow(name="reentrainement", log_prints=False)
def retrain_flow(count: int = 6000, seed: int = 2020, epochs: int = 6, calibration_count: int = 1300,
                 when_new_corrections: bool = False, actor: str = "pipeline") -> dict:
    """Train a candidate model, store it with its scores, and promote it if it is not worse than
    the model in service (flows/retrain.py): every process sharing the store then uses it within
    ``model.refresh_seconds``. Scheduled with ``when_new_corrections``: nothing is trained when
    no correction came since the last candidate."""
    from flows.retrain import train_candidate

    return train_candidate(runtime(), actor, count=count, seed=seed, epochs=epochs, calibration_count=calibration_count,
                           when_new_corrections=when_new_corrections)


@flow(name="retention", log_prints=False)
def retention_flow(now: datetime | None = None, dry_run: bool = False) -> dict:
    """Purge every document whose type's retention period has run since its matter closed (and
    is under no legal hold: flows/retention.py), leaving nothing behind (storage/erasure.py);
    sweep the spool; forget old tenant lessons. Returns what was purged, per type:
    ``{"purged": [ids], "by_type": {type: {purged, held, open, kept}}, "totals": …}``."""
    from flows.retention import apply_retention

    rt = runtime()
    now = now or datetime.now(timezone.utc)
    if not dry_run:
        spool.sweep(rt.settings.home, rt.store)  # what killed runs left on local disk
        expire_learned_tenants(rt, now)
        daybook.prune(rt.store, rt.settings["status.daybook_days"], now.timestamp())
    return apply_retention(rt, now, dry_run)


def expire_learned_tenants(rt, now: datetime) -> int:
    """Forget tenant lessons older than ``learning.tenant_days`` (each erasure audited, by its
    reference: never the name)."""
    days = rt.settings["learning.tenant_days"]
    if not days:
        return 0
    from storage.learned import expire_tenants

    limit = (now - timedelta(days=days)).isoformat(timespec="seconds")
    gone = expire_tenants(rt.store, limit)
    for entry in gone:
        record(rt.store, AuditEvent("learned_expired", entry.get("learned_from"), actor="retention",
                                    details={"tenant_reference": entry["tenant_reference"], "days": days}))
    if gone:
        rt.refresh_learned()
    return len(gone)
