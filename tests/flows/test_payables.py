"""Accounts payable on documents made the real way (born-digital PDFs through the whole
pipeline): the same invoice received again as another file is flagged with its first copy,
distinct invoices are not, an IBAN that is not the supplier's waits for two people, and the
export hands each cleared invoice to accounting once, a crash and a rerun notwithstanding."""

from __future__ import annotations

import csv
import json

import facturx
import pytest

from cli.main import main
from flows.payables import AlertRefused, clear_alert, open_alerts
from storage import documents, exports, queues
from storage.audit import events
from tests.pages import letter_pdf
from tests.homes import home_set

REGISTERED_IBAN = "FR76 2004 1790 2637 6238 9803 493"  # Plomberie Garonne's, in config/data/suppliers.csv
OTHER_IBAN = "FR76 3000 6000 0112 3456 7890 189"
THIRD_IBAN = "FR31 9458 0730 2157 3681 9303 642"


def invoice(number: str, date: str = "12/03/2024", ht: int = 1000, iban: str = REGISTERED_IBAN,
            reorder: bool = False) -> list[str]:
    head = ["Plomberie Garonne", "109 place de Négreneys 31300 Toulouse", "SIRET 968 886 648 00235",
            "TVA FR54968886648"]
    body = [f"FACTURE N° {number}", f"Date : {date}", "Échéance : 11/04/2024",
            "Remplacement chauffe-eau Résidence La Cépière", f"Total HT {ht},00 €",
            f"TVA 20 % {ht // 5},00 €", f"Total TTC {ht + ht // 5},00 €", f"IBAN {iban}"]
    return (body[:2] + head + body[2:]) if reorder else head + body


DOCS = {
    "first": invoice("F2024-0412"),
    "rescan": invoice("F2024/0412", reorder=True),       # the same invoice, laid out and read otherwise
    "no_prefix": invoice("2024-0412"),                  # its copy with the prefix lost
    "next": invoice("F2024-0413", ht=1300),             # the next invoice: distinct
    "same_day": invoice("F2024-0999"),                  # same day, same amount, another number: distinct
    "new_iban": invoice("F2024-0500", ht=700, iban=OTHER_IBAN),
}


@pytest.fixture(scope="module")
def module_home(tmp_path_factory):
    return tmp_path_factory.mktemp("home")


@pytest.fixture(autouse=True)
def aiguillage_home(module_home, monkeypatch):
    monkeypatch.setenv("AIGUILLAGE_HOME", str(module_home))
    return module_home


def run_files(tmp_path_factory, docs: dict) -> dict:
    from flows.batch import run_batch

    folder = tmp_path_factory.mktemp("scans")
    files = {}
    for name, lines in docs.items():
        files[name] = folder / f"{name}.pdf"
        files[name].write_bytes(letter_pdf(lines))
    out = {}
    for name in docs:  # one at a time: "first" is received first
        (line,) = run_batch([str(files[name])])
        out[name] = line
    return out


@pytest.fixture(scope="module")
def lines(prefect_harness, module_home, tmp_path_factory):
    with home_set(module_home):  # module fixtures run before monkeypatch
        yield run_files(tmp_path_factory, DOCS)


@pytest.fixture
def rt():
    from wiring.runtime import runtime

    return runtime()


def test_the_same_invoice_again_is_flagged_with_its_first_copy(lines, rt):
    first = lines["first"]
    assert first["status"] == "routed" and first["queue"] == "comptabilite-fournisseurs", first
    assert first["alerts"] == [] and "duplicate_of" not in first
    for name in ("rescan", "no_prefix"):
        line = lines[name]
        assert line["status"] == "routed" and line["queue"] == "comptabilite-fournisseurs", line
        assert line["alerts"] == ["duplicate_invoice"], line
        assert line["duplicate_of"] == first["document_id"]
        rec = documents.read_json(rt.store, line["document_id"], "record.json")
        assert rec["duplicate_of"] == first["document_id"] and rec["alerts"] == ["duplicate_invoice"]
        item = queues.get_item(rt.store, "comptabilite-fournisseurs", line["document_id"])
        assert item.alerts == ["duplicate_invoice"] and item.duplicate_of == first["document_id"]


def test_distinct_invoices_with_similar_numbers_or_amounts_are_not(lines):
    for name in ("next", "same_day"):
        assert lines[name]["alerts"] == [] and "duplicate_of" not in lines[name], lines[name]


def test_another_iban_needs_two_people(lines, rt):
    doc = lines["new_iban"]["document_id"]
    assert lines["new_iban"]["alerts"] == ["bank_details_changed"]
    assert clear_alert(rt, doc, "bank_details_changed", "paul") == "vouched"
    assert open_alerts(rt, doc) == ["bank_details_changed"]  # one person is not enough
    with pytest.raises(AlertRefused, match="autre personne"):
        clear_alert(rt, doc, "bank_details_changed", "paul")
    assert clear_alert(rt, doc, "bank_details_changed", "marie") == "confirmed"
    assert open_alerts(rt, doc) == []
    kinds = [(e.kind, e.actor) for e in events(rt.store) if e.document_id == doc]
    assert ("bank_details_vouched", "paul") in kinds and ("bank_details_confirmed", "marie") in kinds


