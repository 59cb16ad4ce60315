"""``aiguillage audit``: who did what to which document, when; and proof the log is intact.

    aiguillage audit --document ID                  a document's full story
    aiguillage audit --tenant REF --since 2024-05-01 --until 2024-05-31 --csv
    aiguillage audit --supplier SIRET|ID | --team QUEUE | --actor NAME | --kind KIND …
    aiguillage audit verify [--json]                check the chain (exit 1 if altered)
    aiguillage audit sync | rebuild                 update / rebuild the query index
"""

from __future__ import annotations

import csv
import json
import sys

from cli.errors import UsageError
from config.clock import iso, shown

KIND_FR = {
    "received": "reçu", "split": "découpé", "ocr": "lu (OCR)", "classified": "classé",
    "extracted": "données extraites", "routed": "aiguillé", "copied": "copie envoyée",
    "quarantined": "mis en quarantaine", "claimed": "pris en charge", "released": "libéré",
    "viewed": "consulté", "corrected": "corrigé", "rerouted": "réaiguillé", "completed": "terminé",
    "purged": "purgé", "returned": "renvoyé en vidéocodage",
    "supplier_learned": "fournisseur appris", "bank_details_pending": "IBAN en attente de confirmation",
    "tenant_learned": "locataire appris", "learned_forgotten": "apprentissage effacé",
    "learned_expired": "apprentissage expiré (durée de conservation)",
    "layout_learned": "disposition du fournisseur apprise",
    "purchase_orders_imported": "bons de commande importés",
    "model_trained": "modèle candidat entraîné", "model_promoted": "modèle mis en service",
    "model_refused": "modèle candidat refusé", "model_rolled_back": "modèle précédent rétabli",
    "alert_cleared": "alerte levée", "bank_details_vouched": "changement d'IBAN validé (1re personne)",
    "bank_details_confirmed": "changement d'IBAN confirmé (2e personne)", "exported": "exporté en comptabilité",
    "export_downloaded": "export téléchargé",
    "account_saved": "compte du guichet créé ou modifié", "account_disabled": "compte du guichet désactivé",
    "account_enabled": "compte du guichet réactivé", "account_removed": "compte du guichet supprimé",
    "sign_in_locked": "connexion bloquée après des échecs répétés",
    "access_refused": "accès refusé (file ou document d'une autre équipe, document réservé, élément clos)",
}
CSV_COLUMNS = ["seq", "at", "kind", "actor", "document_id", "queue", "other_queue", "sha256",
               "tenant_reference", "supplier_id", "supplier_siret", "event_id", "hash", "details"]


def register(sub) -> None:
    p = sub.add_parser("audit", help="journal d'audit : histoire d'un document, d'un locataire… ; vérification",
                       description="Interroge le journal d'audit (index mis à jour depuis le stockage), ou le "
                                   "vérifie avec « audit verify ». Sans option : les 50 derniers événements.")
    p.add_argument("--document", help="identifiant du document : toute son histoire")
    p.add_argument("--tenant", metavar="REF", help="référence locataire (contrat / compte)")
    p.add_argument("--supplier", metavar="ID", help="fournisseur : identifiant du registre, SIRET ou SIREN")
    p.add_argument("--team", metavar="EQUIPE", help="équipe (= sa file), ex. technique")
    p.add_argument("--actor", metavar="NOM", help="personne (ou « pipeline »)")
    p.add_argument("--kind", action="append", default=[], metavar="TYPE",
                   help="type d'événement (répétable) : " + ", ".join(KIND_FR))
    p.add_argument("--since", metavar="DATE", help="à partir de (AAAA-MM-JJ ou AAAA-MM-JJTHH:MM, heure de Paris)")
    p.add_argument("--until", metavar="DATE", help="jusqu'à (inclus pour une date)")
    p.add_argument("--limit", type=int, metavar="N", help="au plus N événements")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="une ligne JSON par événement")
    fmt.add_argument("--csv", action="store_true", help="CSV (séparateur virgule, UTF-8)")
    p.set_defaults(func=run_query, action=None)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    v = actions.add_parser("verify", help="vérifier la chaîne d'empreintes ; nomme le premier événement altéré")
    v.add_argument("--json", action="store_true", help="le résultat en une ligne JSON")
    v.set_defaults(func=run_verify)
    actions.add_parser("sync", help="mettre l'index à jour depuis le stockage").set_defaults(func=run_sync)
    actions.add_parser("rebuild", help="reconstruire l'index depuis zéro").set_defaults(func=run_rebuild)


