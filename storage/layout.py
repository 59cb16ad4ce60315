"""Where everything lives in the object store: one function per kind of object, and the only
place that builds or takes apart a key (a test checks that no module outside ``storage/``
holds a key literal or splits a key).

    originals/<sha[:2]>/<sha256>                      the file as received, byte for byte
    receipts/<sha256>.json                            first reception of a file (name, time)
    receipts/<sha256>.outcome.json                    what became of it, once fully handled
    documents/<document_id>/record.json               type, fields, confidence, routing, source pages
    documents/<document_id>/text.json                 OCR or PDF text, with word boxes and confidences
    documents/<document_id>/searchable.pdf            the scanned pages with an invisible text layer
    documents/<document_id>/facturx.xml               a Factur-X invoice's embedded XML
    documents/<document_id>/routed.json               written last, once: the document is delivered
    queues/<queue>/items/<document_id>.json           a work item (versioned JSON envelope)
    queues/<queue>/index/<order>.<document_id>.<…>    an empty object per open item: one LIST sorts a queue
    queues/<queue>/leases/<document_id>/<generation>  the claim chain of an item (who holds it)
    queues/<queue>/claimed/<document_id>.<…>          who holds what, for listings (advisory)
    corrections/<document_id>.json                    an operator's correction, kept for training
    intake/<sha256>/<file name>                       a file pushed by a station, waiting to be routed
    intake-dispatch/<sha256>.json                     create-only marker: that push was handed to a worker
    learned/suppliers/<id>.json                       a supplier identity taught by a validated correction
    learned/tenants/<hash of reference>.json          a tenant reference and name taught likewise
    audit/chain/<block>/<sequence>.json               one audit event, hash-chained
    audit/head.json                                   where the chain's next event goes (a hint)
"""

from __future__ import annotations

import re

ORIGINALS = "originals/"
RECEIPTS = "receipts/"
DOCUMENTS = "documents/"
QUEUES = "queues/"
CORRECTIONS = "corrections/"
INTAKE = "intake/"
DISPATCHED = "intake-dispatch/"
LEARNED_SUPPLIERS = "learned/suppliers/"
LEARNED_TENANTS = "learned/tenants/"
AUDIT_CHAIN = "audit/chain/"
AUDIT_HEAD = "audit/head.json"
ARTEFACTS = ("record.json", "text.json", "searchable.pdf", "facturx.xml", "routed.json")

_ID = re.compile(r"^[0-9a-f]{8,64}$")
_QUEUE = re.compile(r"^[a-z][a-z0-9-]{1,62}$")
_SHA = re.compile(r"^[0-9a-f]{64}$")


def is_id(value: str) -> bool:
    """True for a document id or a SHA-256 as keys hold them (lower-case hexadecimal)."""
    return bool(_ID.match(value or ""))


def check_id(value: str) -> str:
    if not is_id(value):
        raise ValueError(f"identifiant invalide : {value!r}")
    return value


def check_queue(queue: str) -> str:
    if not _QUEUE.match(queue or ""):
        raise ValueError(f"nom de file invalide : {queue!r}")
    return queue


# -- files and documents ----------------------------------------------------------------

def original(sha256: str) -> str:
    return f"{ORIGINALS}{check_id(sha256)[:2]}/{sha256}"


def receipt(sha256: str) -> str:
    return f"{RECEIPTS}{check_id(sha256)}.json"


def outcome(sha256: str) -> str:
    return f"{RECEIPTS}{check_id(sha256)}.outcome.json"


def document(document_id: str, name: str) -> str:
    if name not in ARTEFACTS:
        raise ValueError(f"artefact inconnu : {name}")
    return f"{DOCUMENTS}{check_id(document_id)}/{name}"


def document_of(key: str) -> tuple[str, str] | None:
    """``(document_id, artefact)`` of a key under ``documents/``; None for anything else."""
    if not key.startswith(DOCUMENTS):
        return None
    doc_id, _, name = key[len(DOCUMENTS):].partition("/")
    return (doc_id, name) if is_id(doc_id) and name in ARTEFACTS else None


def correction(document_id: str) -> str:
    return f"{CORRECTIONS}{check_id(document_id)}.json"


# -- what corrections taught ------------------------------------------------------------

_LEARNED_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")


def learned_supplier(learned_id: str) -> str:
    if not _LEARNED_ID.match(learned_id or ""):
        raise ValueError(f"identifiant de fournisseur appris invalide : {learned_id!r}")
    return f"{LEARNED_SUPPLIERS}{learned_id}.json"


def learned_tenant(reference_hash: str) -> str:
    return f"{LEARNED_TENANTS}{check_id(reference_hash)}.json"


def is_learned_entry(prefix: str, key: str) -> bool:
    """True for a learned entry's object right under ``prefix`` (``LEARNED_SUPPLIERS``, ``LEARNED_TENANTS``)."""
    rest = key[len(prefix):] if key.startswith(prefix) else ""
    return rest.endswith(".json") and "/" not in rest and len(rest) > 5


# -- queues ---------------------------------------------------------------------------

def queue_prefix(queue: str) -> str:
    return f"{QUEUES}{check_queue(queue)}/items/"


def queue_item(queue: str, document_id: str) -> str:
    return queue_prefix(queue) + f"{check_id(document_id)}.json"


def is_queue_item(queue: str, key: str) -> bool:
    """True for an item object of ``queue`` (not its index, leases or holders)."""
    rest = key[len(queue_prefix(queue)):] if key.startswith(queue_prefix(queue)) else ""
    return rest.endswith(".json") and "/" not in rest


def queue_index(queue: str) -> str:
    return f"{QUEUES}{check_queue(queue)}/index/"


def lease_chain(queue: str, document_id: str) -> str:
    return f"{QUEUES}{check_queue(queue)}/leases/{check_id(document_id)}/"


def holders(queue: str) -> str:
    return f"{QUEUES}{check_queue(queue)}/claimed/"


# -- intake from stations ----------------------------------------------------------------

def intake(sha256: str, name: str) -> str:
    """A pushed file, under its own name (no folder part: a name never adds a level)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    if not base or base in (".", ".."):
        raise ValueError(f"nom de fichier invalide : {name!r}")
    return f"{INTAKE}{check_id(sha256)}/{base}"


def intake_of(key: str) -> tuple[str, str] | None:
    """``(sha256, file name)`` of a pushed file's key; None for anything else."""
    if not key.startswith(INTAKE):
        return None
    sha, _, name = key[len(INTAKE):].partition("/")
    return (sha, name) if _SHA.match(sha) and name and "/" not in name else None


def dispatch_marker(intake_key: str) -> str:
    parts = intake_of(intake_key)
    if parts is None:
        raise ValueError(f"pas un fichier déposé : {intake_key!r}")
    return f"{DISPATCHED}{parts[0]}.json"


# -- audit ------------------------------------------------------------------------------

def audit_event(seq: int, block_size: int) -> str:
    return f"{AUDIT_CHAIN}{seq // block_size:08d}/{seq:012d}.json"


def audit_block(block: int) -> str:
    return f"{AUDIT_CHAIN}{block:08d}/"


_AUDIT_EVENT = re.compile(r"^audit/chain/(\d{8})/(\d{12})\.json$")


def audit_seq_of(key: str, block_size: int) -> int | None:
    """The sequence number an audit event's key names; None for anything else."""
    m = _AUDIT_EVENT.match(key)
    if not m or int(m.group(2)) // block_size != int(m.group(1)):
        return None
    return int(m.group(2))
