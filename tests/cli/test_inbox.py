"""`aiguillage inbox` and `aiguillage routes explain`, in process, on the local store and on S3."""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cli.main import main  # noqa: E402
from config import load_settings  # noqa: E402
from storage import layout, queues  # noqa: E402
from storage.audit import events  # noqa: E402
from storage.factory import open_store  # noqa: E402
from tests.s3server import s3_bucket, s3_server  # noqa: E402,F401
from tests.storage.test_queues import doc_id, item  # noqa: E402


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def store():
    st = open_store(load_settings())
    queues.enqueue(st, item(1, priority=3))
    queues.enqueue(st, item(2, priority=1))
    queues.enqueue(st, item(3, queue="accompagnement-social", restricted=True, doc_type="social_distress"))
    queues.enqueue(st, item(4, queue="videocodage", restricted=True, doc_type="social_distress"))
    return st


def test_list_table_and_json(store, capsys):
    code, out, err = run(capsys, "inbox", "list", "--team", "technique", "--user", "marie")
    assert code == 0, err
    assert out.index(doc_id(2)) < out.index(doc_id(1))  # priority 1 first
    assert "Priorité" in out and "libre" in out and "réclamation technique" in out
    assert "2 document(s)" in out
    code, out, _ = run(capsys, "inbox", "list", "--team", "technique", "--user", "marie", "--json")
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r["document_id"] for r in rows] == [doc_id(2), doc_id(1)]
    assert rows[0]["priority"] == 1 and rows[0]["holder"] is None


def test_the_person_defaults_to_the_login_and_times_are_paris_time(store, capsys, monkeypatch):
    monkeypatch.setenv("LOGNAME", "jeanne.martin")
    code, out, err = run(capsys, "inbox", "claim", "--team", "technique", "--json")
    assert code == 0, err
    claimed = json.loads(out)
    assert claimed["holder"] == "jeanne.martin"
    assert claimed["lease_expires"][-6:] in ("+01:00", "+02:00")  # ISO with the offset of Paris
    code, out, _ = run(capsys, "inbox", "list", "--team", "technique", "--json")
    rows = [json.loads(x) for x in out.splitlines()]
    assert all(r["received_at"][-6:] in ("+01:00", "+02:00") for r in rows)
    assert [r["holder"] for r in rows if r["holder"]] == ["jeanne.martin"]


def test_claim_next_show_complete(store, capsys):
    base = ["--team", "technique", "--user", "marie"]
    code, out, err = run(capsys, "inbox", "claim", *base, "--json")
    assert code == 0, err
    claimed = json.loads(out)
    assert claimed["document_id"] == doc_id(2) and claimed["holder"] == "marie"
    code, out, err = run(capsys, "inbox", "claim", doc_id(2), "--team", "technique", "--user", "paul")
    assert code == 1 and "déjà pris par marie" in err and "Traceback" not in err
    code, out, _ = run(capsys, "inbox", "show", doc_id(2), *base)
    assert code == 0 and "pris par marie" in out and "Historique" in out
    code, out, _ = run(capsys, "inbox", "complete", doc_id(2), *base, "--note", "fait")
    assert code == 0 and "traité par marie" in out
    code, out, _ = run(capsys, "inbox", "list", *base, "--json")
    assert [json.loads(x)["document_id"] for x in out.splitlines()] == [doc_id(1)]
    assert [e.kind for e in events(store, doc_id(2))] == ["claimed", "viewed", "completed"]


def test_reroute_release_and_return(store, capsys):
    base = ["--team", "technique", "--user", "marie"]
    assert run(capsys, "inbox", "claim", doc_id(1), *base)[0] == 0
    code, _, err = run(capsys, "inbox", "release", doc_id(1), *base)
    assert code == 0, err
    code, out, err = run(capsys, "inbox", "reroute", doc_id(1), *base, "--to", "contentieux",
                         "--reason", "lettre d'huissier jointe")
    assert code == 0 and "Contentieux" in out, err
    code, out, err = run(capsys, "inbox", "return", doc_id(1), "--team", "contentieux", "--user", "jo",
                         "--reason", "pas sûr", "--json")
    assert code == 0, err
    moved = json.loads(out)
    assert moved["queue"] == "videocodage" and [h["action"] for h in moved["history"]] == [
        "routed", "rerouted", "returned"]
    code, _, err = run(capsys, "inbox", "reroute", doc_id(1), *base, "--to", "nulle-part", "--reason", "x")
    assert code == 2 and "inconnue" in err


def test_restricted_documents_only_for_social_support(store, capsys):
    code, out, _ = run(capsys, "inbox", "list", "--team", "videocodage", "--user", "op", "--json")
    assert code == 0 and out == ""
    code, _, err = run(capsys, "inbox", "show", doc_id(4), "--team", "videocodage", "--user", "op")
    assert code == 1 and "introuvable" in err
    code, _, err = run(capsys, "inbox", "show", doc_id(3), "--team", "technique", "--user", "op")
    assert code == 1 and "introuvable" in err
    code, out, _ = run(capsys, "inbox", "list", "--team", "accompagnement-social", "--user", "as", "--json")
    assert [json.loads(x)["document_id"] for x in out.splitlines()] == [doc_id(3)]


