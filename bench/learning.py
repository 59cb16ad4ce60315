"""What corrections teach (issue 16): documents of suppliers the registry does not hold, and tenant
letters of styles the generator does not write, before and after operators correct some.

    .venv/bin/python bench/learning.py [--set bench/learning_set] [--workers 2] [--no-train]
                                       [--train-count 6000] [--cache DIR] [--fresh]

The set (``bench/learning_set/supplier/*.json``, ``bench/learning_set/tenant/*.json``) was written
apart from ``corpus/``, in the foreign set's format (``bench/foreign_set.py``), each supplier
document naming its ``supplier_group`` (two or more documents per supplier). It is rendered as the
foreign set is (a share of supplier documents born-digital, the rest scanned) and read once
(Tesseract OCR, cached per set and reading code, as ``bench/accuracy.py`` does); then the
pipeline's own steps run in process, each scenario in a data folder of its own:
``stages.understand.understand`` and ``flows.deliver.deliver`` per document, corrections through
``aiguillage correct``'s own code (``cli.correct_cmd.apply_line`` with the station's flow
``flows.reprocess.reprocess``).

Suppliers: for each supplier, its first document is run and corrected with its truth, then the
next ones are run; "before", the same documents with no correction. A document goes straight
through when it is routed with no person (not to vidéocodage) with its true type and every field
of its truth right; an accounts-payable alert does not stop it (SPEC.md: routed, flagged), the
share without any alert is given too (before correction, an unknown supplier is one). Tenant
letters: straight-through on the rest after correcting the first 10 % and 25 % of them (a fixed order), with
the type model retrained on those corrections as ``aiguillage train`` does (``--no-train``: only
what corrections teach at once, tenant references). Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import pickle
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

SET = ROOT / "bench" / "learning_set"
RENDER_VERSION = "1"
USER = "bench.apprentissage"
SHARES = (0.10, 0.25)


# -- the set, rendered and read once --------------------------------------------------------

def load_set(root: Path) -> list[dict]:
    docs = []
    for f in sorted(root.glob("*/*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        d["group"] = f.parent.name
        d.setdefault("id", f.stem)
        docs.append(d)
    return docs


def doc_key(doc: dict, seed: int) -> str:
    """Changes with the document, the seed and the renderer: its cached reading is then redone."""
    h = hashlib.sha256(f"{RENDER_VERSION}:{seed}:".encode())
    h.update(json.dumps({k: doc.get(k) for k in ("id", "group", "style", "pages")}, sort_keys=True).encode())
    h.update((ROOT / "bench" / "foreign_set.py").read_bytes())
    return h.hexdigest()[:20]


def render(docs: list[dict], folder: Path, seed: int) -> dict:
    """Each document as the scanning station gets it; a third of suppliers' born-digital."""
    from corpus.scan import images_to_file
    from foreign_set import DPI, render_pdf, scan_pages

    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for d in docs:
        rng = random.Random(f"{seed}:{d['id']}")
        pdf = render_pdf(d, rng)
        name = f"{d['group']}-{d['id']}.pdf"
        if d["group"] == "supplier" and rng.random() < 0.35:
            (folder / name).write_bytes(pdf)
        else:
            (folder / name).write_bytes(images_to_file(scan_pages(pdf, rng), "pdf", DPI))
        files.append({"file": name, "id": d["id"]})
    return {"files": files}


