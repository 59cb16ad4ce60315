"""A tenant's access and erasure requests (issue 19) on the local store and on the Ceph gateway:
two tenants' letters go through the real pipeline (born-digital PDFs: no OCR); ``rgpd export``
gives the first tenant's documents, events and a French index, nothing of the other; ``rgpd
erase --dry-run`` changes nothing; ``rgpd erase`` leaves no byte of the tenant's name, e-mail,
phone or IBAN anywhere (every object of the store, audit trail included, every file of the data
folder, audit index included), the audit trail still verifies, the other tenant is intact, and
the tenant's letter under legal hold stays, the summary saying why."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.flows.test_retention import backend  # noqa: F401 - both store back ends
from tests.pages import letter_pdf
from tests.s3server import s3_bucket, s3_server  # noqa: F401

pytestmark = pytest.mark.slow

REF, OTHER_REF = "77120456", "55500011"
NAME, EMAIL, PHONE, IBAN = "Ginette Lacombe", "ginette.lacombe@exemple.fr", "06 71 42 93 58", \
    "FR76 3000 4000 0312 3456 7890 143"
LETTER = [NAME, "12 rue des Lilas, Bât. B Appt 14", "31300 Toulouse", f"Téléphone : {PHONE}",
          f"Courriel : {EMAIL}", f"Référence locataire : {REF}", "Objet : fuite d'eau dans la salle de bains",
          "Madame, Monsieur,", "Je vous signale une fuite d'eau importante sous l'évier de la salle de bains",
          "depuis le 4 juin. Merci de faire intervenir un plombier rapidement.",
          f"Pour un éventuel remboursement, mon IBAN : {IBAN}", "Veuillez agréer mes salutations distinguées.", NAME]
HELD = [f"Référence locataire : {REF}", "Objet : contestation de la régularisation des charges",
        "Madame, Monsieur, je conteste le montant de la régularisation des charges de l'an dernier.",
        "Je saisis la commission de conciliation. Salutations distinguées."]
OTHER = ["Paul Martin", f"Référence locataire : {OTHER_REF}", "Objet : radiateur en panne",
         "Madame, Monsieur, le radiateur de ma chambre ne chauffe plus depuis une semaine.",
         "Merci d'envoyer un technicien. Salutations distinguées.", "Paul Martin"]


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    from cli.main import main

    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _snapshot(store, home: Path) -> dict:
    objects = {k: store.get(k) for k in store.list()}
    files = {str(p): p.read_bytes() for p in home.rglob("*") if p.is_file() and "index.sqlite" not in p.name
             and "logs" not in p.parts}
    return {"objects": objects, "files": files}


def test_rgpd_export_and_erase(prefect_harness, backend, aiguillage_home, tmp_path, capsys):
    from flows.batch import run_batch
    from storage import documents, holds, layout, learned
    from wiring.runtime import runtime

    files = {}
    for name, lines in (("lettre.pdf", LETTER), ("gelee.pdf", HELD), ("autre.pdf", OTHER)):
        files[name] = tmp_path / name
        files[name].write_bytes(letter_pdf(lines))
    lines = {Path(x["source"]).name: x for x in run_batch([str(f) for f in files.values()])}
    rt = runtime()
    store, home = rt.store, rt.settings.home
    ids = {name: lines[name]["document_id"] for name in files}
    rec = {name: documents.read_json(store, ids[name], "record.json") for name in files}
    assert rec["lettre.pdf"]["fields"].get("tenant_reference") == REF
    assert rec["gelee.pdf"]["fields"].get("tenant_reference") == REF
    assert rec["autre.pdf"]["fields"].get("tenant_reference") == OTHER_REF
    learned.learn_tenant(store, REF, NAME, "31300", ids["lettre.pdf"], "vero.martin")
    cache = home / "cache" / "pages" / ids["lettre.pdf"]
    cache.mkdir(parents=True)
    (cache / "1-150.png").write_bytes(NAME.encode())
    holds.place(store, "document", ids["gelee.pdf"], "commission de conciliation", "vero.martin")

    # access request: the tenant's documents and events, a readable index; not the other tenant
    out = tmp_path / "acces.zip"
    code, text, err = _cli(capsys, "rgpd", "export", "--tenant", " 7712 0456 ", "--out", str(out), "--user", "vero.martin")
    assert code == 0, err
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        readme = zf.read("LISEZMOI.txt").decode()
        events = json.loads(zf.read("journal.json"))
        fiche = json.loads(zf.read(f"pieces/{ids['lettre.pdf']}/fiche.json"))
        texte = zf.read(f"pieces/{ids['lettre.pdf']}/texte.txt").decode()
        pdf = zf.read(f"pieces/{ids['lettre.pdf']}/original.pdf")
    for name in ("lettre.pdf", "gelee.pdf"):
        assert ids[name] in readme and any(n.startswith(f"pieces/{ids[name]}/") for n in names)
    assert not [n for n in names if ids["autre.pdf"] in n] and ids["autre.pdf"] not in readme
    assert "Paul Martin" not in readme and OTHER_REF not in json.dumps(events)
    assert rt.taxonomy.types[rec["lettre.pdf"]["type"]].label in readme
    assert rt.taxonomy.field_label("tenant_reference") in readme
    assert rt.taxonomy.queues[rec["lettre.pdf"]["queue"]] in readme
    assert fiche == rec["lettre.pdf"] and EMAIL in texte and pdf == files["lettre.pdf"].read_bytes()
    assert {e["document_id"] for e in events if e.get("document_id")} == {ids["lettre.pdf"], ids["gelee.pdf"]}
    assert {"received", "extracted", "routed"} <= {e["kind"] for e in events}
    code, _, err = _cli(capsys, "rgpd", "export", "--tenant", REF, "--out", str(out))
    assert code == 2 and "--force" in err  # an existing archive is not replaced unasked

    # dry run: says what would go and what stays, changes nothing
    before = _snapshot(store, home)
    code, text, err = _cli(capsys, "rgpd", "erase", "--tenant", REF, "--dry-run", "--json", "--user", "vero.martin")
    assert code == 0, err
    plan = json.loads(text)
    assert plan["erased"] == [ids["lettre.pdf"]] and list(plan["kept"]) == [ids["gelee.pdf"]]
    assert _snapshot(store, home) == before

    code, text, err = _cli(capsys, "rgpd", "erase", "--tenant", REF, "--user", "vero.martin")
    assert code == 0, err
    assert ids["gelee.pdf"] in text and "conservation légale" in text and "commission de conciliation" in text

    keys = list(store.list())
    assert not [k for k in keys if ids["lettre.pdf"] in k and not k.startswith("audit/")]
    assert documents.read_json(store, ids["gelee.pdf"], "record.json") == rec["gelee.pdf"]  # held: kept
    assert documents.read_json(store, ids["autre.pdf"], "record.json") == rec["autre.pdf"]  # other tenant
    assert store.exists(layout.document(ids["autre.pdf"], "text.json"))
    assert learned.get_tenant(store, REF) is None
    needles = [NAME, EMAIL, PHONE, IBAN, IBAN.replace(" ", "")]
    for key in keys:  # audit/ included
        data = store.get(key)
        for needle in needles:
            assert needle.encode() not in data, (needle, key)
    for path in home.rglob("*"):  # the audit index (re-synced by the erasure) included
        if path.is_file():
            data = path.read_bytes()
            for needle in needles:
                assert needle.encode() not in data, (needle, path)
    assert not cache.exists()

    code, text, err = _cli(capsys, "audit", "verify")
    assert code == 0, text + err
    code, text, err = _cli(capsys, "audit", "--json", "--tenant", OTHER_REF)
    assert code == 0 and ids["autre.pdf"] in text  # the other tenant's story is still told
