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
    documents/<document_id>/einvoice.xml              an e-invoice received as XML (UBL, CII), as received
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
    learned/layouts/<supplier id>.json                where a supplier prints each field (its layout), likewise
    purchase-orders/imported.json                     the ERP's purchase orders, as last imported
    models/versions/<version>/model.tar.gz            a trained type model (the folder, packed)
    models/versions/<version>/scores.json             its scores and how it compared, written last
    models/current/<generation>.json                  create-only chain: the head names the model in service
    payables/index/<supplier>/<kind>/<value>/<id>.json  an invoice's identity (hashed), to find duplicates
    payables/decisions/<document_id>/<alert>.<step>.json  a person cleared or confirmed an alert (create-only)
    exports/journal/<document_id>.json                create-only: that invoice was handed to an export run
    exports/runs/<run>/<file>                         an export run's files; done.json written last
    exports/lock.json                                 one export at a time (with its expiry)
    audit/chain/<block>/<sequence>.json               one audit event, hash-chained
    audit/head.json                                   where the chain's next event goes (a hint)
    audit/aside/<event id>.json                       an event's personal details, outside the chain (erasable)
    audit/subjects/salt.json                          the secret salt of the tenant reference hashes (create-only)
    audit/subjects/ref/<salted sha256 of reference>.json  a tenant reference -> its pseudonym (create-only)
    audit/subjects/id/<pseudonym>.json                a pseudonym -> its tenant reference (the reverse)
    sessions/<sha256 of the token>.json               a web sign-in (who, CSRF token, times): never the token
    holds/<document|tenant|supplier>/<id or hash>.json  a legal hold: retention and erasure skip what it covers
"""

from __future__ import annotations

import hashlib
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
LEARNED_LAYOUTS = "learned/layouts/"
PURCHASE_ORDERS = "purchase-orders/"
PAYABLES_INDEX = "payables/index/"
PAYABLES_DECISIONS = "payables/decisions/"
EXPORT_JOURNAL = "exports/journal/"
EXPORT_RUNS = "exports/runs/"
EXPORT_LOCK = "exports/lock.json"
MODELS = "models/"
MODEL_VERSIONS = "models/versions/"
MODEL_CURRENT = "models/current/"
AUDIT_CHAIN = "audit/chain/"
AUDIT_HEAD = "audit/head.json"
AUDIT_ASIDE = "audit/aside/"
AUDIT_SUBJECTS = "audit/subjects/"
AUDIT_SUBJECT_SALT = "audit/subjects/salt.json"
SESSIONS = "sessions/"
HOLDS = "holds/"
NOTIFICATIONS = "notifications/"  # the notifications outbox (storage/notifications.py)
DAYBOOK = "daybook/"  # one empty object per document handled, by Paris day (storage/daybook.py)
HOLD_SCOPES = ("document", "tenant", "supplier")
ARTEFACTS = ("record.json", "text.json", "searchable.pdf", "facturx.xml", "einvoice.xml", "routed.json")

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


def learned_layout(supplier_id: str) -> str:
    """A supplier's learned layout, by its registry id (``F0001``) or learned id (``L-732829320``)."""
    if not _LEARNED_ID.match(supplier_id or ""):
        raise ValueError(f"identifiant de fournisseur invalide : {supplier_id!r}")
    return f"{LEARNED_LAYOUTS}{supplier_id}.json"


def learned_tenant(reference_hash: str) -> str:
    return f"{LEARNED_TENANTS}{check_id(reference_hash)}.json"


def is_learned_entry(prefix: str, key: str) -> bool:
    """True for a learned entry's object right under ``prefix`` (``LEARNED_SUPPLIERS``, ``LEARNED_TENANTS``,
    ``LEARNED_LAYOUTS``)."""
    rest = key[len(prefix):] if key.startswith(prefix) else ""
    return rest.endswith(".json") and "/" not in rest and len(rest) > 5


# -- type models ------------------------------------------------------------------------

_MODEL_VERSION = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{8}$")
_MODEL_POINTER = re.compile(r"^models/current/(\d{10})\.json$")


def is_model_version(value: str) -> bool:
    """A model version as stored: UTC time and a short hash, ``20261205T021500Z-3fa2c1d0`` (sortable)."""
    return bool(_MODEL_VERSION.match(value or ""))


def check_model_version(value: str) -> str:
    if not is_model_version(value):
        raise ValueError(f"version de modèle invalide : {value!r} (attendu : 20261205T021500Z-3fa2c1d0)")
    return value