def _open(with_index: bool = True):
    from config import load_settings
    from storage.audit.index import AuditIndex, default_url
    from storage.audit.lock import LockVault
    from storage.factory import open_store

    settings = load_settings()
    store = open_store(settings)
    index = AuditIndex(default_url(settings)) if with_index else None
    return store, index, LockVault.for_store(store)


def _sync(store, index, vault, quiet: bool = False) -> int:
    from storage.audit.index import ChainBroken
    from storage.audit.lock import sealer

    try:
        return index.sync(store, sealer(vault))
    except ChainBroken as exc:
        if not quiet:
            print(f"aiguillage : attention, {exc} ; l'index s'arrête au dernier événement sûr", file=sys.stderr)
        return 0


def run_query(args) -> int:
    from storage.audit.query import BadFilter, Filters, query

    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit : un nombre entier positif est attendu")
    filters = Filters(document=args.document, tenant=args.tenant, supplier=args.supplier, team=args.team,
                      actor=args.actor, kinds=args.kind, since=args.since, until=args.until, limit=args.limit)
    if filters.empty() and args.limit is None and not (args.json or args.csv):
        filters.limit, filters.latest = 50, True
    unknown = [k for k in args.kind if k not in KIND_FR]
    if unknown:
        print(f"aiguillage : type d'événement inconnu du pipeline : {', '.join(unknown)} (recherché quand même)",
              file=sys.stderr)
    store, index, vault = _open()
    _sync(store, index, vault)
    try:
        rows = query(index, filters, store)  # side details put back, tenant references shown
    except BadFilter as exc:
        raise UsageError(str(exc)) from None
    try:
        _write(rows, args, filters)
    except BrokenPipeError:  # `| head`: the reader has what it wanted
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _write(rows: list[dict], args, filters) -> None:
    out = sys.stdout
    if args.json:
        for r in rows:
            out.write(json.dumps(dict(r, at=iso(r["at"])), ensure_ascii=False) + "\n")
    elif args.csv:
        w = csv.writer(out)
        w.writerow(CSV_COLUMNS)
        for r in rows:
            w.writerow([json.dumps(r[c], ensure_ascii=False, sort_keys=True) if c == "details" else
                        iso(r[c]) if c == "at" else ("" if r[c] is None else r[c]) for c in CSV_COLUMNS])
    else:
        out.write(timeline(rows, describe(filters)) + "\n")
    out.flush()


def run_verify(args) -> int:
    from storage.audit.verify import verify

    store, index, vault = _open()
    _sync(store, index, vault, quiet=True)
    report = verify(store, index, vault)
    if args.json:
        p = report.problem
        print(json.dumps({"ok": report.ok, "events_checked": report.checked, "last_seq": report.last_seq,
                          "index_checked": report.index_checked, "lock_checked": report.lock_checked,
                          "lock_missing": len(report.lock_missing), "seconds": round(report.seconds, 3),
                          "problem": None if p is None else {"seq": p.seq, "what": p.what, "message": p.message,
                                                             "event": p.event}}, ensure_ascii=False))
        return 0 if report.ok else 1
    if report.ok:
        rate = report.checked / report.seconds if report.seconds > 0 else 0
        rate_fr = f"{rate:,.0f}".replace(",", " ")
        print(f"Journal d'audit intact : {report.checked} événement(s) vérifié(s) (n°1 à n°{report.last_seq}), "
              f"chaîne d'empreintes SHA-256 continue ({rate_fr} événements/s).")
        print(f"  comparés à l'index : {report.index_checked} ; à leur copie verrouillée : {report.lock_checked}"
              + (f" ({len(report.lock_missing)} copie(s) manquante(s))" if report.lock_missing else ""))
        if vault is None:
            print("  stockage local : pas de verrouillage d'objets (les altérations sont détectées, pas empêchées)")
        elif report.lock_note:
            print(f"  {report.lock_note}")
        return 0
    p = report.problem
    print(f"Journal d'audit ALTÉRÉ : {p.message}.")
    if p.event:
        print("  événement concerné : " + _one_line(p.event))
    print(f"  {report.checked} événement(s) vérifié(s) intacts avant celui-ci.")
    return 1


