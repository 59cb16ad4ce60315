"""``aiguillage correct FICHIER --user PERSONNE``: vidéocodage corrections in bulk (SPEC.md,
"Corrections: what the vidéocodage station records").

One JSON object per line, ``-`` for standard input::

    {"document_id": "…", "type": "supplier_invoice", "fields": {"invoice_number": "F-12", "iban": null}}

Each line is applied as an operator validating the document at the station does, through the
same Prefect flow (flows/reprocess.py): the document takes that type and those fields (a field
left out keeps its current value, one set to null is cleared), the routing rules send it on to
its queue, the correction is kept for learning and the audit trail names the person. The field
values go through the station's own checks (inbox/checks.py): canonical values, or refused.

A document waiting in vidéocodage is the common case. One already routed to a team (a wrong type
seen by accounts payable) is first sent back to vidéocodage by the same person, then corrected.
Refused, with the reason: unknown document, type or field, an unreadable value, a document held
by someone else, one already handled and closed.

One JSON line per input line on standard output: ``document_id``, ``status`` (``corrected`` or
``error``), ``queue``, ``reason``. Exit status 0 when every line applied, 1 when any was
refused (the others still apply), 2 for a usage error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterator

from cli.errors import UsageError
from cli.who import login

VIA = "aiguillage correct"


def register(sub) -> None:
    p = sub.add_parser("correct", help="appliquer des corrections de vidéocodage (une ligne JSON par document)",
                       description="Applique chaque correction comme un opérateur qui valide le document au "
                                   "poste de vidéocodage : le document prend ce type et ces champs (un champ "
                                   "absent garde sa valeur, un champ à null est effacé), part dans sa file, la "
                                   "correction est gardée pour l'apprentissage et le journal d'audit nomme la "
                                   "personne. Une ligne JSON de résultat par ligne lue.")
    p.add_argument("file", metavar="FICHIER",
                   help='lignes JSON {"document_id": …, "type": …, "fields": {…}} ; « - » pour l\'entrée standard')
    p.add_argument("--user", default=login(), metavar="PERSONNE",
                   help="qui corrige, nommé dans le journal d'audit, ex. marie.dupont "
                        "(défaut : l'identifiant de connexion)")
    p.set_defaults(func=correct)


class Refused(Exception):
    """A line that cannot be applied; the message is its ``reason`` (French)."""


def correct(args) -> int:
    from storage.claims import check_user
    from wiring.runtime import runtime

    try:
        user = check_user(args.user)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    source = _open(args.file)
    rt = runtime()  # a bad setting or configuration file: exit 2, before any line
    flow = _Flow(rt)
    refused = 0
    try:
        for number, raw in _lines(source):
            result = apply_line(rt, number, raw, user, flow)
            if result is None:
                continue  # a blank line
            refused += result["status"] != "corrected"
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
            sys.stdout.flush()
    finally:
        if source is not sys.stdin.buffer:
            source.close()
    return 1 if refused else 0


def apply_line(rt, number: int, raw: bytes, user: str, flow: Callable[..., dict]) -> dict | None:
    """The result line for input line ``number``; None for a blank line."""
    from storage.workitems import InboxError

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return _error(None, f"ligne {number} : pas en UTF-8")
    if not text.strip():
        return None
    try:
        line = json.loads(text)
    except ValueError as exc:
        where = f" (colonne {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        return _error(None, f"ligne {number} : JSON illisible{where}")
    if not isinstance(line, dict):
        return _error(None, f'ligne {number} : un objet JSON est attendu ({{"document_id": …, "type": …, '
                            f'"fields": {{…}}}})')
    document_id = line.get("document_id")
    if not isinstance(document_id, str) or not document_id.strip():
        return _error(None, f"ligne {number} : document_id manquant")
    try:
        doc_type, fields, record = _merged(rt, document_id, line)
        queue = _to_review(rt, document_id, record, user)
        lease = _lease(rt, document_id)
        try:
            result = flow(document_id, doc_type, fields, user)
        except (InboxError, _reprocess_error()) as exc:
            _give_back(rt, document_id, user, lease)
            raise Refused(_after(rt, queue, str(exc))) from None
        except Exception as exc:  # noqa: BLE001 - as the station: say it failed, the document stays
            from cli.errors import ours

            if ours(exc) is not None and not isinstance(ours(exc), InboxError):
                raise  # storage down, credentials refused…: the command stops with its exit status
            import logging

            logging.getLogger("aiguillage").error("correction de %s", document_id, exc_info=exc)
            _give_back(rt, document_id, user, lease)
            raise Refused(_after(rt, queue, f"le traitement a échoué ({type(exc).__name__})")) from None
    except Refused as exc:
        return _error(document_id, f"ligne {number} : {exc}")
    except InboxError as exc:
        return _error(document_id, f"ligne {number} : {exc}")
    return {"document_id": document_id, "status": "corrected", "queue": result["queue"], "reason": None}


def _merged(rt, document_id: str, line: dict) -> tuple[str, dict[str, Any], dict]:
    """The line's type, the document's current fields with the line's applied, its record."""
    from inbox.checks import check_values
    from storage import documents, layout

    tax = rt.taxonomy
    doc_type = line.get("type")
    if not isinstance(doc_type, str) or not doc_type:
        raise Refused("type manquant")
    if doc_type not in tax.types:
        raise Refused(f"type « {doc_type} » inconnu (types : {', '.join(tax.types)})")
    given = line.get("fields", {})
    if given is None:
        given = {}
    if not isinstance(given, dict):
        raise Refused('« fields » doit être un objet JSON ({"champ": "valeur", …})')
    unknown = [k for k in given if k not in tax.fields]
    if unknown:
        raise Refused(f"champ « {unknown[0]} » inconnu (champs : {', '.join(tax.fields)})")
    values: dict[str, str] = {}
    for name, value in given.items():
        if value is None or value == "":
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise Refused(f"champ {name} : une chaîne est attendue")
        values[name] = str(value)
    clean, problems = check_values(values)
    if problems:
        name, problem = next(iter(problems.items()))
        raise Refused(f"champ {name} ({tax.field_label(name)}) : {problem}")
    if not layout.is_id(document_id):
        raise Refused(f"document {document_id} inconnu")
    try:
        record = documents.read_json(rt.store, document_id, "record.json")
    except documents.UnreadableArtefact as exc:
        raise Refused(str(exc)) from None
    if not record:
        raise Refused(f"document {document_id} inconnu")
    if record.get("status") == "quarantined":
        raise Refused(f"document {document_id} en quarantaine : rien à corriger")
    fields = {k: v for k, v in (record.get("fields") or {}).items() if v not in (None, "")}
    fields.update({k: clean.get(k, v) for k, v in values.items()})
    for name, value in given.items():
        if value is None or value == "":
            fields.pop(name, None)
    return doc_type, fields, record


