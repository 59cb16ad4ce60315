"""``aiguillage routes explain DOCUMENT_ID``: which rule sent a document where, and why.

Reads the document's record (documents/<id>/record.json), says where it went and by which
rule, follows later reroutes to where it is now, and tells whether today's rules would decide
the same. A restricted document's type is masked unless ``--team`` is the social support team.
"""

from __future__ import annotations

import json
import re
import sys

from cli.errors import UsageError

STATUS_FR = {"routed": "aiguillé", "review": "à vérifier (vidéocodage)", "quarantined": "quarantaine"}
STATE_FR = {"open": "ouvert", "completed": "traité", "rerouted": "réaiguillé",
            "returned": "renvoyé en vidéocodage"}


def register(sub) -> None:
    p = sub.add_parser("routes", help="les règles d'aiguillage : expliquer une décision")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    e = actions.add_parser("explain", help="quelle règle a envoyé un document où, et pourquoi",
                           description="Quelle règle a envoyé un document où, et pourquoi.")
    e.add_argument("document", metavar="DOCUMENT", help="identifiant du document")
    e.add_argument("--team", metavar="EQUIPE", help="équipe qui demande (types restreints masqués sinon)")
    e.add_argument("--json", action="store_true", help="une ligne JSON")
    e.set_defaults(func=explain)


def explain(args) -> int:
    from config import load_settings, load_taxonomy
    from config.routing import Facts, load_routing
    from storage import layout
    from storage.errors import ObjectNotFound
    from storage.factory import open_store

    if not re.fullmatch(r"[0-9a-f]{8,64}", args.document):
        raise UsageError(f"identifiant de document invalide : « {args.document} »")
    settings = load_settings()
    taxonomy = load_taxonomy()
    rules = load_routing(taxonomy, settings["routing.rules_file"])
    store = open_store(settings)  # a storage failure ends in cli.main: one line, its exit status
    try:
        rec = json.loads(store.get(layout.document(args.document, "record.json")))
    except ObjectNotFound:
        print(f"aiguillage : document {args.document} inconnu (aucune fiche dans le stockage)", file=sys.stderr)
        return 1
    now_queue, now_state = _where_now(store, rec["queue"], args.document)

    masked = bool(rec.get("restricted")) and args.team not in {t.queue for t in taxonomy.types.values()
                                                               if t.restricted}
    doc_type = None if masked else rec.get("type")
    today = None
    if not masked and rec.get("type") in taxonomy.types:
        facts = Facts(rec["type"], float(rec.get("confidence") or 0.0), bool(rec.get("urgent")),
                      rec.get("fields") or {})
        d = rules.decide(facts, review=rec.get("status") == "review", review_reason=rec.get("reason") or "")
        today = {"queue": d.queue, "rule": d.rule, "same": d.queue == rec["queue"] and d.rule == rec.get("rule")}
    out = {"document_id": args.document, "type": doc_type, "confidence": rec.get("confidence"),
           "status": rec.get("status"), "queue": rec.get("queue"), "copies": rec.get("copies") or [],
           "rule": rec.get("rule"), "why": None if masked else rec.get("why"), "reason": rec.get("reason"),
           "priority": rec.get("priority"), "deadline": rec.get("deadline"),
           "now": {"queue": now_queue, "state": now_state}, "rules_today": today}
    if args.json:
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        return 0
    label = "(type restreint)" if masked else taxonomy.types[doc_type].label if doc_type in taxonomy.types else doc_type
    conf = f", confiance {rec['confidence']:.2f}" if rec.get("confidence") is not None else ""
    print(f"Document {args.document} : {label}{conf}")
    print(f"  Envoyé à   : {rec['queue']} ({taxonomy.queues.get(rec['queue'], '?')}), "
          f"priorité {rec.get('priority', '-')}, échéance {rec.get('deadline') or '-'}")
    print(f"  Règle      : {rec.get('rule', '-')}" + ("" if masked else f" — {rec.get('why', '')}"))
    print(f"  Statut     : {STATUS_FR.get(rec.get('status'), rec.get('status'))}"
          + (f" — {rec['reason']}" if rec.get("reason") else ""))
    print(f"  Copies     : {', '.join(rec.get('copies') or []) or 'aucune'}")
    print(f"  Aujourd'hui: file {now_queue}, {STATE_FR.get(now_state, now_state)}")
    if today is not None:
        print("  Règles actuelles : " + ("même décision" if today["same"] else
                                         f"décision différente : file {today['queue']} (règle {today['rule']})"))
    return 0


def _where_now(store, queue: str, document_id: str) -> tuple[str, str]:
    """Follow the item's moves from its first queue to where it is now."""
    from storage.errors import ObjectNotFound
    from storage.queues import get_item

    state = "absent"
    for _ in range(20):
        try:
            item = get_item(store, queue, document_id)
        except (ObjectNotFound, ValueError):
            return queue, state
        state = item.state
        moves = [h for h in item.history if h.get("to") and h.get("queue") == queue]
        if item.is_open or not moves or item.state == "completed":
            return queue, state
        queue = moves[-1]["to"]
    return queue, state