def run_sync(args) -> int:
    store, index, vault = _open()
    n = _sync(store, index, vault)
    print(f"Index d'audit à jour : {n} nouvel(s) événement(s), dernier n°{index.position()[0]}.")
    return 0


def run_rebuild(args) -> int:
    from storage.audit.index import ChainBroken
    from storage.audit.lock import sealer

    store, index, vault = _open()
    try:
        n = index.rebuild(store, sealer(vault))
    except ChainBroken as exc:
        print(f"aiguillage : {exc}", file=sys.stderr)
        return 1
    print(f"Index d'audit reconstruit : {n} événement(s).")
    return 0


# -- readable output --------------------------------------------------------------------------

def describe(f) -> str:
    parts = [label for label, value in (("document", f.document), ("locataire", f.tenant),
                                        ("fournisseur", f.supplier), ("équipe", f.team), ("acteur", f.actor))
             for label in ([f"{label} {value}"] if value else [])]
    if f.kinds:
        parts.append("événements " + ", ".join(KIND_FR.get(k, k) for k in f.kinds))
    if f.since:
        parts.append(f"depuis {f.since}")
    if f.until:
        parts.append(f"jusqu'au {f.until}")
    return "; ".join(parts) or "tous les événements"


def timeline(rows: list[dict], title: str) -> str:
    if not rows:
        return f"Journal d'audit — {title} : aucun événement."
    lines = [f"Journal d'audit — {title} : {len(rows)} événement(s) (heure de Paris)"]
    width = max(len(r["actor"]) for r in rows)
    for r in rows:
        doc = f"  [doc {r['document_id'][:12]}]" if r.get("document_id") else ""
        lines.append(f"  {local_time(r['at'])}  n°{r['seq']:<6} {r['actor']:<{width}}  "
                     f"{KIND_FR.get(r['kind'], r['kind'])} — {summary(r)}{doc}")
    return "\n".join(lines)


def local_time(at: str) -> str:
    return shown(at, "%Y-%m-%d %H:%M:%S")


def summary(r: dict) -> str:
    d = r.get("details") if isinstance(r.get("details"), dict) else {}
    kind, queue = r["kind"], r.get("queue")
    if kind == "received":
        return f"fichier {d.get('filename', '?')} ({d.get('size', '?')} octets)"
    if kind == "split":
        return f"{len(d.get('documents') or [])} document(s), pages écartées {d.get('dropped') or 'aucune'}"
    if kind == "ocr":
        return f"pages {d.get('pages')}, confiance moyenne {d.get('mean_confidence')}"
    if kind == "classified":
        conf = d.get("confidence")
        return f"{d.get('type')} (confiance {conf:.2f})" + (" urgent" if d.get("urgent") else "") \
            if isinstance(conf, (int, float)) else str(d.get("type"))
    if kind == "extracted":
        ids = [f"{k} {d[k]}" for k in ("tenant_reference", "supplier_id", "supplier_siret") if d.get(k)]
        return f"{len(d.get('fields') or [])} champ(s) : {', '.join(d.get('fields') or []) or '-'}" + \
            (f" ; {', '.join(ids)}" if ids else "")
    if kind == "routed":
        return f"→ {queue} ({d.get('status')}, règle {d.get('rule')})"
    if kind == "copied":
        return f"copie → {queue} (file principale {d.get('main_queue')})"
    if kind == "quarantined":
        return f"→ {queue} : {d.get('reason')}"
    if kind == "corrected":
        changes = d.get("changes") or {}
        return "; ".join(f"{k} : {v.get('old')} → {v.get('new')}" if isinstance(v, dict) else f"{k}"
                         for k, v in changes.items()) or "-"
    if kind in ("rerouted", "returned"):
        src, dst = (queue, d["to"]) if d.get("to") else (d.get("from"), queue)
        return f"{src} → {dst} : {d.get('reason')}"
    rest = ", ".join(f"{k}={v}" for k, v in d.items())
    return (f"file {queue}" if queue else "") + (f" ; {rest}" if rest and queue else rest)


def _one_line(event: dict) -> str:
    return (f"n°{event.get('seq', '?')} " if "seq" in event else "") + \
        f"{event.get('kind')} par {event.get('actor')} le {local_time(str(event.get('at', '')))}" + \
        (f", document {event.get('document_id')}" if event.get("document_id") else "") + \
        (f", file {event.get('queue')}" if event.get("queue") else "") + \
        f" (id {event.get('event_id')})"