def test_usage_errors(store, capsys):
    code, _, err = run(capsys, "inbox", "list", "--team", "marketing", "--user", "marie")
    assert code == 2 and "équipe « marketing » inconnue" in err
    code, _, err = run(capsys, "inbox", "list", "--team", "technique", "--user", "Marie Dupont")
    assert code == 2 and "invalide" in err
    with pytest.raises(SystemExit) as exc:
        main(["inbox", "list", "--user", "marie"])  # --team is required (--user defaults to the login)
    assert exc.value.code == 2


def test_routes_explain(store, capsys):
    record = {"document_id": doc_id(2), "queue": "technique", "type": "repair_request", "confidence": 0.91,
              "urgent": True, "fields": {}, "status": "routed", "rule": "reclamation-urgente",
              "why": "règle « reclamation-urgente » (type repair_request, urgent True)", "priority": 1,
              "deadline": "2030-01-02T00:00:00+00:00", "copies": [], "restricted": False, "reason": None}
    store.put(layout.document(doc_id(2), "record.json"), json.dumps(record).encode())
    code, out, err = run(capsys, "routes", "explain", doc_id(2))
    assert code == 0, err
    assert "reclamation-urgente" in out and "technique" in out and "même décision" in out
    run(capsys, "inbox", "reroute", doc_id(2), "--team", "technique", "--user", "m", "--to", "contentieux",
        "--reason", "huissier")
    code, out, _ = run(capsys, "routes", "explain", doc_id(2), "--json")
    got = json.loads(out)
    assert got["rule"] == "reclamation-urgente" and got["now"] == {"queue": "contentieux", "state": "open"}
    assert got["rules_today"]["same"] is True
    code, _, err = run(capsys, "routes", "explain", doc_id(7))
    assert code == 1 and "inconnu" in err
    code, _, err = run(capsys, "routes", "explain", "../etc")
    assert code == 2


def test_routes_explain_masks_a_restricted_type(store, capsys):
    record = {"document_id": doc_id(3), "queue": "accompagnement-social", "type": "social_distress",
              "confidence": 0.95, "urgent": True, "fields": {}, "status": "routed", "rule": "detresse-sociale",
              "why": "règle « detresse-sociale »", "priority": 1, "copies": [], "restricted": True}
    store.put(layout.document(doc_id(3), "record.json"), json.dumps(record).encode())
    code, out, _ = run(capsys, "routes", "explain", doc_id(3))
    assert code == 0 and "type restreint" in out and "détresse" not in out.lower()
    code, out, _ = run(capsys, "routes", "explain", doc_id(3), "--team", "accompagnement-social", "--json")
    assert json.loads(out)["type"] == "social_distress"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_storage_is_one_french_line(capsys, monkeypatch):
    monkeypatch.setenv("AIGUILLAGE_STORAGE_BACKEND", "s3")
    monkeypatch.setenv("AIGUILLAGE_STORAGE_S3_ENDPOINT", f"127.0.0.1:{_closed_port()}")
    monkeypatch.setenv("AIGUILLAGE_STORAGE_S3_SECURE", "false")
    monkeypatch.setenv("AIGUILLAGE_STORAGE_S3_ACCESS_KEY", "ak")
    monkeypatch.setenv("AIGUILLAGE_STORAGE_S3_SECRET_KEY", "sk-not-shown-123")
    code, out, err = run(capsys, "inbox", "list", "--team", "technique", "--user", "marie")
    assert code == 4 and out == ""
    assert "injoignable" in err and "Traceback" not in err and "sk-not-shown-123" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.s3
def test_wrong_secret_key_is_a_clear_error(capsys, monkeypatch, s3_server, s3_bucket):
    for k, v in s3_server.env().items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("AIGUILLAGE_STORAGE_S3_BUCKET", s3_bucket)
    assert run(capsys, "inbox", "list", "--team", "technique", "--user", "marie")[0] == 0  # right key works
    monkeypatch.setenv("AIGUILLAGE_STORAGE_S3_SECRET_KEY", "mauvais-secret-Zq9")
    for argv in (["inbox", "list"], ["inbox", "claim"], ["inbox", "show", doc_id(1)]):
        code, out, err = run(capsys, *argv, "--team", "technique", "--user", "marie")
        assert code == 5, err
        assert "identifiants refusés" in err and "storage.s3.secret_key" in err
        assert "Traceback" not in err and "mauvais-secret-Zq9" not in err
    code, _, err = run(capsys, "routes", "explain", doc_id(1))
    assert code == 5 and "identifiants refusés" in err
