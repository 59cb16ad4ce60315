"""Whether a team member may see a document now: checked on every route that shows or acts on
one (document view, page images, the station, actions, accounts payable's alerts).

Access follows the document's *current* record (``documents/<id>/record.json``: its type and
restriction), not only the work item left in the team's queue: a document re-typed after
routing as a restricted type (``social_distress``) is hidden from every team that does not see
restricted types, even where an old item of it stays. And an item the team closed (handled,
rerouted, sent back to vidéocodage) stays visible to that team for ``web.closed_visible_hours``
after it closed (0: not at all), then is not found, like another team's document.

Every refusal of an existing document is logged (``Ctx.refuse``: ``access_refused``)."""

from __future__ import annotations

import json
import time

from inbox.web import Ctx, NotFound
from storage import layout, queues
from storage.errors import ObjectNotFound
from storage.queues import WorkItem
from storage.workitems import Member


def check(ctx: Ctx, member: Member, document_id: str, now: float | None = None) -> tuple[WorkItem, dict | None]:
    """The member's item of the document and the document's record (None if unreadable), or
    NotFound: no item in the member's queue, a restricted document outside the teams that see
    them, an item closed longer ago than ``web.closed_visible_hours``."""
    try:
        item = queues.get_item(ctx.rt.store, member.queue, document_id)
    except (ObjectNotFound, ValueError):
        raise NotFound() from None
    rec = read_json(ctx, document_id, "record.json")
    if restricted(ctx, item, rec) and not member.sees_restricted:
        raise ctx.refuse(member.queue, "restricted", document_id)
    if closed_too_long(item, ctx.rt.settings["web.closed_visible_hours"], now):
        raise ctx.refuse(member.queue, "closed", document_id)
    return item, rec


def restricted(ctx: Ctx, item: WorkItem, rec: dict | None) -> bool:
    """Restricted by its item or by its current record (the type it has now, or its flag)."""
    types = ctx.rt.taxonomy.types
    current = (rec or {}).get("type")
    return bool(item.restricted or (rec or {}).get("restricted")
                or (isinstance(current, str) and current in types and types[current].restricted))


def closed_at(item: WorkItem) -> float | None:
    """When the item closed (its ``closed_at``, else its last history entry); None if unknown."""
    for when in (item.closed_at, (item.history[-1] if item.history else {}).get("at")):
        try:
            t = queues.epoch(when)
        except (TypeError, ValueError):
            continue
        if t is not None:
            return t
    return None


def closed_too_long(item: WorkItem, hours: float, now: float | None = None) -> bool:
    """A closed item its team may no longer open: ``hours`` after it closed (0: at once; a
    closing time that cannot be read counts as long ago)."""
    if item.is_open:
        return False
    if hours <= 0:
        return True
    at = closed_at(item)
    now = time.time() if now is None else now
    return at is None or now - at >= hours * 3600


def read_json(ctx: Ctx, document_id: str, name: str) -> dict | None:
    try:
        data = json.loads(ctx.rt.store.get(layout.document(document_id, name)))
    except (ObjectNotFound, ValueError):
        return None
    return data if isinstance(data, dict) else None
