"""Retention per type (issue 19) on the local store and on the Ceph gateway: documents of several
types go through the real pipeline (born-digital PDFs: no OCR), their matters close, and four
years later the retention flow purges the tenant letter and the quarantined file, leaving no
byte of the tenant anywhere in the store or the data folder, while the supplier invoice (ten
years), the letter still open and the letter of a tenant under legal hold stay whole, and the
audit trail still verifies. Audit objects (``audit/`` keys, the audit index under the data
folder) are left out of the byte search: their personal data is the audit's own work."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.pages import letter_pdf
from tests.s3server import s3_bucket, s3_server  # noqa: F401

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]

NAME, EMAIL, PHONE, IBAN = "Ginette Lacombe", "ginette.lacombe@exemple.fr", "06 71 42 93 58", \
    "FR76 3000 4000 0312 3456 7890 143"
PURGED_LETTER = [
    "Ginette Lacombe", "12 rue des Lilas, Bât. B Appt 14", "31300 Toulouse",
    f"Téléphone : {PHONE}", f"Courriel : {EMAIL}", "Référence locataire : 77120456",
    "Objet : fuite d'eau dans la salle de bains",
    "Madame, Monsieur,",
    "Je vous signale une fuite d'eau importante sous l'évier de la salle de bains",
    "depuis le 4 juin. Le plafond du voisin commence à être taché.",
    "Merci de faire intervenir un plombier rapidement.",
    f"Pour un éventuel remboursement, mon IBAN : {IBAN}",
    "Veuillez agréer mes salutations distinguées.", NAME,
]
OPEN_LETTER = ["Paul Martin", "Référence locataire : 55500011", "Objet : radiateur en panne",
               "Madame, Monsieur, le radiateur de ma chambre ne chauffe plus depuis une semaine.",
               "Merci d'envoyer un technicien. Salutations distinguées.", "Paul Martin"]
HELD_LETTER = ["José Dupont", "Référence locataire : 99982789", "Objet : fuite sur la chasse d'eau",
               "Madame, Monsieur, la chasse d'eau de mes toilettes fuit sans arrêt depuis dix jours.",
               "Merci de faire intervenir un plombier. Salutations distinguées.", "José Dupont"]
INVOICE = ["Plomberie Garonne", "109 place de Négreneys 31300 Toulouse", "SIRET 968 886 648 00235",
           "TVA FR54968886648", "FACTURE N° FA-2024-0412", "Date de facture : 12/03/2024",
           "Intervention fuite sous évier, remplacement siphon",
           "Total HT : 150,00 €", "TVA 10 % : 15,00 €", "Total TTC : 165,00 €",
           "IBAN FR76 2004 1790 2637 6238 9803 493", "Échéance : 11/04/2024"]


@pytest.fixture(params=["local", pytest.param("s3", marks=pytest.mark.s3)])
def backend(request, monkeypatch):
    if request.param == "s3":
        server = request.getfixturevalue("s3_server")
        for name, value in server.env().items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("AIGUILLAGE_STORAGE_S3_BUCKET", request.getfixturevalue("s3_bucket"))
    return request.param


def _close_every_item(store, taxonomy, document_id: str) -> None:
    from storage import workitems
    from storage.queues import get_item
    from storage.errors import ObjectNotFound

    for queue in taxonomy.queues:
        try:
            item = get_item(store, queue, document_id)
        except ObjectNotFound:
            continue
        if item.is_open:
            member = workitems.Member(team=queue, user="vero.martin")
            workitems.claim(store, member, document_id)
            workitems.complete(store, member, document_id)


def test_retention_purges_per_type_and_leaves_nothing_behind(prefect_harness, backend, aiguillage_home, tmp_path):
    from flows.batch import run_batch
    from flows.maintenance import retention_flow
    from storage import documents, holds, layout, learned
    from storage.corrections import save_correction
    from wiring.runtime import runtime

    files = {}
    for name, lines in (("lettre.pdf", PURGED_LETTER), ("ouverte.pdf", OPEN_LETTER), ("gelee.pdf", HELD_LETTER),
                        ("facture.pdf", INVOICE)):
        files[name] = tmp_path / name
        files[name].write_bytes(letter_pdf(lines))
    files["abime.pdf"] = tmp_path / "abime.pdf"
    files["abime.pdf"].write_bytes(b"%PDF-1.4\n" + f"{NAME} {EMAIL}".encode() + b"\nnot a pdf at all\n")
    lines = {Path(x["source"]).name: x for x in run_batch([str(f) for f in files.values()])}
    rt = runtime()
    store = rt.store
    ids = {name: lines[name]["document_id"] for name in files}
    rec = {name: documents.read_json(store, ids[name], "record.json") for name in files}
    assert rec["lettre.pdf"]["type"] not in ("supplier_invoice", "supplier_credit_note", "lease_termination",
                                             "legal_notice", "supplier_quote")  # a tenant letter: 3 years or less
    assert rec["facture.pdf"]["type"] == "supplier_invoice"
    assert lines["abime.pdf"]["status"] == "quarantined"
    assert rec["gelee.pdf"]["fields"].get("tenant_reference") == "99982789"
    for name in ("lettre.pdf", "gelee.pdf", "facture.pdf"):
        _close_every_item(store, rt.taxonomy, ids[name])
    # what else the purged letter left: a correction and the tenant it taught, a page image, a spool
    save_correction(store, ids["lettre.pdf"], " ".join(PURGED_LETTER), {"type": "other", "fields": {}},
                    {"type": "repair_request", "fields": {}}, "vero.martin")
    learned.learn_tenant(store, "77120456", NAME, "31300", ids["lettre.pdf"], "vero.martin")
    cache = rt.settings.home / "cache" / "pages" / ids["lettre.pdf"]
    cache.mkdir(parents=True)
    (cache / "1-150.png").write_bytes(NAME.encode())
    holds.place(store, "tenant", "99982789", "contentieux", "vero.martin")

    four_years = datetime.now(timezone.utc) + timedelta(days=4 * 365 + 2)
    assert retention_flow(now=datetime.now(timezone.utc) + timedelta(days=10))["purged"] == []  # too early
    outcome = retention_flow(now=four_years)
    assert sorted(outcome["purged"]) == sorted([ids["lettre.pdf"], ids["abime.pdf"]])
    assert outcome["by_type"][rec["gelee.pdf"]["type"]]["held"] == 1
    assert outcome["by_type"][rec["ouverte.pdf"]["type"]]["open"] == 1
    assert outcome["by_type"]["supplier_invoice"]["kept"] == 1

    keys = list(store.list())
    for name in ("lettre.pdf", "abime.pdf"):
        assert not [k for k in keys if ids[name] in k]
    for name in ("ouverte.pdf", "gelee.pdf", "facture.pdf"):  # intact
        assert documents.read_json(store, ids[name], "record.json") == rec[name]
        assert store.exists(layout.document(ids[name], "text.json"))
    needles = [NAME, EMAIL, PHONE, IBAN, IBAN.replace(" ", ""), ids["lettre.pdf"], ids["abime.pdf"]]
    for key in keys:
        if key.startswith("audit/"):
            continue
        data = store.get(key)
        for needle in needles:
            assert needle.encode() not in data, (needle, key)
    for path in rt.settings.home.rglob("*"):
        if path.is_file() and not any("audit" in part for part in path.relative_to(rt.settings.home).parts):
            data = path.read_bytes()
            for needle in needles:
                assert needle.encode() not in data, (needle, path)
            assert ids["lettre.pdf"] not in str(path)

    verify = subprocess.run([sys.executable, "-m", "cli.main", "audit", "verify"], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert verify.returncode == 0, verify.stdout + verify.stderr
