"""Retention and retraining flows, and `aiguillage serve` working alone."""

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.pages import letter_pdf

pytestmark = pytest.mark.slow
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_retention_purges_finished_documents_only(prefect_harness, monkeypatch, aiguillage_home):
    from config.taxonomy import load_taxonomy

    monkeypatch.setenv("AIGUILLAGE_RETENTION_PERIODS", ",".join(f"{t}=30" for t in load_taxonomy().types))
    from flows.batch import run_batch
    from flows.maintenance import retention_flow
    from storage import layout, workitems
    from storage.audit import events
    from wiring.runtime import runtime

    lines = run_batch([str(SAMPLES / "doc-0002.pdf"), str(SAMPLES / "doc-0003.pdf")])
    store = runtime().store
    done, still_open = lines[0], lines[1]
    member = workitems.Member(team=done["queue"], user="marie.martin")
    workitems.claim(store, member, done["document_id"])
    workitems.complete(store, member, done["document_id"])

    assert retention_flow()["purged"] == []  # nothing is old enough today
    later = datetime.now(timezone.utc) + timedelta(days=31)
    assert retention_flow(now=later)["purged"] == [done["document_id"]]
    assert not [k for k in store.list() if done["document_id"] in k]  # nothing left, record included
    assert store.exists(layout.document(still_open["document_id"], "text.json"))  # still in a queue
    assert any(e.kind == "purged" for e in events(store, done["document_id"]))


def test_retraining_flow_uses_corrections(prefect_harness, aiguillage_home, monkeypatch):
    """The scheduled flow: a candidate trained with the correction (not one of the held-back
    fifth) and stored with its scores; scheduled again with nothing new, it trains nothing."""
    import corpus.written
    from flows.maintenance import retrain_flow

    few = corpus.written.written_examples  # the written mail's first 80 documents: the whole trains in minutes
    monkeypatch.setattr(corpus.written, "written_examples", lambda *a, **k: few(*a, **k)[:80])
    from storage import models
    from storage.corrections import held_back, save_correction
    from wiring.runtime import runtime

    assert not held_back("a" * 24)
    save_correction(runtime().store, "a" * 24, "Objet : demande de place de parking pour ma voiture",
                    {"type": "other", "fields": {}}, {"type": "lease_termination", "fields": {}}, "marie.martin")
    outcome = retrain_flow(count=60, calibration_count=13, epochs=1, when_new_corrections=True)
    assert outcome["trained"]["corrections"] == 1
    stored = models.read_record(runtime().store, outcome["version"])
    assert stored["scores"] == outcome["scores"] and stored["decision"]["report"] == outcome["report"]
    assert "skipped" in retrain_flow(count=60, calibration_count=13, epochs=1, when_new_corrections=True)


def test_serve_alone_routes_the_hot_folder(tmp_path):
    hot = tmp_path / "depot"
    hot.mkdir()
    (hot / "lettre.pdf").write_bytes(letter_pdf())
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIGUILLAGE_") and k != "PREFECT_HOME"}
    env |= {"AIGUILLAGE_HOME": str(tmp_path / "home"), "AIGUILLAGE_INTAKE_HOT_FOLDER": str(hot),
            "AIGUILLAGE_INTAKE_SETTLE_SECONDS": "0"}
    r = subprocess.run([sys.executable, "-m", "cli.main", "serve", "--once"], env=env, capture_output=True,
                       text=True, timeout=240)
    assert r.returncode == 0, r.stderr
    assert "lettre.pdf" in r.stdout and "technique" in r.stdout
    assert "Traceback" not in r.stderr
    assert list((hot / "traites").rglob("lettre.pdf"))


def test_tenant_lessons_are_forgotten_after_their_keeping_time(prefect_harness, monkeypatch, aiguillage_home):
    """RGPD: a tenant reference learned from a correction is kept ``learning.tenant_days``; the
    retention flow erases older ones (audited by reference), newer ones stay."""
    monkeypatch.setenv("AIGUILLAGE_LEARNING_TENANT_DAYS", "30")
    from flows.maintenance import retention_flow
    from storage import learned
    from storage.audit import events
    from wiring.runtime import runtime

    store = runtime().store
    now = datetime(2026, 12, 4, 12, 0, tzinfo=timezone.utc)
    learned.learn_tenant(store, "2019008746", "Fatima Benali", "31100", "a" * 24, "vero", at="2026-10-01T09:00:00+00:00")
    learned.learn_tenant(store, "04-1187-C", "Jean-Pierre Castagne", "31400", "b" * 24, "vero",
                         at="2026-11-20T09:00:00+00:00")
    retention_flow(now=now)
    assert learned.get_tenant(store, "2019008746") is None
    assert learned.get_tenant(store, "04-1187-C")["tenant_name"] == "Jean-Pierre Castagne"
    gone = [e for e in events(store) if e.kind == "learned_expired"]
    assert [(e.document_id, e.details["tenant_reference"]) for e in gone] == [("a" * 24, "2019008746")]
    assert "Fatima" not in str(gone[0].details)