def _to_review(rt, document_id: str, record: dict, user: str) -> str:
    """Where the document's open item was. One waiting in vidéocodage stays there for the flow
    to claim; one in a team's queue is sent back to vidéocodage first, by ``user``, as a team
    member would (refused while someone holds it)."""
    from storage import workitems

    review = rt.taxonomy.review_queue
    item, closed = _find(rt, document_id, record.get("queue"))
    if item is None:
        if closed is not None:
            last = closed.history[-1] if closed.history else {}
            by = f" par {last['actor']}" if last.get("actor") else ""
            raise Refused(f"document {document_id} déjà traité (clos dans la file {closed.queue}{by})")
        raise Refused(f"document {document_id} : aucun élément ouvert dans les files")
    if item.queue == review:
        return review
    member = workitems.Member(item.queue, user, sees_restricted=True)
    workitems.return_to_review(rt.store, member, document_id, f"correction de vidéocodage par {user} ({VIA})",
                               review_queue=review)
    return item.queue


def _find(rt, document_id: str, record_queue: object):
    """The document's open main item (vidéocodage first, then the queue its record names, then
    every other), else the last closed one."""
    from storage import queues
    from storage.errors import ObjectNotFound

    tax = rt.taxonomy
    order = [tax.review_queue, record_queue if isinstance(record_queue, str) else None, *tax.queues]
    seen: set[str] = set()
    closed = None
    for queue in order:
        if not queue or queue in seen or queue == tax.quarantine_queue:
            continue
        seen.add(queue)
        try:
            item = queues.get_item(rt.store, queue, document_id)
        except (ObjectNotFound, ValueError):
            continue
        if item.copy_of:
            continue
        if item.is_open:
            return item, None
        if closed is None or (item.closed_at or "") > (closed.closed_at or ""):
            closed = item
    return None, closed


