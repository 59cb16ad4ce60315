"""A team member's work on a queue: list, show, claim, complete, release, reroute, send back
to videocodage. Over the ObjectStore interface only, so it works on a folder and on S3.

Who may act is decided by the item's claim chain (storage/claims.py): every change writes the
chain's next mark create-only first, then applies its effects (item envelope, index, holder
marker, the item in the queue it moves to). Effects are idempotent and are applied again by
whoever next finds a closed chain on a still-open item, so a crash between the two heals.

Every operation writes an audit event with the person's name: claimed, released, completed,
rerouted, returned_to_review, viewed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from config.errors import AiguillageError, ExitCode
from storage import claims, queues
from storage.audit import AuditEvent, record
from storage.claims import Mark
from storage.errors import ObjectNotFound
from storage.objectstore import ObjectStore
from storage.queues import WorkItem

DEFAULT_LEASE_SECONDS = 30 * 60


class InboxError(AiguillageError):
    """A refused operation, in French for staff; exit status 1."""

    exit_code = ExitCode.FAILED


class ItemNotFound(InboxError):
    def __init__(self, queue: str, document_id: str):
        super().__init__(f"document {document_id} introuvable dans la file {queue}")


class NotHolder(InboxError):
    """The person does not hold the item (anymore)."""


class AlreadyClaimed(NotHolder):
    def __init__(self, document_id: str, user: str, expires: float | None):
        self.user, self.expires = user, expires
        until = f" jusqu'à {_hm(expires)}" if expires else ""
        super().__init__(f"document {document_id} déjà pris par {user}{until}")


class Closed(InboxError):
    def __init__(self, document_id: str, mark: Mark):
        self.mark = mark
        what = {"completed": "traité", "rerouted": "réaiguillé", "returned": "renvoyé en vidéocodage"}
        super().__init__(f"document {document_id} déjà {what.get(mark.kind, mark.kind)} par {mark.actor}")


class BadTarget(InboxError):
    pass


@dataclass(frozen=True)
class Member:
    """A person acting for a team; the team's queue is the queue of the same name."""

    team: str
    user: str
    sees_restricted: bool = False

    def __post_init__(self):
        claims.check_user(self.user)
        queues.index_prefix(self.team)  # checks the queue name

    @property
    def queue(self) -> str:
        return self.team


@dataclass(frozen=True)
class Line:
    """One line of a queue listing."""

    entry: queues.Entry
    holder: str | None
    expires: float | None


def list_queue(store: ObjectStore, member: Member, now: float | None = None) -> list[Line]:
    """The team's open items by priority, then deadline, then age: two LISTs, no GET."""
    now = time.time() if now is None else now
    held = claims.holders(store, member.queue)
    out = []
    for e in queues.entries(store, member.queue):
        if e.restricted and not member.sees_restricted:
            continue
        h = held.get(e.document_id)
        live = h is not None and h.expires > now
        out.append(Line(e, h.user if live else None, h.expires if live else None))
    return out


def show(store: ObjectStore, member: Member, document_id: str,
         now: float | None = None) -> tuple[WorkItem, Mark | None]:
    """The item and its chain head; logs a ``viewed`` event."""
    item = _visible(store, member, document_id)
    mark = claims.head(store, member.queue, document_id)
    if mark is not None and mark.terminal and item.is_open:
        item = _finish(store, member.queue, document_id, mark)
    _audit(store, "viewed", member, document_id, state=item.state)
    return item, mark


def claim(store: ObjectStore, member: Member, document_id: str | None = None,
          lease_seconds: float = DEFAULT_LEASE_SECONDS, now: float | None = None) -> tuple[WorkItem, Mark]:
    """Take an item for ``lease_seconds`` (the first free one when no id is given).

    Claiming an item one already holds renews the lease. Raises AlreadyClaimed, Closed,
    ItemNotFound; with no id and nothing free, InboxError.
    """
    if document_id is not None:
        return _claim_one(store, member, document_id, lease_seconds, now)
    for line in list_queue(store, member, now):
        if line.holder is not None:
            continue
        try:
            return _claim_one(store, member, line.entry.document_id, lease_seconds, now)
        except (AlreadyClaimed, Closed, ItemNotFound):
            continue
    raise InboxError(f"aucun document libre dans la file {member.queue}")


