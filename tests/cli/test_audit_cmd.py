"""`aiguillage audit`: a document's full story after the batch flow, with a correction and a
reroute made by people; tenant, supplier and team queries; exports; verify."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from tests.homes import home_set

from cli.main import main
from storage.audit import AuditEvent, corrected, record, rerouted
from storage.audit.chain import chain_key

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FILES = ["doc-0002.pdf", "doc-0012.pdf", "doc-0010.pdf"]  # tenant letter, supplier invoice, corrupt PDF
TENANT = "42491431"
SIRET = "61251881100213"


def store():
    from config import load_settings
    from storage.factory import open_store

    return open_store(load_settings())


def cli(capsys, *args) -> tuple[int, str, str]:
    code = main(["audit", *args])
    out, err = capsys.readouterr()
    return code, out, err


def jsonl(text: str) -> list[dict]:
    return [json.loads(x) for x in text.splitlines()]


@pytest.fixture(scope="module")
def module_home(tmp_path_factory):
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def batch(prefect_harness, module_home):
    with home_set(module_home):  # module fixtures run before monkeypatch
        from flows.batch import run_batch

        lines = run_batch([str(SAMPLES / f) for f in FILES])
        letter = next(x for x in lines if x["fields"].get("tenant_reference") == TENANT)
        s = store()
        record(s, AuditEvent("viewed", letter["document_id"], actor="marie.dupont", queue=letter["queue"]))
        record(s, corrected(letter["document_id"], "marie.dupont", {"postal_code": ("31650", "31600")},
                            queue=letter["queue"]))
        record(s, rerouted(letter["document_id"], "marie.dupont", letter["queue"], "contentieux",
                           "assignation jointe au congé"))
        yield lines, letter


@pytest.fixture
def home(batch, module_home, monkeypatch):
    monkeypatch.setenv("AIGUILLAGE_HOME", str(module_home))
    return module_home


def test_a_documents_full_story(batch, home, capsys):
    _, letter = batch
    code, out, _ = cli(capsys, "--document", letter["document_id"], "--json")
    assert code == 0
    rows = jsonl(out)
    kinds = [r["kind"] for r in rows]
    assert kinds[:6] == ["received", "split", "ocr", "classified", "extracted", "routed"]
    assert kinds[-3:] == ["viewed", "corrected", "rerouted"]
    assert [r["seq"] for r in rows] == sorted(r["seq"] for r in rows)
    assert rows[0]["details"]["filename"] == "doc-0002.pdf"
    assert rows[3]["details"]["type"] == letter["type"]
    assert rows[5]["queue"] == letter["queue"]
    assert rows[-1]["queue"] == "contentieux" and rows[-1]["actor"] == "marie.dupont"
    assert rows[-2]["details"]["changes"] == {"postal_code": {"old": "31650", "new": "31600"}}
    # no personal data in the story: the tenant's name and e-mail stay in the document record
    assert "GIMENEZ" not in out and "@" not in out

    code, text, _ = cli(capsys, "--document", letter["document_id"])
    assert code == 0
    assert f"document {letter['document_id']} : {len(rows)} événement(s)" in text
    for label in ("reçu", "classé", "aiguillé", "corrigé — postal_code : 31650 → 31600",
                  f"réaiguillé — {letter['queue']} → contentieux"):
        assert label in text


def test_tenant_supplier_and_team_queries(batch, home, capsys):
    lines, letter = batch
    _, out, _ = cli(capsys, "--tenant", TENANT, "--json")
    tenant_rows = jsonl(out)
    assert {r["document_id"] for r in tenant_rows} == {letter["document_id"]}
    assert {"extracted", "routed", "corrected", "rerouted"} <= {r["kind"] for r in tenant_rows}

    invoices = {x["document_id"] for x in lines if x["fields"].get("supplier_siret") == SIRET}
    assert invoices
    _, out, _ = cli(capsys, "--supplier", SIRET, "--json")
    assert {r["document_id"] for r in jsonl(out)} == invoices
    _, out, _ = cli(capsys, "--supplier", SIRET[:9], "--kind", "routed", "--json")
    assert [r["kind"] for r in jsonl(out)] == ["routed"] * len(invoices)

    quarantined = [x for x in lines if x["status"] == "quarantined"]
    _, out, _ = cli(capsys, "--team", "quarantaine", "--json")
    assert [r["document_id"] for r in jsonl(out)] == [q["document_id"] for q in quarantined]
    _, out, _ = cli(capsys, "--team", "contentieux", "--actor", "marie.dupont", "--json")
    assert [r["kind"] for r in jsonl(out)] == ["rerouted"]


def test_csv_export_matches_json(batch, home, capsys):
    _, out_json, _ = cli(capsys, "--kind", "classified", "--kind", "routed", "--json")
    _, out_csv, _ = cli(capsys, "--kind", "classified", "--kind", "routed", "--csv")
    rows = list(csv.DictReader(io.StringIO(out_csv)))
    expected = jsonl(out_json)
    assert len(rows) == len(expected) >= 4
    assert [int(r["seq"]) for r in rows] == [r["seq"] for r in expected]
    assert json.loads(rows[0]["details"]) == expected[0]["details"]


def test_verify_an_untouched_log_after_the_batch(batch, home, capsys):
    code, out, _ = cli(capsys, "verify")
    assert code == 0 and "Journal d'audit intact" in out
    code, out, _ = cli(capsys, "verify", "--json")
    result = json.loads(out)
    assert result["ok"] and result["events_checked"] == result["index_checked"] >= 15


def test_verify_names_the_altered_event(capsys):
    s = store()
    for i in range(6):
        record(s, AuditEvent("viewed", f"{i:024x}", actor="paul", queue="technique"))
    assert cli(capsys, "verify")[0] == 0
    s.put(chain_key(3), s.get(chain_key(3)).replace(b"paul", b"pierre"))
    code, out, _ = cli(capsys, "verify")
    assert code == 1
    assert "ALTÉRÉ" in out and "n°3 a été modifié" in out and "par paul" in out
    code, out, _ = cli(capsys, "verify", "--json")
    result = json.loads(out)
    assert code == 1 and result["problem"]["seq"] == 3 and result["problem"]["what"] == "changed"


def test_bad_filters_are_usage_errors(capsys):
    code, _, err = cli(capsys, "--since", "2024-02-31")
    assert code == 2 and "date invalide" in err
    code, _, err = cli(capsys, "--limit", "0")
    assert code == 2


def test_no_filter_shows_the_latest_events(capsys):
    s = store()
    for i in range(60):
        record(s, AuditEvent("viewed", f"{i:024x}", actor="paul"))
    code, out, _ = cli(capsys)
    assert code == 0
    assert ": 50 événement(s)" in out and "n°60" in out and "n°10 " not in out
