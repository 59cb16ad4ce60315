"""Document-type models kept in the object store, so that every process sharing the store (the
pipeline, Prefect workers on other machines, the web app) uses the same one.

    models/versions/<version>/model.tar.gz     the model's folder, packed (written first)
    models/versions/<version>/scores.json      its scores, how it compared, who made it (written last:
                                               a version without it is not listed)
    models/current/<generation>.json           the promotion chain; its head names the model in service

A version is ``<UTC time>-<8 hex of the archive's SHA-256>`` (``20261205T021500Z-3fa2c1d0``): the
versions sort by age. The model in service changes only by one more link of the chain, written
create-only (``put_if_absent`` at head + 1, as the claim chains of storage/claims.py): of two
people promoting at once, exactly one writes the link, and the other reads the new head and
decides again, so no promotion is lost and none is silently overwritten. Each link carries the
versions promoted before it (most recent last): ``rollback`` goes back to the last of them.
``None`` as a version is the model embedded in the package, in service while nothing was promoted.

Nothing here knows what a model is made of: it packs and unpacks a folder.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from config.errors import AiguillageError, ExitCode
from storage import layout
from storage.errors import ObjectNotFound
from storage.objectstore import ObjectStore

PROMOTED, ROLLED_BACK = "promoted", "rolled_back"
EMBEDDED = None  # the model in the package: in service while nothing was promoted
MAX_PREVIOUS = 20  # versions a rollback can go back through
CACHE_KEEP = 3  # unpacked versions kept in a process's cache folder, besides the one in use
_ATTEMPTS = 50


class ModelVersionError(AiguillageError):
    """An unknown version, nothing to roll back to, or a promotion refused (exit 1)."""

    exit_code = ExitCode.FAILED


@dataclass(frozen=True)
class Pointer:
    """One link of the promotion chain: from it on, ``version`` is in service."""

    generation: int
    version: str | None  # None: the embedded model
    previous: tuple[str | None, ...]  # in service before, most recent last (what rollback restores)
    kind: str  # promoted, rolled_back
    actor: str
    at: str  # UTC, ISO 8601
    note: str = ""
    replaced: str | None = None  # in service until this link

    def to_json(self) -> bytes:
        return json.dumps(dict(asdict(self), previous=list(self.previous)), ensure_ascii=False, indent=1).encode()

    @classmethod
    def from_json(cls, data: bytes) -> "Pointer":
        d = json.loads(data)
        return cls(int(d["generation"]), d.get("version"), tuple(d.get("previous") or ()), str(d["kind"]),
                   str(d["actor"]), str(d["at"]), str(d.get("note") or ""), d.get("replaced"))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# -- versions -------------------------------------------------------------------------------

def pack(folder: Path) -> bytes:
    """The folder's files as a gzip'd tar (relative names, no owners or times)."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                info = tar.gettarinfo(str(path), arcname=path.relative_to(folder).as_posix())
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                info.mtime = 0
                with path.open("rb") as fh:
                    tar.addfile(info, fh)
    return buf.getvalue()


def new_version(archive: bytes, now: datetime | None = None) -> str:
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return f"{moment:%Y%m%dT%H%M%SZ}-{hashlib.sha256(archive).hexdigest()[:8]}"


def save_version(store: ObjectStore, folder: Path, record: dict, now: datetime | None = None) -> str:
    """Store the model in ``folder`` as a new version with ``record`` (its scores…); returns the
    version. The archive goes first, the record last: a listed version is always whole."""
    archive = pack(folder)
    version = new_version(archive, now)
    store.put(layout.model_archive(version), archive, "application/gzip")
    write_record(store, version, dict(record, version=version, created_at=record.get("created_at") or _now()))
    return version


def write_record(store: ObjectStore, version: str, record: dict) -> None:
    store.put(layout.model_scores(version), json.dumps(dict(record, version=version), ensure_ascii=False,
                                                        indent=1).encode("utf-8"), "application/json")


def read_record(store: ObjectStore, version: str) -> dict:
    """The version's ``scores.json``; ModelVersionError when the store has no such version."""
    try:
        key = layout.model_scores(version)
    except ValueError as exc:
        raise ModelVersionError(str(exc), fix="« aiguillage model list » montre les versions") from None
    try:
        return json.loads(store.get(key))
    except ObjectNotFound:
        raise ModelVersionError(f"version de modèle inconnue : {version}",
                                fix="« aiguillage model list » montre les versions") from None


def list_versions(store: ObjectStore) -> list[dict]:
    """Every whole version's record, oldest first."""
    out = []
    for key in store.list(layout.MODEL_VERSIONS):
        version = layout.model_version_of(key)
        if version is not None:
            try:
                out.append(dict(json.loads(store.get(key)), version=version))
            except (ObjectNotFound, ValueError):
                continue
    return sorted(out, key=lambda r: r["version"])