def _claim_one(store, member, document_id, lease_seconds, now) -> tuple[WorkItem, Mark]:
    now = time.time() if now is None else now
    item = _visible(store, member, document_id)
    # Most items were never claimed: try mark 1 straight away. Marks are never removed, so
    # creating mark 1 proves the chain was empty.
    mark = claims.append(store, member.queue, document_id, None, claims.CLAIMED, member.user,
                         expires=now + lease_seconds, now=now)
    if mark is not None:
        store.put(claims.holder_key(member.queue, document_id, mark), b"")
        _audit(store, "claimed", member, document_id, gen=mark.gen, expires_at=queues.iso(mark.expires or now))
        return item, mark
    head = claims.head(store, member.queue, document_id)
    if head is not None and head.terminal:
        if item.is_open:
            _finish(store, member.queue, document_id, head)
        raise Closed(document_id, head)
    if head is not None and head.held(now) and head.actor != member.user:
        raise AlreadyClaimed(document_id, head.actor, head.expires)
    taken_from = head.actor if head is not None and head.kind == claims.CLAIMED and head.actor != member.user else None
    mark = claims.append(store, member.queue, document_id, head, claims.CLAIMED, member.user,
                         expires=now + lease_seconds, now=now)
    if mark is None:
        winner = claims.head(store, member.queue, document_id)
        if winner is not None and winner.terminal:
            raise Closed(document_id, winner)
        raise AlreadyClaimed(document_id, winner.actor if winner else "?", winner.expires if winner else None)
    key = claims.holder_key(member.queue, document_id, mark)
    store.put(key, b"")
    if head is not None and head.kind == claims.CLAIMED:
        claims.drop_holders(store, member.queue, document_id, keep=key)
    details = {"gen": mark.gen, "expires_at": queues.iso(mark.expires or now)}
    if taken_from:
        details["taken_over_from"] = taken_from  # the previous lease had expired
    _audit(store, "claimed", member, document_id, **details)
    return item, mark


def release(store: ObjectStore, member: Member, document_id: str, now: float | None = None,
            lease: Mark | None = None) -> WorkItem:
    """Give the item back to the queue, untouched."""
    item, head = _held(store, member, document_id, now, need_claim=True, lease=lease)
    _commit(store, member, document_id, head, claims.RELEASED, {})
    _drop_holder(store, member.queue, document_id, head)
    _audit(store, "released", member, document_id, gen=head.gen + 1)
    return item


def complete(store: ObjectStore, member: Member, document_id: str, note: str = "",
             now: float | None = None, lease: Mark | None = None, item: WorkItem | None = None) -> WorkItem:
    """Close the item: handled. It leaves the queue; its envelope and chain stay as a record.

    ``lease`` and ``item``: what ``claim`` returned, when the caller kept them (saves reading
    the chain and the item; still refused if anyone wrote a mark since).
    """
    item, head = _held(store, member, document_id, now, need_claim=True, lease=lease, item=item)
    mark = _commit(store, member, document_id, head, "completed", {"note": note})
    item = _finish(store, member.queue, document_id, mark, item=item, previous=head)
    _audit(store, "completed", member, document_id, gen=mark.gen, note=note)
    return item


def reroute(store: ObjectStore, member: Member, document_id: str, to_queue: str, reason: str,
            now: float | None = None, lease: Mark | None = None) -> WorkItem:
    """Move the item to ``to_queue`` with ``reason``; returns the item in its new queue.

    Allowed to the holder, or to anyone while nobody holds the item. The history goes along.
    """
    return _move(store, member, document_id, to_queue, reason, "rerouted", "rerouted", now, lease)


def return_to_review(store: ObjectStore, member: Member, document_id: str, reason: str,
                     review_queue: str, now: float | None = None,
                     lease: Mark | None = None) -> WorkItem:
    """Send the item back to the review queue (the taxonomy names it: vidéocodage) for an
    operator to check its type or fields."""
    return _move(store, member, document_id, review_queue, reason, "returned", "returned_to_review", now,
                 lease)


def _move(store, member, document_id, to_queue, reason, kind, event, now, lease) -> WorkItem:
    if not reason or not reason.strip():
        raise BadTarget("un motif est obligatoire pour réaiguiller")
    try:
        queues.index_prefix(to_queue)
    except ValueError:
        raise BadTarget(f"file de destination invalide : « {to_queue} »") from None
    if to_queue == member.queue:
        raise BadTarget(f"le document est déjà dans la file {to_queue}")
    item, head = _held(store, member, document_id, now, need_claim=False, lease=lease)
    try:
        there = queues.get_item(store, to_queue, document_id)
        there_head = claims.head(store, to_queue, document_id)
        if there.is_open and not (there_head is not None and there_head.terminal):
            raise BadTarget(f"le document {document_id} est déjà dans la file {to_queue}")
    except ObjectNotFound:
        pass
    mark = _commit(store, member, document_id, head, kind, {"to": to_queue, "reason": reason.strip()})
    _finish(store, member.queue, document_id, mark, item=item, previous=head)
    moved = queues.get_item(store, to_queue, document_id)
    record(store, AuditEvent(event, document_id, actor=member.user, queue=to_queue,
                             details={"from": member.queue, "reason": reason.strip(), "gen": mark.gen}))
    return moved


