"""``aiguillage inbox list|show|claim|complete|reroute|release|return``: a team member's queue.

The team is always given (``--team``), the person (``--user``) defaults to the login; a team works its own queue
only, and restricted documents exist for the social support team alone. Readable French
tables by default, ``--json`` for scripts (one JSON object per line).
"""

from __future__ import annotations

import json
import sys
import time

from cli.errors import UsageError
from cli.who import login
from config.clock import iso, shown

LEASE_MINUTES = 30


def register(sub) -> None:
    p = sub.add_parser("inbox", help="la file d'une équipe : lister, voir, prendre, traiter, réaiguiller",
                       description="Travailler la file de son équipe. --team est obligatoire ; --user vaut par défaut "
                                   "l'identifiant de connexion.")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True

    def action(name, help_, doc=True, doc_optional=False):
        a = actions.add_parser(name, help=help_, description=help_)
        a.add_argument("--team", required=True, metavar="EQUIPE", help="l'équipe (= sa file), ex. technique")
        a.add_argument("--user", default=login(), metavar="PERSONNE",
                       help="qui agit, ex. marie.dupont (défaut : l'identifiant de connexion)")
        a.add_argument("--json", action="store_true", help="sortie JSON (une ligne par objet)")
        if doc:
            a.add_argument("document", metavar="DOCUMENT", nargs="?" if doc_optional else None,
                           help="identifiant du document")
        a.set_defaults(func=_guarded(globals()[f"_{name}"]))
        return a

    action("list", "les documents ouverts de la file, par priorité, échéance puis ancienneté", doc=False)
    action("show", "le détail d'un document et son historique (consultation journalisée)")
    c = action("claim", "prendre un document (le premier libre si aucun n'est donné)", doc_optional=True)
    c.add_argument("--minutes", type=float, default=LEASE_MINUTES,
                   help=f"durée de la prise en charge (défaut {LEASE_MINUTES})")
    d = action("complete", "marquer un document pris comme traité")
    d.add_argument("--note", default="", help="commentaire gardé dans l'historique")
    r = action("reroute", "envoyer le document à une autre file, avec un motif")
    r.add_argument("--to", required=True, metavar="EQUIPE", help="équipe (= file) de destination")
    r.add_argument("--reason", required=True, metavar="MOTIF", help="pourquoi (gardé dans l'historique)")
    action("release", "rendre un document pris à la file, sans le traiter")
    b = action("return", "renvoyer le document en vidéocodage (type ou champs à revoir)")
    b.add_argument("--reason", required=True, metavar="MOTIF")


def _guarded(fn):
    """The action with its context. A refused operation (InboxError: exit 1) or a storage
    failure (4, 5, 7) ends in cli.main: one French line and its exit status."""
    def run(args) -> int:
        return fn(args, *_context(args))
    return run


def _context(args):
    from config import load_settings, load_taxonomy
    from storage.factory import open_store
    from storage.workitems import Member

    settings = load_settings()
    taxonomy = load_taxonomy()
    if args.team not in taxonomy.queues:
        raise UsageError(f"équipe « {args.team} » inconnue (équipes : {', '.join(taxonomy.queues)})")
    social = {t.queue for t in taxonomy.types.values() if t.restricted}
    try:
        member = Member(args.team, args.user, sees_restricted=args.team in social)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return member, open_store(settings), taxonomy


def _list(args, member, store, taxonomy) -> int:
    from storage.workitems import list_queue

    now = time.time()
    lines = list_queue(store, member, now)
    if args.json:
        for ln in lines:
            e = ln.entry
            _out({"document_id": e.document_id, "queue": e.queue, "priority": e.priority,
                  "deadline": iso(e.deadline), "received_at": iso(e.created),
                  "type": e.type, "urgent": e.urgent, "restricted": e.restricted, "holder": ln.holder,
                  "lease_expires": iso(ln.expires)})
        return 0
    from cli.output import table

    rows = []
    for ln in lines:
        e = ln.entry
        late = e.deadline is not None and e.deadline < now
        rows.append([e.document_id, str(e.priority) + (" urgent" if e.urgent else ""),
                     _when(e.deadline) + (" (dépassée)" if late else ""), _when(e.created),
                     _label(taxonomy, e.type), _holder(ln, member.user)])
    taken = sum(1 for ln in lines if ln.holder)
    print(table(rows, ["Document", "Priorité", "Échéance", "Reçu le", "Type", "État"]))
    print(f"\n{len(lines)} document(s) dans la file {taxonomy.queues[member.queue]}, {taken} pris")
    return 0


