"""Where everything lives in the object store: one function per kind of object.

    originals/<sha[:2]>/<sha256>              the file as received, byte for byte
    receipts/<sha256>.json                    first reception of a file (name, time)
    receipts/<sha256>.outcome.json            what became of it, once fully handled
    documents/<document_id>/record.json       type, fields, confidence, routing, source pages
    documents/<document_id>/text.json         OCR or PDF text, with word boxes and confidences
    documents/<document_id>/searchable.pdf    the scanned pages with an invisible text layer
    documents/<document_id>/facturx.xml       a Factur-X invoice's embedded XML
    documents/<document_id>/routed.json       written last, once: the document is delivered
    queues/<queue>/items/<document_id>.json   a work item (versioned JSON envelope)
    audit/events/<time>-<id>.json             one audit event
"""

from __future__ import annotations

import re

_ID = re.compile(r"^[0-9a-f]{8,64}$")
_QUEUE = re.compile(r"^[a-z][a-z0-9-]{1,62}$")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"identifiant invalide : {value!r}")
    return value


def original(sha256: str) -> str:
    return f"originals/{_check_id(sha256)[:2]}/{sha256}"


def receipt(sha256: str) -> str:
    return f"receipts/{_check_id(sha256)}.json"


def outcome(sha256: str) -> str:
    return f"receipts/{_check_id(sha256)}.outcome.json"


def document(document_id: str, name: str) -> str:
    if name not in ("record.json", "text.json", "searchable.pdf", "facturx.xml", "routed.json"):
        raise ValueError(f"artefact inconnu : {name}")
    return f"documents/{_check_id(document_id)}/{name}"


def queue_prefix(queue: str) -> str:
    if not _QUEUE.match(queue):
        raise ValueError(f"nom de file invalide : {queue!r}")
    return f"queues/{queue}/items/"


def queue_item(queue: str, document_id: str) -> str:
    return queue_prefix(queue) + f"{_check_id(document_id)}.json"