# -- the parts ------------------------------------------------------------------------------

def _visible(store: ObjectStore, member: Member, document_id: str) -> WorkItem:
    try:
        item = queues.get_item(store, member.queue, document_id)
    except (ObjectNotFound, ValueError):
        raise ItemNotFound(member.queue, document_id) from None
    if item.restricted and not member.sees_restricted:
        raise ItemNotFound(member.queue, document_id)  # not even its existence is shown
    return item


def _held(store, member, document_id, now, need_claim: bool, lease: Mark | None = None,
          item: WorkItem | None = None) -> tuple[WorkItem, Mark | None]:
    """The item and its chain head, if ``member`` may change it now. A ``lease`` of the
    member's own is taken as the head: the next mark is created only if it still is (and
    while it is, nobody else writes the item, so the ``item`` read at claim time is current)."""
    now = time.time() if now is None else now
    if lease is not None and lease.kind == claims.CLAIMED and lease.actor == member.user:
        if item is None or item.document_id != document_id or item.queue != member.queue:
            item = _visible(store, member, document_id)
        return item, lease
    item = _visible(store, member, document_id)
    head = claims.head(store, member.queue, document_id)
    if head is not None and head.terminal:
        if item.is_open:
            _finish(store, member.queue, document_id, head)
        raise Closed(document_id, head)
    mine = head is not None and head.kind == claims.CLAIMED and head.actor == member.user
    if head is not None and head.held(now) and not mine:
        raise AlreadyClaimed(document_id, head.actor, head.expires)
    if need_claim and not mine:
        raise NotHolder(f"prenez d'abord le document {document_id} (aiguillage inbox claim)")
    # An expired lease of one's own still counts while nobody took it over: the next mark
    # is created only if the head has not moved.
    return item, head


def _commit(store, member, document_id, head, kind, details) -> Mark:
    mark = claims.append(store, member.queue, document_id, head, kind, member.user, details=details)
    if mark is None:
        now_head = claims.head(store, member.queue, document_id)
        who = now_head.actor if now_head else "?"
        raise NotHolder(f"le document {document_id} a changé de main entre-temps ({who}) : rien n'a été fait")
    return mark


def _finish(store: ObjectStore, queue: str, document_id: str, mark: Mark, item: WorkItem | None = None,
            previous: Mark | None = None) -> WorkItem:
    """Apply a closing mark's effects; safe to run again. ``item``: as read just before the
    mark was written; ``previous``: the mark it follows, when known."""
    item = item or queues.get_item(store, queue, document_id)
    target = mark.details.get("to")
    if item.is_open:
        at = queues.iso(mark.at)
        entry = {"at": at, "actor": mark.actor, "action": mark.kind, "queue": queue}
        if mark.details.get("note"):
            entry["note"] = mark.details["note"]
        if target:
            entry.update(to=target, note=mark.details.get("reason", ""))
        store.delete(queues.index_key(item))
        item = replace(item, state=mark.kind, closed_at=at, history=item.history + [entry])
        queues.put_item(store, item)
    else:
        store.delete(queues.index_key(item))
    _drop_holder(store, queue, document_id, previous)
    if target:
        _arrive(store, item, target, mark)
    return item


def _arrive(store: ObjectStore, item: WorkItem, target: str, mark: Mark) -> WorkItem:
    """The item in its new queue, made or reopened once, whatever the number of calls."""
    status = "review" if mark.kind == "returned" else ("routed" if item.status == "review" else item.status)
    moved = replace(item, queue=target, state=queues.OPEN, closed_at=None, status=status, copy_of=None)
    if queues.enqueue(store, moved):
        return moved
    for _ in range(5):
        there = queues.get_item(store, target, item.document_id)
        there_head = claims.head(store, target, item.document_id)
        if there_head is None or not there_head.terminal:
            return there  # already open there: this move arrived (or the document was there)
        reopened = claims.append(store, target, item.document_id, there_head, claims.REOPENED, mark.actor,
                                 details={"from": item.queue})
        if reopened is not None:
            queues.put_item(store, moved)
            store.put(queues.index_key(moved), b"")
            return moved
    raise InboxError(f"document {item.document_id} : la file {target} change trop vite, réessayez")


def _drop_holder(store, queue, document_id, previous: Mark | None) -> None:
    if previous is not None and previous.kind == claims.CLAIMED:
        store.delete(claims.holder_key(queue, document_id, previous))  # the one marker there is
    else:
        claims.drop_holders(store, queue, document_id)


def _audit(store, kind, member, document_id, **details) -> None:
    record(store, AuditEvent(kind, document_id, actor=member.user, queue=member.queue, details=details))


def _hm(t: float | None) -> str:
    if t is None:
        return "-"
    return time.strftime("%d/%m %H:%M", time.localtime(t))
