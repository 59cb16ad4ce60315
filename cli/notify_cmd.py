"""``aiguillage notifications``: what is waiting to be told, and telling it now.

    aiguillage notifications list [--json]     waiting, then the last sent and given up
    aiguillage notifications send              send what is due now
    aiguillage notifications digest [--json]   build today's digests of overdue items and send them
"""

from __future__ import annotations

import json


def register(sub) -> None:
    p = sub.add_parser("notifications", help="notifications aux équipes : en attente, envoyer, résumé du matin",
                       description="Les courriers urgents sont signalés à leur équipe (e-mail, webhooks) dès leur "
                                   "arrivée, et chaque matin un résumé des éléments en retard ; ce qui n'a pas pu "
                                   "partir attend et repart tout seul.")
    p.set_defaults(func=run_list, json=False)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    ls = actions.add_parser("list", help="en attente, envoyées, abandonnées")
    ls.add_argument("--json", action="store_true", help="un objet JSON")
    ls.set_defaults(func=run_list)
    actions.add_parser("send", help="envoyer maintenant ce qui est dû").set_defaults(func=run_send)
    dg = actions.add_parser("digest", help="préparer et envoyer le résumé du jour des éléments en retard")
    dg.add_argument("--json", action="store_true", help="un objet JSON")
    dg.set_defaults(func=run_digest)


def _rt_and_settings():
    from flows.notify import notify_settings
    from wiring.runtime import runtime

    rt = runtime()
    return rt, notify_settings(rt)


def run_list(args) -> int:
    from config.clock import shown
    from storage import notifications as outbox

    rt, ns = _rt_and_settings()
    waiting = list(outbox.pending(rt.store))
    sent = outbox.finished(rt.store, "sent")[-20:]
    given_up = outbox.finished(rt.store, "abandoned")[-20:]
    if args.json:
        print(json.dumps({"enabled": ns.enabled, "pending": [_row(e.__dict__) for e in waiting],
                          "sent": [_row(r) for r in sent], "abandoned": [_row(r) for r in given_up]},
                         ensure_ascii=False))
        return 0
    if not ns.enabled:
        print("Aucune équipe n'a de canal de notification (réglage notify.teams).")
    print(f"En attente : {len(waiting)}")
    for e in waiting:
        print(f"  {e.kind:7} {e.team:26} essais {e.attempts}, prochain {shown(e.next_attempt_at)}"
              + (f" — {e.last_error}" if e.last_error else ""))
    print(f"Envoyées (dernières) : {len(sent)}")
    for r in sent:
        print(f"  {r['kind']:7} {r['team']:26} {shown(r['finished_at'])}")
    if given_up:
        print(f"Abandonnées : {len(given_up)}")
        for r in given_up:
            print(f"  {r['kind']:7} {r['team']:26} {shown(r['finished_at'])} — {r.get('last_error')}")
    return 0


def _row(r: dict) -> dict:
    keep = ("id", "kind", "team", "document_id", "restricted", "attempts", "last_error", "created_at",
            "next_attempt_at", "finished_at")
    return {k: r.get(k) for k in keep if k in r}


def run_send(args) -> int:
    from flows.notify import send_due

    rt, ns = _rt_and_settings()
    counts = send_due(rt)
    print(f"{counts['sent']} envoyée(s), {counts['failed']} en échec (nouvel essai plus tard), "
          f"{counts['abandoned']} abandonnée(s)")
    return 0


def run_digest(args) -> int:
    from flows.notify import make_digests, send_due

    rt, ns = _rt_and_settings()
    made = make_digests(rt)
    counts = send_due(rt)
    if args.json:
        print(json.dumps({"digests": made, **counts}))
    else:
        print(f"{made} résumé(s) préparé(s) ; {counts['sent']} envoyé(s), {counts['failed']} en échec")
    return 0