def _show(args, member, store, taxonomy) -> int:
    from dataclasses import asdict

    from storage.workitems import show

    item, mark = show(store, member, args.document)
    now = time.time()
    lease = None
    if mark is not None and mark.held(now):
        lease = {"holder": mark.actor, "expires": _iso(mark.expires)}
    if args.json:
        _out(dict(asdict(item), lease=lease))
        return 0
    print(f"Document {item.document_id} — {_label(taxonomy, item.type)}"
          + (f" (confiance {item.confidence:.2f})" if item.confidence is not None else ""))
    print(f"  File        : {taxonomy.queues.get(item.queue, item.queue)}"
          + (f" (copie ; file principale {item.copy_of})" if item.copy_of else ""))
    from cli.routes_cmd import STATE_FR as state
    print(f"  État        : {state.get(item.state, item.state)}"
          + (f", pris par {lease['holder']} jusqu'à {_when(mark.expires)}" if lease else ""))
    print(f"  Priorité    : {item.priority}{' (urgent)' if item.urgent else ''}")
    print(f"  Échéance    : {_when(_epoch(item.deadline))}")
    print(f"  Source      : {item.source}, page(s) {', '.join(map(str, item.source_pages)) or '-'}")
    if item.reason:
        print(f"  Motif       : {item.reason}")
    if item.fields:
        print("  Champs :")
        for k, v in item.fields.items():
            print(f"    {k} : {v}")
    print("  Historique :")
    for h in item.history:
        to = f" → {h['to']}" if h.get("to") else ""
        note = f" : {h['note']}" if h.get("note") else ""
        print(f"    {h.get('at', '-')}  {h.get('actor', '?')}  {h.get('action', '?')} ({h.get('queue', '')}{to}){note}")
    return 0


def _claim(args, member, store, taxonomy) -> int:
    from storage.workitems import claim

    if args.minutes <= 0:
        raise UsageError("--minutes doit être positif")
    item, mark = claim(store, member, args.document, lease_seconds=args.minutes * 60)
    if args.json:
        _out({"document_id": item.document_id, "queue": member.queue, "holder": mark.actor,
              "lease_expires": _iso(mark.expires), "type": item.type, "priority": item.priority})
    else:
        print(f"Document {item.document_id} ({_label(taxonomy, item.type)}, priorité {item.priority}) "
              f"pris par {mark.actor} jusqu'à {_when(mark.expires)}")
    return 0


def _complete(args, member, store, taxonomy) -> int:
    from storage.workitems import complete

    item = complete(store, member, args.document, note=args.note)
    return _done(args, item, f"Document {item.document_id} traité par {member.user}")


def _release(args, member, store, taxonomy) -> int:
    from storage.workitems import release

    item = release(store, member, args.document)
    return _done(args, item, f"Document {item.document_id} rendu à la file {member.queue}")


def _reroute(args, member, store, taxonomy) -> int:
    from storage.workitems import reroute, return_to_review

    if args.to not in taxonomy.queues:
        raise UsageError(f"file « {args.to} » inconnue (files : {', '.join(taxonomy.queues)})")
    if args.to == taxonomy.review_queue:
        item = return_to_review(store, member, args.document, args.reason, review_queue=taxonomy.review_queue)
    else:
        item = reroute(store, member, args.document, args.to, args.reason)
    return _done(args, item, f"Document {item.document_id} envoyé à la file {taxonomy.queues[item.queue]} "
                             f"({args.reason})")


def _return(args, member, store, taxonomy) -> int:
    from storage.workitems import return_to_review

    item = return_to_review(store, member, args.document, args.reason, review_queue=taxonomy.review_queue)
    return _done(args, item, f"Document {item.document_id} renvoyé en vidéocodage ({args.reason})")


def _done(args, item, message: str) -> int:
    if args.json:
        _out({"document_id": item.document_id, "queue": item.queue, "state": item.state,
              "history": item.history})
    else:
        print(message)
    return 0


def _holder(line, me: str) -> str:
    if not line.holder:
        return "libre"
    who = "vous" if line.holder == me else line.holder
    return f"pris par {who} jusqu'à {shown(line.expires, '%H:%M')}"


def _label(taxonomy, code: str | None) -> str:
    if code is None:
        return "-"
    t = taxonomy.types.get(code)
    return t.label if t else code


def _when(t: float | None) -> str:
    return shown(t)


def _epoch(iso_time: str | None) -> float | None:
    from storage.queues import epoch

    return epoch(iso_time)


def _iso(t: float | None) -> str | None:
    return iso(t)


def _out(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
