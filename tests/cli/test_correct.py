"""`aiguillage correct FILE --user LOGIN` (SPEC.md, "Corrections: what the vidéocodage station
records"), on documents made the real way: the pipeline runs once on generated pages (invoices
without a number wait in vidéocodage, tenants' letters go to a team), then each test corrects
its own documents through the station's Prefect flow."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import main
from storage import claims, documents, queues, workitems
from storage.audit import events
from storage.corrections import get_correction
from storage.errors import ObjectNotFound
from tests.pages import LETTER, letter_pdf
from tests.homes import home_set

USER = "vero.martin"
KEYS = ["document_id", "status", "queue", "reason"]


def invoice(n: int) -> list[str]:
    """A supplier invoice whose number is not printed: the pipeline sends it to vidéocodage.
    Totals differ per ``n`` so that no two are the same invoice."""
    ht = 1000 + 10 * n
    return ["Plomberie Garonne", "109 place de Négreneys 31300 Toulouse", "SIRET 968 886 648 00235",
            "TVA FR54968886648", "FACTURE du 12/03/2024", "Échéance : 11/04/2024",
            "Remplacement chauffe-eau Résidence La Cépière", f"Total HT {ht},00 €",
            f"TVA 20 % {ht // 5},00 €", f"Total TTC {ht + ht // 5},00 €",
            "IBAN FR76 2004 1790 2637 6238 9803 493"]


def letter(n: int) -> list[str]:
    return [line.replace("20451237", f"2045{1237 + n}") for line in LETTER]


INVOICES = ["a", "b", "c", "d", "e", "f", "g", "h"]
LETTERS = ["team", "held"]


@pytest.fixture(scope="module")
def module_home(tmp_path_factory):
    return tmp_path_factory.mktemp("home")


@pytest.fixture(autouse=True)
def aiguillage_home(module_home, monkeypatch):
    monkeypatch.setenv("AIGUILLAGE_HOME", str(module_home))  # every test on the pipeline's data folder
    return module_home


@pytest.fixture(scope="module")
def docs(prefect_harness, module_home, tmp_path_factory):
    """name -> document_id, after one pipeline run."""
    with home_set(module_home):  # module fixtures run before monkeypatch
        from flows.batch import run_batch

        scans = tmp_path_factory.mktemp("scans")
        files = {}
        for n, name in enumerate(INVOICES):
            files[name] = scans / f"facture-{name}.pdf"
            files[name].write_bytes(letter_pdf(invoice(n)))
        for n, name in enumerate(LETTERS):
            files[name] = scans / f"lettre-{name}.pdf"
            files[name].write_bytes(letter_pdf(letter(n)))
        lines = run_batch([str(f) for f in files.values()])
        by_source = {Path(x["source"]).name: x for x in lines}
        out = {}
        for name, f in files.items():
            line = by_source[f.name]
            expected = "videocodage" if name in INVOICES else "technique"
            assert line["queue"] == expected, line  # the fixture is what the tests need
            out[name] = line["document_id"]
        yield out


@pytest.fixture
def rt():
    from wiring.runtime import runtime

    return runtime()


def run(capsys, *argv):
    code = main(["correct", *argv])
    out, err = capsys.readouterr()
    return code, [json.loads(x) for x in out.splitlines()], err


def write(tmp_path, *lines) -> str:
    path = tmp_path / "corrections.jsonl"
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)) + "\n" for x in lines),
                    encoding="utf-8")
    return str(path)


def record(rt, doc) -> dict:
    return documents.read_json(rt.store, doc, "record.json")


def test_good_line_applies_and_refused_ones_say_why(docs, rt, tmp_path, capsys):
    a, b = docs["a"], docs["b"]
    machine = dict(record(rt, a)["fields"])
    assert machine["supplier_name"] == "Plomberie Garonne" and "iban" in machine and "invoice_number" not in machine
    path = write(tmp_path,
                 {"document_id": a, "type": "supplier_invoice",
                  "fields": {"invoice_number": "F2024-0117", "due_date": "15/04/2024", "iban": None}},
                 {"document_id": b, "type": "facture_inconnue", "fields": {}},
                 {"document_id": "0123456789abcdef01234567", "type": "supplier_invoice", "fields": {}})
    code, out, err = run(capsys, path, "--user", USER)

    assert code == 1, err
    assert len(out) == 3 and all(list(line) == KEYS for line in out)
    assert out[0] == {"document_id": a, "status": "corrected", "queue": "comptabilite-fournisseurs", "reason": None}
    assert out[1]["document_id"] == b and out[1]["status"] == "error" and out[1]["queue"] is None
    assert "facture_inconnue" in out[1]["reason"] and "inconnu" in out[1]["reason"]
    assert out[2]["status"] == "error" and out[2]["queue"] is None
    assert "0123456789abcdef01234567 inconnu" in out[2]["reason"]

    # The document took that type and those fields: one left out kept, one set to null cleared.
    rec = record(rt, a)
    expected = dict(machine, invoice_number="F2024-0117", due_date="2024-04-15")  # the station's checks
    del expected["iban"]
    assert rec["type"] == "supplier_invoice" and rec["fields"] == expected
    assert rec["corrected_by"] == USER and rec["queue"] == "comptabilite-fournisseurs"
    # It went on to its queue.
    assert queues.get_item(rt.store, "videocodage", a).state == "rerouted"
    moved = queues.get_item(rt.store, "comptabilite-fournisseurs", a)
    assert moved.is_open and moved.type == "supplier_invoice" and moved.fields == expected
    assert a in [e.document_id for e in queues.entries(rt.store, "comptabilite-fournisseurs")]
    # The correction is kept for learning; the audit trail names the person.
    c = get_correction(rt.store, a)
    assert c.actor == USER and c.human == {"type": "supplier_invoice", "fields": expected}
    assert "invoice_number" in c.changed_fields and "iban" in c.changed_fields
    assert ("corrected", USER, "videocodage") in [(e.kind, e.actor, e.queue) for e in events(rt.store, a)]
    # The refused line changed nothing.
    still = queues.get_item(rt.store, "videocodage", b)
    assert still.is_open and claims.head(rt.store, "videocodage", b) is None
    with pytest.raises(ObjectNotFound):
        get_correction(rt.store, b)


def test_standard_input_and_exit_0_when_every_line_applies(docs, rt, monkeypatch, capsys):
    c, d = docs["c"], docs["d"]
    text = "".join(json.dumps(x) + "\n" for x in [
        {"document_id": c, "type": "supplier_invoice", "fields": {"invoice_number": "F-3"}},
        {"document_id": d, "type": "supplier_quote", "fields": {"iban": None}},
    ])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code, out, err = run(capsys, "-", "--user", USER)

    assert code == 0, err
    assert out == [{"document_id": c, "status": "corrected", "queue": "comptabilite-fournisseurs", "reason": None},
                   {"document_id": d, "status": "corrected", "queue": "technique", "reason": None}]
    assert record(rt, c)["fields"]["invoice_number"] == "F-3"
    assert queues.get_item(rt.store, "technique", d).type == "supplier_quote"
    assert "iban" not in record(rt, d)["fields"]


def test_malformed_lines_are_refused_with_their_number(docs, rt, tmp_path, capsys):
    e = docs["e"]
    path = write(tmp_path,
                 "{pas du json",
                 "",
                 "[1, 2]",
                 {"type": "supplier_invoice"},
                 {"document_id": e, "type": "supplier_invoice", "fields": {"numero": "12"}},
                 {"document_id": e, "type": "supplier_invoice", "fields": {"invoice_date": "31/02/2024"}},
                 {"document_id": e, "type": "supplier_invoice", "fields": {"invoice_number": "F-5"}})
    code, out, err = run(capsys, path, "--user", USER)

    assert code == 1, err
    assert [x["status"] for x in out] == ["error"] * 5 + ["corrected"]  # the blank line is skipped
    assert all(list(x) == KEYS for x in out)
    assert out[0]["document_id"] is None and out[0]["reason"].startswith("ligne 1 : JSON illisible")
    assert out[1]["reason"].startswith("ligne 3 : un objet JSON est attendu")
    assert out[2]["reason"] == "ligne 4 : document_id manquant"
    assert out[3]["document_id"] == e and "ligne 5" in out[3]["reason"] and "« numero » inconnu" in out[3]["reason"]
    assert "ligne 6" in out[4]["reason"] and "invoice_date" in out[4]["reason"] and "date invalide" in out[4]["reason"]
    assert out[5]["queue"] == "comptabilite-fournisseurs"
    assert record(rt, e)["fields"]["invoice_number"] == "F-5"


def test_missing_file_is_a_usage_error(docs, tmp_path, capsys):
    code, out, err = run(capsys, str(tmp_path / "absent.jsonl"), "--user", USER)
    assert code == 2 and out == []
    assert "fichier introuvable" in err
    code, out, err = run(capsys, str(tmp_path), "--user", USER)
    assert code == 2 and "dossier" in err
    code, out, err = run(capsys, write(tmp_path, "{}"), "--user", "Pas Valide")
    assert code == 2 and "identifiant de personne invalide" in err


def test_a_document_already_routed_to_a_team_is_sent_back_then_corrected(docs, rt, tmp_path, capsys):
    doc = docs["team"]
    assert queues.get_item(rt.store, "technique", doc).is_open
    path = write(tmp_path, {"document_id": doc, "type": "neighbour_dispute", "fields": {"phone": "06 12 34 56 78"}})
    code, out, err = run(capsys, path, "--user", USER)

    assert code == 0, err
    assert out == [{"document_id": doc, "status": "corrected", "queue": "gestion-locative", "reason": None}]
    assert queues.get_item(rt.store, "technique", doc).state == "returned"
    assert queues.get_item(rt.store, "videocodage", doc).state == "rerouted"
    moved = queues.get_item(rt.store, "gestion-locative", doc)
    assert moved.is_open and moved.type == "neighbour_dispute"
    rec = record(rt, doc)
    assert rec["fields"]["phone"] == "0612345678" and rec["fields"]["tenant_reference"] == "20451237"
    kinds = [(e.kind, e.actor) for e in events(rt.store, doc)]
    assert ("returned_to_review", USER) in kinds and ("corrected", USER) in kinds


def test_held_by_someone_else_is_refused_with_their_name(docs, rt, tmp_path, capsys):
    f, letter_doc = docs["f"], docs["held"]
    workitems.claim(rt.store, workitems.Member("videocodage", "autre.operateur"), f)
    workitems.claim(rt.store, workitems.Member("technique", "paul.roux"), letter_doc)
    path = write(tmp_path, {"document_id": f, "type": "supplier_invoice", "fields": {"invoice_number": "F-6"}},
                 {"document_id": letter_doc, "type": "neighbour_dispute", "fields": {}})
    code, out, err = run(capsys, path, "--user", USER)

    assert code == 1, err
    assert [x["status"] for x in out] == ["error", "error"]
    assert "autre.operateur" in out[0]["reason"] and "paul.roux" in out[1]["reason"]
    assert claims.head(rt.store, "videocodage", f).actor == "autre.operateur"
    assert queues.get_item(rt.store, "videocodage", f).is_open and record(rt, f)["type"] == "supplier_invoice"
    assert "invoice_number" not in record(rt, f)["fields"]
    assert queues.get_item(rt.store, "technique", letter_doc).is_open
    assert claims.head(rt.store, "technique", letter_doc).actor == "paul.roux"


def test_a_document_already_handled_and_closed_is_refused(docs, rt, tmp_path, capsys):
    g = docs["g"]
    code, out, _ = run(capsys, write(tmp_path, {"document_id": g, "type": "other", "fields": {}}), "--user", USER)
    assert code == 0 and out[0]["status"] == "corrected" and out[0]["queue"] == "videocodage"
    assert queues.get_item(rt.store, "videocodage", g).state == "completed"

    code, out, _ = run(capsys, write(tmp_path, {"document_id": g, "type": "supplier_invoice", "fields": {}}),
                       "--user", "autre.operateur")
    assert code == 1 and out[0]["status"] == "error" and "déjà traité" in out[0]["reason"]
    assert record(rt, g)["type"] == "other" and record(rt, g)["corrected_by"] == USER


@pytest.mark.slow
def test_real_process_reads_standard_input(docs, rt, module_home):
    h = docs["h"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIGUILLAGE_", "PREFECT_"))}
    env["AIGUILLAGE_HOME"] = str(module_home)
    line = json.dumps({"document_id": h, "type": "supplier_invoice", "fields": {"invoice_number": "F-8"}})
    r = subprocess.run([sys.executable, "-m", "cli.main", "correct", "-", "--user", USER], input=line + "\n",
                       capture_output=True, text=True, env=env, timeout=300,
                       cwd=Path(__file__).resolve().parents[2])
    assert r.returncode == 0, r.stderr
    assert [json.loads(x) for x in r.stdout.splitlines()] == [
        {"document_id": h, "status": "corrected", "queue": "comptabilite-fournisseurs", "reason": None}]
    assert r.stderr == ""
    assert record(rt, h)["fields"]["invoice_number"] == "F-8" and get_correction(rt.store, h).actor == USER