def read_set(root: Path, workers: int, cache: Path, seed: int, fresh: bool) -> tuple[list[dict], dict]:
    """The set and each document's pages as read, ``{id: (file name, reading)}``; each reading
    cached on its own (a document added or changed is the only one read again)."""
    from accuracy import read_corpus, reading_version

    docs = load_set(root)
    folder = cache / f"learning-{reading_version()}"
    folder.mkdir(parents=True, exist_ok=True)
    keys = {d["id"]: folder / f"{doc_key(d, seed)}.pickle" for d in docs}
    missing = [d for d in docs if fresh or not keys[d["id"]].is_file()]
    if missing:
        with tempfile.TemporaryDirectory(prefix="aiguillage-bench-learning-") as tmp:
            t0 = time.time()
            manifest = render(missing, Path(tmp), seed)
            print(f"{len(missing)} documents rendus en {time.time() - t0:.0f} s", file=sys.stderr)
            t0 = time.time()
            by_file = read_corpus(Path(tmp), manifest, workers)
            print(f"lecture/OCR en {time.time() - t0:.0f} s", file=sys.stderr)
        for e in manifest["files"]:
            with keys[e["id"]].open("wb") as fh:
                pickle.dump((e["file"], by_file[e["file"]]), fh)
    reads = {}
    for d in docs:
        with keys[d["id"]].open("rb") as fh:
            reads[d["id"]] = pickle.load(fh)
    return docs, reads


# -- one data folder: its lessons, the pipeline's steps ---------------------------------------

class Home:
    """A fresh AIGUILLAGE_HOME with its own runtime (and store, and lessons); the model shared."""

    made: list[Path] = []  # every data folder, removed at the end

    def __init__(self, name: str, model=None):
        from wiring.runtime import runtime

        self.path = Path(tempfile.mkdtemp(prefix=f"aiguillage-bench-learning-{name}-"))
        Home.made.append(self.path)
        os.environ["AIGUILLAGE_HOME"] = str(self.path)
        self.rt = runtime()
        if model is not None:
            self.rt.use_model(model)

    def run(self, doc: dict, reads: dict) -> dict:
        """The document through understanding and delivery; its row (truth, what the pipeline did)."""
        from accuracy import documents_of
        from flows.deliver import deliver
        from stages.ids import document_id
        from stages.understand import understand

        label = doc["label"]
        row = {"id": doc["id"], "group": doc.get("supplier_group") or doc["group"], "truth": label,
               "status": "unreadable", "type": None, "fields": {}, "alerts": [], "from_memory": []}
        name, read = reads[doc["id"]]
        why, parts = documents_of(name, read)
        if why or len(parts) != 1 or not parts[0]["readable"]:
            row["status"] = "split_error" if parts else "unreadable"
            return row
        part = parts[0]
        sha = hashlib.sha256(f"learning:{doc['id']}".encode()).hexdigest()
        row["document_id"] = document_id(sha, part["doc"].source_pages)
        u = understand(part["doc"], self.rt)
        line = deliver(self.rt, part["doc"], row["document_id"], sha, u, [], part["failed"])
        row.update(status=line["status"], type=line["type"], fields=line["fields"], alerts=line["alerts"],
                   from_memory=list(u.extraction.fields_from_memory))
        return row

    def correct(self, row: dict) -> dict:
        """The truth validated as `aiguillage correct` applies a line (the station's flow)."""
        from cli.correct_cmd import apply_line
        from flows.reprocess import reprocess

        truth = row["truth"]
        tax = self.rt.taxonomy
        family = tax.type(truth["type"]).family
        names = [f for f in tax.fields if family != "other" and _field_family(f) == family]
        fields = {f: truth["fields"].get(f) for f in names}  # the machine's extra values cleared
        line = json.dumps({"document_id": row["document_id"], "type": truth["type"], "fields": fields}).encode()
        return apply_line(self.rt, 1, line, USER, lambda *args: reprocess(self.rt, *args))


def _field_family(name: str) -> str:
    from inbox.checks import SUPPLIER_FIELDS

    return "supplier" if name in {f.name for f in SUPPLIER_FIELDS} else "tenant"


def fields_right(row: dict) -> bool:
    return all(str(row["fields"].get(k)) == str(v) for k, v in row["truth"]["fields"].items())


def straight_through(row: dict) -> bool:
    """Routed with no person (alerts do not stop it: SPEC.md), its true type, every field right."""
    return row["status"] == "routed" and row["type"] == row["truth"]["type"] and fields_right(row)


def without_alert(row: dict) -> bool:
    return straight_through(row) and not row["alerts"]


def ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


# -- the two measures ---------------------------------------------------------------------

