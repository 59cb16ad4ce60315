"""Pseudonymous subjects: a tenant reference never enters the audit chain.

``record`` writes a random pseudonym (``anon-`` + 24 hexadecimal digits) wherever an event names
a tenant reference. The link between the two lives in two small objects beside the chain:

    audit/subjects/ref/<salted SHA-256 of the reference>.json   {"pseudonym", "reference"}
    audit/subjects/id/<pseudonym>.json                          {"reference"}   (the reverse)

The first is created once, create-only (``put_if_absent``): processes asking at once for a new
reference agree on the pseudonym of whichever created it. The salt (``audit/subjects/salt.json``,
create-only too) keeps the object's name from being recomputed from a reference by anyone who
does not read the store. ``forget_subject`` deletes both objects: the chain then holds only a
random id that nothing links to anyone, and it still verifies (not one byte of it changed).
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading

from storage import layout
from storage.audit.chain import store_identity
from storage.errors import ObjectNotFound
from storage.objectstore import ObjectStore, read_mapping

_SALTS: dict[str, str] = {}
_SALTS_LOCK = threading.Lock()


def normalise(reference) -> str:
    """A tenant reference as compared: no spaces, upper case ("04-1187-c " = "04-1187-C")."""
    return "".join(str(reference or "").split()).upper()


def _salt(store: ObjectStore) -> str:
    ident = store_identity(store)
    with _SALTS_LOCK:
        if ident in _SALTS:
            return _SALTS[ident]
    mine = secrets.token_hex(32)
    store.put_if_absent(layout.AUDIT_SUBJECT_SALT, json.dumps({"salt": mine}).encode(),
                        content_type="application/json")
    salt = (read_mapping(store, layout.AUDIT_SUBJECT_SALT) or {}).get("salt")
    if not isinstance(salt, str) or not salt:
        from storage.errors import StorageError

        raise StorageError(f"journal d'audit : l'objet {layout.AUDIT_SUBJECT_SALT} est illisible ; "
                           "sans lui, les pseudonymes des locataires ne se retrouvent plus")
    with _SALTS_LOCK:
        _SALTS[ident] = salt
    return salt


def _subject_key(store: ObjectStore, reference: str) -> str:
    salt = _salt(store)
    return layout.audit_subject(hashlib.sha256(f"{salt}:{reference}".encode()).hexdigest())


def pseudonym_for(store: ObjectStore, reference, create: bool = False) -> str | None:
    """The pseudonym of a tenant reference; a new one (created once for every process) when
    ``create``, else None for a reference never seen or forgotten. A value that already is a
    pseudonym is returned as it is."""
    if layout.is_pseudonym(reference):
        return reference
    ref = normalise(reference)
    if not ref:
        return None
    key = _subject_key(store, ref)
    found = (read_mapping(store, key) or {}).get("pseudonym")
    if layout.is_pseudonym(found) or not create:
        return found if layout.is_pseudonym(found) else None
    mine = "anon-" + secrets.token_hex(12)
    if store.put_if_absent(key, _json({"pseudonym": mine, "reference": ref}), content_type="application/json"):
        store.put(layout.audit_pseudonym(mine), _json({"reference": ref}), content_type="application/json")
        return mine
    found = (read_mapping(store, key) or {}).get("pseudonym")  # another process was first
    if not layout.is_pseudonym(found):
        from storage.errors import StorageError

        raise StorageError(f"journal d'audit : l'objet {key} est illisible ; supprimez-le, "
                           "il sera recréé au prochain événement de ce locataire")
    return found


def reference_of(store: ObjectStore, pseudonym: str) -> str | None:
    """The tenant reference behind a pseudonym; None once forgotten (or for anything else)."""
    if not layout.is_pseudonym(pseudonym):
        return None
    ref = (read_mapping(store, layout.audit_pseudonym(pseudonym)) or {}).get("reference")
    return ref if isinstance(ref, str) and ref else None


def forget_subject(store: ObjectStore, reference) -> str | None:
    """Unlink a tenant reference from its pseudonym for good (both objects deleted); returns the
    pseudonym it had, None when there was none. Events already written keep the pseudonym (the
    chain is untouched); an event written later about the same reference gets a new one."""
    ref = normalise(reference)
    if not ref:
        return None
    key = _subject_key(store, ref)
    pseudonym = (read_mapping(store, key) or {}).get("pseudonym")
    if layout.is_pseudonym(pseudonym):
        _delete(store, layout.audit_pseudonym(pseudonym))
    _delete(store, key)
    return pseudonym if layout.is_pseudonym(pseudonym) else None


def _delete(store: ObjectStore, key: str) -> None:
    try:
        store.delete(key)
    except ObjectNotFound:
        pass


def _json(value: dict) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")
