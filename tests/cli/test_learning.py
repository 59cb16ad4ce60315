"""What corrections teach the next run (SPEC.md, "Corrections"; issue 16): the real pipeline
reads an invoice from a supplier absent from the registry and a letter from a tenant it does
not know; `aiguillage correct` validates them; the next run in the same AIGUILLAGE_HOME knows
the supplier (its id and corrected name, no ``unknown_supplier``), flags another IBAN
(``bank_details_changed``, the known one kept, the new one pending), and gives a letter from
the same writer their reference. The lessons live in the object store; a tenant is erasable."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cli.main import main
from extractors.validators import iban_from_bban, vat_from_siren
from storage import documents, layouts, learned
from storage.audit import events
from tests.pages import letter_pdf

USER = "vero.martin"
SIRET = "73282932000074"  # valid, and no registry supplier has this SIREN
VAT = vat_from_siren(SIRET[:9])
IBAN = iban_from_bban("FR", "30004000031234567890143")
OTHER_IBAN = iban_from_bban("FR", "10278022000002044546745")
NAME = "Menuiseries du Lauragais"
REFERENCE = "20459001"


def spaced(value: str, n: int = 4) -> str:
    return " ".join(value[i:i + n] for i in range(0, len(value), n))


def invoice(n: int, iban: str, number: str | None) -> list[str]:
    ht = 2000 + 10 * n
    return ["MENUISERIES LAURAGAIS", "12 chemin des Pins 31450 Montgiscard",
            f"SIRET {SIRET[:3]} {SIRET[3:6]} {SIRET[6:9]} {SIRET[9:]}", f"TVA {VAT}",
            f"FACTURE N° {number} du 12/03/2024" if number else "FACTURE du 12/03/2024",
            "Échéance : 11/04/2024", "Remplacement de portes palières Résidence Les Tilleuls",
            f"Total HT {ht},00 €", f"TVA 20 % {ht // 5},00 €", f"Total TTC {ht + ht // 5},00 €",
            f"IBAN {spaced(iban)}"]


FIRST_LETTER = ["Madame, Monsieur,", "Je vous informe qu'une fuite d'eau importante s'est déclarée",
                "dans ma salle de bains depuis le 4 juin 2020.", f"Référence locataire : {REFERENCE}",
                "Merci de faire intervenir un plombier rapidement.", "Veuillez agréer mes salutations distinguées.",
                "Jean Dupuis"]
NEXT_LETTER = ["Madame, Monsieur,", "Le radiateur de ma chambre ne chauffe plus depuis le 2 décembre.",
               "Merci d'envoyer un technicien pour le réparer rapidement.",
               "Veuillez agréer mes salutations distinguées.", "Jean Dupuis"]


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("home")


@pytest.fixture(autouse=True)
def aiguillage_home(home, monkeypatch):
    monkeypatch.setenv("AIGUILLAGE_HOME", str(home))
    return home


def run(tmp_path, files: dict[str, list[str]]) -> dict[str, dict]:
    from flows.batch import run_batch

    paths = {}
    for name, lines in files.items():
        paths[name] = tmp_path / f"{name}.pdf"
        paths[name].write_bytes(letter_pdf(lines))
    by_source = {Path(x["source"]).name: x for x in run_batch([str(p) for p in paths.values()])}
    return {name: by_source[p.name] for name, p in paths.items()}


def correct(tmp_path, capsys, *lines) -> list[dict]:
    path = tmp_path / "corrections.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    code = main(["correct", str(path), "--user", USER])
    out, err = capsys.readouterr()
    assert code == 0, (out, err)
    return [json.loads(x) for x in out.splitlines()]


def test_what_a_correction_teaches_the_next_run(prefect_harness, home, tmp_path, capsys):
    from wiring.runtime import runtime

    assert os.environ["AIGUILLAGE_HOME"] == str(home)
    rt = runtime()
    first = run(tmp_path, {"inv1": invoice(1, IBAN, None), "letter1": FIRST_LETTER})
    inv1, letter1 = first["inv1"], first["letter1"]
    assert inv1["queue"] == "videocodage" and "unknown_supplier" in inv1["alerts"], inv1
    assert documents.read_json(rt.store, inv1["document_id"], "record.json")["supplier_id"] is None
    assert letter1["fields"].get("tenant_reference") == REFERENCE, letter1

    out = correct(tmp_path, capsys,
                  {"document_id": inv1["document_id"], "type": "supplier_invoice",
                   "fields": {"supplier_name": NAME, "supplier_siret": SIRET, "iban": IBAN, "invoice_number": "F-1"}},
                  {"document_id": letter1["document_id"], "type": letter1["type"],
                   "fields": {"tenant_name": "Jean Dupuis", "tenant_reference": REFERENCE}})
    assert [x["status"] for x in out] == ["corrected", "corrected"]

    # Learned, in the object store, and the audit trail says who taught it.
    entry = learned.get_supplier(rt.store, "L-732829320")
    assert (entry["name"], entry["siret"], entry["iban"], entry["status"]) == (NAME, SIRET, IBAN, "learned")
    assert (entry["learned_from"], entry["learned_by"]) == (inv1["document_id"], USER)
    assert learned.get_tenant(rt.store, REFERENCE)["tenant_name"] == "Jean Dupuis"
    taught = [e for e in events(rt.store, inv1["document_id"]) if e.kind == "supplier_learned"]
    assert [(e.actor, e.details["supplier_siret"]) for e in taught] == [(USER, SIRET)]
    assert any(e.kind == "tenant_learned" and e.details == {"tenant_reference": REFERENCE}
               for e in events(rt.store, letter1["document_id"]))

    second = run(tmp_path, {"inv2": invoice(2, IBAN, "F-2"), "inv3": invoice(3, OTHER_IBAN, "F-3"),
                            "letter2": NEXT_LETTER})
    inv2, inv3, letter2 = second["inv2"], second["inv3"], second["letter2"]
    # The supplier is known now: its learned id, the corrected name, no unknown_supplier.
    assert inv2["fields"]["supplier_name"] == NAME, inv2
    assert documents.read_json(rt.store, inv2["document_id"], "record.json")["supplier_id"] == "L-732829320"
    assert inv2["alerts"] == [] and inv2["queue"] == "comptabilite-fournisseurs"
    # Another IBAN for that supplier: still routed to accounts payable, flagged.
    assert inv3["alerts"] == ["bank_details_changed"] and inv3["queue"] == "comptabilite-fournisseurs", inv3
    # The same writer, no reference printed: the reference from memory.
    assert letter2["fields"].get("tenant_reference") == REFERENCE, letter2
    assert letter2["fields"].get("tenant_name") == "Jean Dupuis"

    # Validating the invoice with the other IBAN never replaces the known one.
    assert correct(tmp_path, capsys, {"document_id": inv3["document_id"], "type": "supplier_invoice",
                                      "fields": {}})[0]["status"] == "corrected"
    entry = learned.get_supplier(rt.store, "L-732829320")
    assert entry["iban"] == IBAN and entry["pending_iban"] == OTHER_IBAN and entry["pending_by"] == USER
    pending = [e for e in events(rt.store, inv3["document_id"]) if e.kind == "bank_details_pending"]
    assert len(pending) == 1 and OTHER_IBAN not in json.dumps(pending[0].details)
    rt.refresh_learned()
    assert rt.registries_now().supplier_by("supplier_id", "L-732829320").iban == IBAN

    # What was learned is listed; a learned tenant is erased (RGPD), and the next run no longer knows them.
    assert main(["learned", "list", "--json"]) == 0
    listed = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(x["kind"], x.get("supplier_id") or x.get("tenant_reference")) for x in listed] == [
        ("supplier", "L-732829320"), ("tenant", REFERENCE), ("layout", "L-732829320")]
    assert main(["learned", "forget", "--tenant", REFERENCE, "--user", USER]) == 0
    assert learned.get_tenant(rt.store, REFERENCE) is None and learned.list_tenants(rt.store) == []
    assert main(["learned", "forget", "--tenant", REFERENCE, "--user", USER]) == 1  # nothing left to erase
    assert any(e.kind == "learned_forgotten" and e.actor == USER for e in events(rt.store))
    rt.refresh_learned()
    assert rt.registries_now().tenant_by_reference(REFERENCE) is None
    # A supplier is forgotten with where it prints its fields.
    assert main(["learned", "forget", "--supplier", "L-732829320", "--user", USER]) == 0
    assert learned.get_supplier(rt.store, "L-732829320") is None and layouts.get_layout(rt.store, "L-732829320") is None