def suppliers(docs: list[dict], reads: dict, model) -> dict:
    groups: dict[str, list[dict]] = {}
    for d in docs:
        if d["group"] == "supplier":
            groups.setdefault(d.get("supplier_group") or d["id"], []).append(d)
    groups = {g: sorted(ds, key=lambda d: d["id"]) for g, ds in sorted(groups.items()) if len(ds) >= 2}
    before, after = Home("avant", model), Home("apres", model)
    rows_before, rows_after, refused = [], [], 0
    for group, ds in groups.items():
        rows_before += [dict(before.run(d, reads), n=i) for i, d in enumerate(ds)]
        first = after.run(ds[0], reads)
        if first["status"] in ("unreadable", "split_error") or after.correct(first)["status"] != "corrected":
            refused += 1
        rows_after += [dict(after.run(d, reads), n=i) for i, d in enumerate(ds[1:], start=1)]
    nexts = [r for r in rows_before if r["n"] >= 1]
    print(f"\n== Fournisseurs absents du registre : {len(groups)} fournisseurs, {len(nexts)} documents suivants ==")
    print(f"{'':44}{'avant':>10}{'après':>10}")
    figures = {}
    for label, test, key in (("directs (routés, type et champs justes)", straight_through, "straight_through"),
                             ("  et sans alerte comptable", without_alert, "straight_through_no_alert"),
                             ("tous les champs justes", fields_right, "fields_right"),
                             ("routés sans vidéocodage", lambda r: r["status"] == "routed", "routed")):
        b, a = sum(map(test, nexts)), sum(map(test, rows_after))
        figures[f"supplier_{key}_before_ratio"] = ratio(b, len(nexts))
        figures[f"supplier_{key}_after_ratio"] = ratio(a, len(rows_after))
        print(f"{label:44}{b:4d}/{len(nexts):<4d}{a:4d}/{len(rows_after):<4d}"
              f"  {figures[f'supplier_{key}_before_ratio'] or 0:.1%} -> {figures[f'supplier_{key}_after_ratio'] or 0:.1%}")
    memory = sum(len(r["from_memory"]) for r in rows_after)
    print(f"champs lus de mémoire (emplacements appris) : {memory} sur {len(rows_after)} documents")
    alerts: dict[str, int] = {}
    for r in rows_after:
        for a in r["alerts"]:
            alerts[a] = alerts.get(a, 0) + 1
    print("alertes comptables après correction : " + (", ".join(f"{k} {n}" for k, n in sorted(alerts.items()))
                                                      or "aucune"))
    wrong: dict[str, int] = {}
    for r in rows_after:
        for k, v in r["truth"]["fields"].items():
            if str(r["fields"].get(k)) != str(v):
                wrong[k] = wrong.get(k, 0) + 1
    print("champs faux après correction : " + (", ".join(f"{k} {n}" for k, n in sorted(wrong.items())) or "aucun"))
    for r in rows_after:
        if not straight_through(r):
            bad = [k for k, v in r["truth"]["fields"].items() if str(r["fields"].get(k)) != str(v)]
            print(f"  ! {r['id']}: {r['status']}, {r['type']}, faux {bad}, lus de mémoire {r['from_memory']}")
    if refused:
        print(f"premiers documents non corrigés (illisibles ou correction refusée) : {refused}")
    figures.update(supplier_groups_count=len(groups), supplier_next_documents_count=len(nexts),
                   supplier_fields_from_memory_count=memory, supplier_corrections_refused_count=refused)
    return figures


