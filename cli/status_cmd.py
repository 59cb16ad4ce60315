"""``aiguillage status``: how the mail room stands, in French (``--json`` for scripts).

    aiguillage status [--json]

Each queue with its open items, its oldest item's age, its overdue and urgent items; today's
intake (Paris day) with its straight-through and review rates and quarantine by reason;
documents and pages per minute over the last quarter hour. Read from the store: the truth of
the whole system, whichever machine did the work. Counts only, no personal data.
"""

from __future__ import annotations

import json


def register(sub) -> None:
    p = sub.add_parser("status", help="état du courrier : files, retards, entrée du jour",
                       description="Pour chaque file : éléments en attente, âge du plus ancien, en retard, "
                                   "urgents ; l'entrée du jour avec ses taux de traitement sans intervention "
                                   "et de vidéocodage, la quarantaine par motif.")
    p.add_argument("--json", action="store_true", help="un objet JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    from config.clock import shown
    from flows.status import QUARANTINE_REASONS, mailroom_state, shown_age, shown_rate
    from wiring.runtime import runtime

    rt = runtime()
    state = mailroom_state(rt.store, rt.taxonomy.queues)
    if args.json:
        print(json.dumps(state.to_json(), ensure_ascii=False))
        return 0
    print(f"État du courrier au {shown(state.at)}")
    print()
    width = max(len(q.queue) for q in state.queues)
    print(f"{'File':<{width}}  {'En attente':>10}  {'Plus ancien':>11}  {'En retard':>9}  {'Urgents':>7}")
    for q in state.queues:
        print(f"{q.queue:<{width}}  {q.depth:>10}  {shown_age(q.oldest_age_seconds):>11}  {q.overdue:>9}  {q.urgent:>7}")
    total = sum(q.depth for q in state.queues)
    late = sum(q.overdue for q in state.queues)
    print(f"{'total':<{width}}  {total:>10}  {'':>11}  {late:>9}  {sum(q.urgent for q in state.queues):>7}")
    d = state.today
    print()
    print(f"Aujourd'hui ({d.date}) : {d.documents} document(s) reçu(s), {d.pages} page(s)")
    s = d.by_status
    print(f"  routés sans intervention : {s['routed']} ({shown_rate(d.straight_through_rate)})")
    print(f"  en vidéocodage : {s['review']} ({shown_rate(d.review_rate)})")
    reasons = ", ".join(f"{QUARANTINE_REASONS.get(k, k)} : {n}" for k, n in d.quarantined_by_reason.items())
    print(f"  en quarantaine : {s['quarantined']}" + (f" ({reasons})" if reasons else ""))
    print(f"  doublons (déjà reçus) : {s['duplicate']}")
    print(f"Débit sur le dernier quart d'heure : {state.documents_per_minute:.1f} document(s)/min, "
          f"{state.pages_per_minute:.1f} page(s)/min".replace(".", ","))
    return 0
