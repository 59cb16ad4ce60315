"""What vidéocodage operators decided, kept as labelled data for the next training.

    corrections/<document_id>.json    the text, the machine's answer, the operator's, who and when

One object per document: a later correction of the same document replaces the earlier one
(the latest human decision is the truth), and keeps the earlier ones under ``previous``.
The web app and the reprocessing flow call ``save_correction``; ``aiguillage train`` reads
``training_examples``. Every fifth correction (by a stable hash of its document id,
``held_back``) is kept out of training and only scores the next model (``split_examples``).
Nothing here knows how the text was read.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterator

from storage import layout
from storage.errors import ObjectNotFound
from storage.objectstore import ObjectStore

VERSION = 1
HELD_BACK_EVERY = 5  # one correction in five scores candidate models and is never trained on


class InvalidCorrection(ValueError):
    """A correction that cannot be stored (French message)."""


def correction_key(document_id: str) -> str:
    return layout.correction(document_id)


@dataclass
class Correction:
    document_id: str
    text: str
    machine: dict[str, Any]  # {"type": ..., "confidence": ..., "fields": {...}}
    human: dict[str, Any]  # {"type": ..., "fields": {...}}
    actor: str
    at: str = ""
    previous: list[dict[str, Any]] = field(default_factory=list)

    @property
    def type_changed(self) -> bool:
        return self.machine.get("type") != self.human.get("type")

    @property
    def changed_fields(self) -> list[str]:
        mf, hf = self.machine.get("fields") or {}, self.human.get("fields") or {}
        return sorted(k for k in set(mf) | set(hf) if mf.get(k) != hf.get(k))

    def to_json(self) -> bytes:
        return json.dumps({"version": VERSION, "document_id": self.document_id, "actor": self.actor, "at": self.at,
                           "machine": self.machine, "human": self.human, "type_changed": self.type_changed,
                           "changed_fields": self.changed_fields, "text": self.text, "previous": self.previous},
                          ensure_ascii=False, indent=1).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> "Correction":
        d = json.loads(data)
        return cls(d["document_id"], d["text"], d["machine"], d["human"], d["actor"], d.get("at", ""),
                   d.get("previous", []))


def _check(document_id: str, text: str, machine: dict, human: dict, actor: str,
           known_types: set[str] | None) -> None:
    if not isinstance(text, str) or not text.strip():
        raise InvalidCorrection(f"correction de {document_id} : texte du document vide")
    if not actor or not isinstance(actor, str):
        raise InvalidCorrection(f"correction de {document_id} : opérateur non indiqué")
    for name, answer in (("machine", machine), ("opérateur", human)):
        if not isinstance(answer, dict) or not isinstance(answer.get("fields", {}), dict):
            raise InvalidCorrection(f"correction de {document_id} : réponse {name} mal formée")
    htype = human.get("type")
    if not htype:
        raise InvalidCorrection(f"correction de {document_id} : type choisi par l'opérateur absent")
    if known_types is not None and htype not in known_types:
        raise InvalidCorrection(f"correction de {document_id} : type inconnu « {htype} »")


def save_correction(store: ObjectStore, document_id: str, text: str, machine: dict, human: dict,
                    actor: str, known_types: set[str] | None = None, at: str | None = None) -> Correction:
    """Store what the operator decided for ``document_id``; returns the stored correction.

    ``machine`` and ``human`` are ``{"type": code, "fields": {...}}`` (``machine`` may also hold
    ``confidence``). ``known_types`` (the taxonomy's codes) rejects an unknown type.
    """
    _check(document_id, text, machine, human, actor, known_types)
    key = correction_key(document_id)
    previous: list[dict] = []
    try:
        old = Correction.from_json(store.get(key))
        previous = old.previous + [{"actor": old.actor, "at": old.at, "human": old.human}]
    except ObjectNotFound:
        pass
    c = Correction(document_id, text, dict(machine), dict(human), actor,
                   at or datetime.now(timezone.utc).isoformat(timespec="seconds"), previous)
    store.put(key, c.to_json(), "application/json")
    return c


def get_correction(store: ObjectStore, document_id: str) -> Correction:
    return Correction.from_json(store.get(correction_key(document_id)))


def list_corrections(store: ObjectStore) -> Iterator[Correction]:
    for key in store.list(layout.CORRECTIONS):
        if key.endswith(".json"):
            try:
                yield Correction.from_json(store.get(key))
            except ObjectNotFound:  # removed meanwhile
                continue


def training_examples(store: ObjectStore, known_types: set[str] | None = None) -> list[tuple[str, str]]:
    """(text, type) pairs decided by operators, for ``aiguillage train``."""
    out = []
    for c in list_corrections(store):
        t = c.human.get("type")
        if t and (known_types is None or t in known_types):
            out.append((c.text, t))
    return out


def held_back(document_id: str) -> bool:
    """True for the corrections kept out of training to score models: one in ``HELD_BACK_EVERY``,
    the same ones at every training (a stable hash of the document id)."""
    return int(hashlib.sha256(document_id.encode()).hexdigest()[:8], 16) % HELD_BACK_EVERY == 0


@dataclass
class Split:
    train: list[tuple[str, str]]  # (text, type) to train on
    held: list[tuple[str, str]]  # (text, type) to score on only
    fingerprint: str  # changes when a correction is added or changed


def split_examples(store: ObjectStore, known_types: set[str] | None = None) -> Split:
    """The operators' decisions, split into training and held-back examples."""
    train, held, seen = [], [], []
    for c in list_corrections(store):
        t = c.human.get("type")
        if not t or (known_types is not None and t not in known_types):
            continue
        seen.append(f"{c.document_id} {c.at} {t}")
        (held if held_back(c.document_id) else train).append((c.text, t))
    return Split(train, held, hashlib.sha256("\n".join(sorted(seen)).encode()).hexdigest()[:16])