def tenants(docs: list[dict], reads: dict, model, train: bool, train_count: int) -> dict:
    letters = sorted((d for d in docs if d["group"] == "tenant"),
                     key=lambda d: hashlib.sha1(d["id"].encode()).hexdigest())
    if not letters:
        return {}
    home = Home("locataires-avant", model)
    baseline = {d["id"]: home.run(d, reads) for d in letters}
    print(f"\n== Lettres de locataires d'autres styles : {len(letters)} lettres ==")
    base_all = sum(map(straight_through, baseline.values()))
    print(f"directes sans correction : {base_all}/{len(letters)} = {ratio(base_all, len(letters)):.1%} ; "
          f"pourquoi pas directes : {breakdown(list(baseline.values()))}")
    figures = {"tenant_letters_count": len(letters), "tenant_straight_through_before_ratio": ratio(base_all, len(letters))}
    for share in SHARES:
        k = math.ceil(share * len(letters))
        taught, rest = letters[:k], letters[k:]
        home = Home(f"locataires-{int(share * 100)}", model)
        for d in taught:
            row = home.run(d, reads)
            if "document_id" in row:
                home.correct(row)
        if train:
            _retrain(home, train_count)
        rows = [home.run(d, reads) for d in rest]
        before = sum(straight_through(baseline[d["id"]]) for d in rest)
        after = sum(map(straight_through, rows))
        pct = int(share * 100)
        print(f"après correction de {k} lettres ({pct} %){' et réentraînement' if train else ''} : "
              f"directes {after}/{len(rest)} = {ratio(after, len(rest)):.1%} (sans correction : {before}/{len(rest)} "
              f"= {ratio(before, len(rest)):.1%})")
        figures[f"tenant_straight_through_rest_before_{pct}pct_ratio"] = ratio(before, len(rest))
        figures[f"tenant_straight_through_after_{pct}pct_ratio"] = ratio(after, len(rest))
        writers = {str(d["label"]["fields"].get("tenant_name") or "") for d in taught} - {""}
        known = [r for r in rows if r["truth"]["fields"].get("tenant_name") in writers]
        print(f"  dont lettres d'un auteur déjà corrigé : {sum(map(straight_through, known))}/{len(known)} directes ; "
              f"pourquoi pas directes : {breakdown(rows)}")
    return figures


def breakdown(rows: list[dict]) -> str:
    """Why documents did not go straight through: vidéocodage, wrong type, fields wrong (by name)."""
    counts: dict[str, int] = {}
    for r in rows:
        if straight_through(r):
            continue
        if r["status"] != "routed":
            counts["vidéocodage"] = counts.get("vidéocodage", 0) + 1
        if r["type"] != r["truth"]["type"]:
            counts["type faux"] = counts.get("type faux", 0) + 1
        for k, v in r["truth"]["fields"].items():
            if str(r["fields"].get(k)) != str(v):
                counts[k] = counts.get(k, 0) + 1
    return ", ".join(f"{k} {n}" for k, n in sorted(counts.items(), key=lambda kv: -kv[1])) or "—"


def _retrain(home: Home, count: int) -> None:
    """`aiguillage train` on this data folder's corrections; its model used from now on here."""
    from classifiers.model import load_model
    from flows.maintenance import build_model

    t0 = time.time()
    out = home.path / "model"
    meta = build_model(home.rt.store, out, count=count)
    home.rt.use_model(load_model(out))
    print(f"  modèle réentraîné ({meta.get('corrections')} corrections) en {time.time() - t0:.0f} s", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--set", type=Path, default=SET, help="dossier du jeu (supplier/, tenant/)")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--seed", type=int, default=2027)
    p.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "aiguillage-bench-cache")
    p.add_argument("--fresh", action="store_true", help="rendre et relire le jeu même s'il est en cache")
    p.add_argument("--no-train", action="store_true", help="lettres : sans réentraîner le modèle de types")
    p.add_argument("--train-count", type=int, default=6000, help="documents générés du réentraînement")
    args = p.parse_args(argv)
    if not any(args.set.glob("*/*.json")):
        print(f"aucun document dans {args.set} (supplier/*.json, tenant/*.json)", file=sys.stderr)
        return 2
    t0 = time.time()
    docs, reads = read_set(args.set, args.workers, args.cache, args.seed, args.fresh)
    try:
        model = Home("modele").rt.model
        figures = suppliers(docs, reads, model)
        figures.update(tenants(docs, reads, model, not args.no_train, args.train_count))
    finally:
        for folder in Home.made:
            shutil.rmtree(folder, ignore_errors=True)
    figures["total_seconds"] = round(time.time() - t0, 1)
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