# -- the model in service -------------------------------------------------------------------

def history(store: ObjectStore) -> list[Pointer]:
    """Every link of the promotion chain, oldest first."""
    out = []
    for key in store.list(layout.MODEL_CURRENT):
        if layout.model_pointer_generation(key) is not None:
            try:
                out.append(Pointer.from_json(store.get(key)))
            except ObjectNotFound:
                continue
    return sorted(out, key=lambda p: p.generation)


def head(store: ObjectStore) -> Pointer | None:
    """The chain's latest link (its version is in service), or None: nothing was ever promoted."""
    gens = [g for g in (layout.model_pointer_generation(k) for k in store.list(layout.MODEL_CURRENT))
            if g is not None]
    if not gens:
        return None
    key = layout.model_pointer(max(gens))
    try:
        return Pointer.from_json(store.get(key))
    except (ValueError, KeyError, TypeError) as exc:  # written whole, once: only a hand could damage it
        raise ModelVersionError(f"lien de la chaîne des modèles illisible : {key} ({type(exc).__name__})",
                                fix="retirez cet objet du stockage : le lien précédent redevient le modèle "
                                    "en service") from None


def in_service(store: ObjectStore) -> str | None:
    """The version in service; None for the embedded model."""
    h = head(store)
    return h.version if h else EMBEDDED


Choice = tuple[str | None, tuple[str | None, ...], str, str]  # version, previous, kind, note


def change(store: ObjectStore, choose: Callable[[Pointer | None], Choice | None], actor: str) -> Pointer | None:
    """Append the link ``choose(head)`` decides after the current head; when someone else
    appended first, ``choose`` decides again on the new head. None when it decides nothing."""
    for _ in range(_ATTEMPTS):
        current = head(store)
        chosen = choose(current)
        if chosen is None:
            return None
        version, previous, kind, note = chosen
        link = Pointer((current.generation if current else 0) + 1, version, tuple(previous)[-MAX_PREVIOUS:],
                       kind, actor, _now(), note, current.version if current else EMBEDDED)
        if store.put_if_absent(layout.model_pointer(link.generation), link.to_json(), "application/json"):
            return link
    raise ModelVersionError("le modèle en service change sans cesse (trop de promotions simultanées)",
                            fix="relancez la commande")


def promote(store: ObjectStore, version: str, actor: str, note: str = "",
            check: Callable[[Pointer | None], None] | None = None) -> Pointer | None:
    """Put ``version`` in service; the one in service before becomes the rollback target.
    ``check(head)`` may refuse (raise) against the head it is about to replace, and is asked
    again if the head moved meanwhile. None when ``version`` is already in service."""
    read_record(store, version)  # ModelVersionError for a version the store does not hold

    def choose(current: Pointer | None) -> Choice | None:
        if current is not None and current.version == version:
            return None
        if check is not None:
            check(current)
        previous = (*current.previous, current.version) if current else (EMBEDDED,)
        return version, previous, PROMOTED, note

    return change(store, choose, actor)


def rollback(store: ObjectStore, actor: str, note: str = "") -> Pointer:
    """Put back the model in service before the current one (the embedded model at the end)."""
    def choose(current: Pointer | None) -> Choice:
        if current is None or not current.previous:
            raise ModelVersionError("aucun modèle précédent à rétablir : "
                                    + ("rien n'a jamais été promu" if current is None else
                                       "le modèle intégré est en service" if current.version is None else
                                       "le modèle en service est le premier de l'historique"),
                                    fix="« aiguillage model promote VERSION » met une version en service")
        return current.previous[-1], current.previous[:-1], ROLLED_BACK, note

    link = change(store, choose, actor)
    assert link is not None
    return link


# -- a process's copy -----------------------------------------------------------------------

def fetch(store: ObjectStore, version: str, cache: Path) -> Path:
    """The version's folder under ``cache`` (a cache: the store is the truth), downloaded and
    unpacked once; it appears whole or not at all (unpacked beside it, then renamed)."""
    folder = Path(cache) / layout.check_model_version(version)
    if folder.is_dir():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{version}."))
    try:
        archive = work / "model.tar.gz"
        store.get_file(layout.model_archive(version), archive)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work / "model", filter="data")  # no absolute names, no links outside
        try:
            os.rename(work / "model", folder)
        except OSError:
            if not folder.is_dir():  # another process of this home unpacked it first: theirs is whole
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return folder


def prune_cache(cache: Path, in_use: str | None) -> None:
    """Drop unpacked versions but the one in use and the ``CACHE_KEEP`` latest unpacked."""
    cache = Path(cache)
    if not cache.is_dir():
        return
    folders = sorted((p for p in cache.iterdir() if p.is_dir() and layout.is_model_version(p.name)),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in folders[CACHE_KEEP:]:
        if stale.name != in_use:
            shutil.rmtree(stale, ignore_errors=True)