def model_archive(version: str) -> str:
    return f"{MODEL_VERSIONS}{check_model_version(version)}/model.tar.gz"


def model_scores(version: str) -> str:
    return f"{MODEL_VERSIONS}{check_model_version(version)}/scores.json"


def model_version_of(key: str) -> str | None:
    """The version a model's ``scores.json`` key names (written last: the version is whole); None otherwise."""
    if not key.startswith(MODEL_VERSIONS) or not key.endswith("/scores.json"):
        return None
    version = key[len(MODEL_VERSIONS):-len("/scores.json")]
    return version if is_model_version(version) else None


def model_pointer(generation: int) -> str:
    if generation < 1:
        raise ValueError(f"génération invalide : {generation}")
    return f"{MODEL_CURRENT}{generation:010d}.json"


def model_pointer_generation(key: str) -> int | None:
    m = _MODEL_POINTER.match(key)
    return int(m.group(1)) if m else None


# -- purchase orders ------------------------------------------------------------------

def purchase_orders_import() -> str:
    """The ERP's extract of purchase orders, as ``aiguillage commandes import`` stored it last."""
    return f"{PURCHASE_ORDERS}imported.json"


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


def intake_of_file(sha256: str) -> str:
    """The prefix of a file's pushed copies (whatever their names)."""
    return f"{INTAKE}{check_id(sha256)}/"


def dispatch_marker_of_file(sha256: str) -> str:
    return f"{DISPATCHED}{check_id(sha256)}.json"


def dispatch_marker(intake_key: str) -> str:
    parts = intake_of(intake_key)
    if parts is None:
        raise ValueError(f"pas un fichier déposé : {intake_key!r}")
    return f"{DISPATCHED}{parts[0]}.json"


from storage.layout_payables import *  # noqa: E402,F401,F403 - keys of accounts payable


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


def audit_aside(event_id: str) -> str:
    """The side object of an audit event's personal details (an event id that is not hexadecimal
    is named by its hash)."""
    name = event_id if is_id(event_id) else hashlib.sha256(str(event_id).encode()).hexdigest()[:32]
    return f"{AUDIT_ASIDE}{name}.json"


_PSEUDONYM = re.compile(r"^anon-[0-9a-f]{24}$")


def is_pseudonym(value) -> bool:
    return isinstance(value, str) and bool(_PSEUDONYM.match(value))


def audit_subject(reference_hash: str) -> str:
    """Where a tenant reference's pseudonym is found, by the salted hash of the reference."""
    return f"{AUDIT_SUBJECTS}ref/{check_id(reference_hash)}.json"


def audit_pseudonym(pseudonym: str) -> str:
    """Where a pseudonym's tenant reference is found (the reverse lookup)."""
    if not is_pseudonym(pseudonym):
        raise ValueError(f"pseudonyme invalide : {pseudonym!r}")
    return f"{AUDIT_SUBJECTS}id/{pseudonym}.json"


# -- legal holds ------------------------------------------------------------------------

def hold(scope: str, target: str) -> str:
    """A legal hold on a document (by its id) or on a tenant or supplier (by a hash: no reference
    or name in a key)."""
    if scope not in HOLD_SCOPES:
        raise ValueError(f"portée de conservation légale inconnue : {scope!r}")
    return f"{HOLDS}{scope}/{check_id(target)}.json"


def hold_of(key: str) -> tuple[str, str] | None:
    """``(scope, target)`` of a hold's key; None for anything else."""
    scope, _, rest = key[len(HOLDS):].partition("/") if key.startswith(HOLDS) else ("", "", "")
    target = rest[:-5] if rest.endswith(".json") else ""
    return (scope, target) if scope in HOLD_SCOPES and is_id(target) else None


# -- web sessions -----------------------------------------------------------------------

def session(session_id: str) -> str:
    """A web session's record, under the SHA-256 of its token (the token itself is in no key)."""
    if not _SHA.match(session_id or ""):
        raise ValueError(f"session invalide : {session_id!r}")
    return f"{SESSIONS}{session_id}.json"


def session_of(key: str) -> str | None:
    """The session id a session record's key names; None for anything else."""
    rest = key[len(SESSIONS):] if key.startswith(SESSIONS) else ""
    sid = rest[:-5] if rest.endswith(".json") else ""
    return sid if _SHA.match(sid) else None