def test_a_cleared_alert_stays_cleared_and_is_audited(lines, rt):
    doc = lines["no_prefix"]["document_id"]
    assert clear_alert(rt, doc, "duplicate_invoice", "paul", "copie papier d'une facture reçue par PDF") == "cleared"
    with pytest.raises(AlertRefused, match="déjà levée"):
        clear_alert(rt, doc, "duplicate_invoice", "marie")
    with pytest.raises(AlertRefused):
        clear_alert(rt, lines["first"]["document_id"], "duplicate_invoice", "paul")  # it has no such alert
    assert any(e.kind == "alert_cleared" and e.actor == "paul" for e in events(rt.store) if e.document_id == doc)


def test_export_hands_each_cleared_invoice_once(lines, rt, tmp_path, capsys, tmp_path_factory):
    # the IBAN change confirmed by two people, one duplicate cleared (tests above); rescan still open
    out_dir = tmp_path / "compta"
    assert main(["export", "--dossier", str(out_dir), "--json", "--user", "paul"]) == 0
    report = json.loads(capsys.readouterr().out)
    ids = {name: line["document_id"] for name, line in lines.items()}
    expected = {ids[n] for n in ("first", "next", "same_day", "new_iban", "no_prefix")}
    assert set(report["exported"]) == expected
    assert "alerte à lever : duplicate_invoice" in report["skipped"][ids["rescan"]]

    run_id = report["run_id"]
    with open(out_dir / f"{run_id}-factures.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert {r["document_id"] for r in rows} == expected
    first = next(r for r in rows if r["document_id"] == ids["first"])
    assert (first["invoice_number"], first["total_incl_tax"], first["supplier_siret"]) == (
        "F2024-0412", "1200.00", "96888664800235")
    xml = (out_dir / f"{run_id}-{ids['first']}.xml").read_bytes()
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    assert b"F2024-0412" in xml and b"1200.00" in xml
    assert sum(1 for e in events(rt.store) if e.kind == "exported") == len(expected)

    # nothing twice: a second export finds nothing new
    assert main(["export", "--dossier", str(out_dir), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["exported"] == [] and again["run_id"] is None

    # the rescan's alert cleared: it goes in the next export, alone
    clear_alert(rt, ids["rescan"], "duplicate_invoice", "marie", "déjà payée ? non : vérifié")
    assert main(["export", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["exported"] == [ids["rescan"]]


def test_an_export_that_died_is_finished_by_the_next_without_doubles(rt, tmp_path, capsys, tmp_path_factory):
    """A run claimed its invoices and died before writing anything: the next export writes
    that run's files under its name, then exports only what is new."""
    fresh = run_files(tmp_path_factory, {"later": invoice("F2024-0777", ht=450),
                                          "latest": invoice("F2024-0778", ht=460)})
    later, latest = fresh["later"]["document_id"], fresh["latest"]["document_id"]
    dead = exports.new_run_id()
    exports.start_run(rt.store, dead, [later], "paul", ["csv"])
    assert exports.claim(rt.store, later, dead)

    out_dir = tmp_path / "compta"
    assert main(["export", "--dossier", str(out_dir), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["recovered"] == [dead] and report["exported"] == [later, latest]
    assert (out_dir / f"{dead}-factures.csv").is_file()
    assert not (out_dir / f"{dead}-{later}.xml").exists()  # that run wanted CSV only
    with open(out_dir / f"{report['run_id']}-factures.csv", encoding="utf-8-sig") as fh:
        assert later not in fh.read()
    assert exports.unfinished(rt.store) == []


def test_a_bad_column_in_the_settings_names_the_key(rt, monkeypatch, capsys):
    monkeypatch.setenv("AIGUILLAGE_EXPORT_CSV_COLUMNS", "document_id,montant")
    assert main(["export"]) == 2
    err = capsys.readouterr().err
    assert "export.csv_columns" in err and "montant" in err and "Traceback" not in err


def test_a_correction_is_checked_again_and_its_operator_counts_as_the_first_person(rt, tmp_path_factory):
    """An invoice read without its number waits in vidéocodage; the operator types the number
    and the IBAN printed, which is not the supplier's: the alert comes then, and the operator
    who validated it is the first of the two people."""
    from flows.reprocess import reprocess

    lines = invoice("X", ht=990, iban=THIRD_IBAN)
    lines = [x for x in lines if not x.startswith("FACTURE")]
    (line,) = run_files(tmp_path_factory, {"unnumbered": lines}).values()
    assert line["queue"] == "videocodage" and line["alerts"] == ["bank_details_changed"], line
    doc = line["document_id"]
    fields = dict(line["fields"], invoice_number="F2024-0990")
    reprocess(rt, doc, "supplier_invoice", fields, "vero.martin")
    rec = documents.read_json(rt.store, doc, "record.json")
    assert rec["queue"] == "comptabilite-fournisseurs" and rec["alerts"] == ["bank_details_changed"]
    with pytest.raises(AlertRefused, match="vero.martin"):
        clear_alert(rt, doc, "bank_details_changed", "vero.martin")
    assert clear_alert(rt, doc, "bank_details_changed", "paul") == "confirmed"