def _lease(rt, document_id: str):
    """The head of the item's claim chain in vidéocodage before the flow runs."""
    from storage import claims

    return claims.head(rt.store, rt.taxonomy.review_queue, document_id)


def _give_back(rt, document_id: str, user: str, before) -> None:
    """After a failed correction, release the item if the flow took it for ``user`` (one they
    held already stays theirs), so that it does not wait for the lease to expire."""
    from storage import claims, workitems

    review = rt.taxonomy.review_queue
    head = claims.head(rt.store, review, document_id)
    if head is None or head.kind != claims.CLAIMED or head.actor != user:
        return
    if before is not None and before.kind == claims.CLAIMED and before.actor == user:
        return
    try:
        workitems.release(rt.store, workitems.Member(review, user, sees_restricted=True), document_id)
    except workitems.InboxError:
        pass


def _after(rt, queue: str, message: str) -> str:
    if queue != rt.taxonomy.review_queue:
        return f"{message} ; le document attend désormais en vidéocodage"
    return message


def _error(document_id: str | None, reason: str) -> dict:
    return {"document_id": document_id, "status": "error", "queue": None, "reason": reason}


def _reprocess_error() -> type:
    from flows.reprocess import ReprocessError

    return ReprocessError


class _Flow:
    """The station's Prefect flow (flows/reprocess.py), set up on the first line that needs it:
    Prefect's state under AIGUILLAGE_HOME and its messages in the log file, as for ``run``."""

    def __init__(self, rt):
        self.rt = rt
        self._run: Callable[..., dict] | None = None

    def __call__(self, document_id: str, doc_type: str, fields: dict, user: str) -> dict:
        if self._run is None:
            self._run = self._start()
        return self._run(document_id, doc_type, fields, user)

    def _start(self) -> Callable[..., dict]:
        from cli.logs import at_end, send_logs_to_file, silence_exit_noise
        from wiring.runtime import prepare_prefect_environment

        starting = "prefect" not in sys.modules  # else this process runs Prefect already (tests, web app)
        logfile = prepare_prefect_environment(self.rt.settings) if starting else None
        from wiring import temporary_server

        if logfile is not None:
            temporary_server.start(logfile)
        from flows.reprocess import reprocess_document

        temporary_server.wait()

        if logfile is not None:
            send_logs_to_file(logfile)  # after Prefect set its own logging up
            at_end(lambda: silence_exit_noise(logfile))
        return reprocess_document


def _open(name: str) -> BinaryIO:
    if name == "-":
        return sys.stdin.buffer
    path = Path(name)
    if not path.exists():
        raise UsageError(f"fichier introuvable : {name}")
    if path.is_dir():
        raise UsageError(f"{name} est un dossier : un fichier de lignes JSON est attendu")
    return path.open("rb")  # refused (rights): exit 9, as for any local file


def _lines(source: BinaryIO) -> Iterator[tuple[int, bytes]]:
    for number, raw in enumerate(source, start=1):
        yield number, raw.rstrip(b"\r\n")
