"""Legal holds: a document, a tenant or a supplier whose documents retention and erasure must
keep (a dispute, a court case, a tax audit), whatever their periods.

One hold per target, created once (create-only) and removed by its release; both are audited
by the caller. A tenant or supplier is held by a hash of its reference in the key; the hold
itself names it (it is what ``retention list`` shows) and goes with its release.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

from storage import layout
from storage.objectstore import ObjectStore, delete_if_present, read_mapping

DOCUMENT, TENANT, SUPPLIER = layout.HOLD_SCOPES


@dataclass(frozen=True)
class Hold:
    scope: str  # document | tenant | supplier
    target: str  # the document id, tenant reference or supplier id
    reason: str
    user: str
    at: str

    @property
    def label(self) -> str:
        what = {DOCUMENT: "document", TENANT: "locataire", SUPPLIER: "fournisseur"}[self.scope]
        return f"{what} {self.target}"


def _key(scope: str, target: str) -> str:
    target = (target or "").strip()
    if not target:
        raise ValueError("cible de conservation légale vide")
    if scope == DOCUMENT:
        return layout.hold(scope, target)
    return layout.hold(scope, hashlib.sha256(f"{scope}:{target}".encode("utf-8")).hexdigest()[:32])


def place(store: ObjectStore, scope: str, target: str, reason: str, user: str,
          at: datetime | None = None) -> tuple[Hold, bool]:
    """Put ``target`` under hold; ``(hold, False)`` when it already was (the first hold stays)."""
    hold = Hold(scope, target.strip(), reason.strip(), user,
                (at or datetime.now(timezone.utc)).isoformat(timespec="seconds"))
    key = _key(scope, target)
    if store.put_if_absent(key, json.dumps(asdict(hold), ensure_ascii=False).encode("utf-8"), "application/json"):
        return hold, True
    return get(store, scope, target) or hold, False


def get(store: ObjectStore, scope: str, target: str) -> Hold | None:
    data = read_mapping(store, _key(scope, target))
    return _hold(data) if data else None


def release(store: ObjectStore, scope: str, target: str) -> Hold | None:
    """Lift the hold on ``target``; the hold lifted, None if there was none."""
    held = get(store, scope, target)
    if held is not None:
        delete_if_present(store, _key(scope, target))
    return held


def list_holds(store: ObjectStore) -> list[Hold]:
    out = []
    for key in store.list(layout.HOLDS):
        if layout.hold_of(key) is not None:
            data = read_mapping(store, key)
            if data:
                out.append(_hold(data))
    return sorted(out, key=lambda h: (h.scope, h.at, h.target))


def targets(record: dict) -> dict[str, str]:
    """What of a document's record a hold can name: its tenant reference, its supplier id."""
    fields = record.get("fields") or {}
    out = {}
    if fields.get("tenant_reference"):
        out[TENANT] = str(fields["tenant_reference"])
    if record.get("supplier_id"):
        out[SUPPLIER] = str(record["supplier_id"])
    return out


def covering(store: ObjectStore, document_id: str, record: dict | None) -> list[Hold]:
    """The holds that keep this document: on it, on its tenant, on its supplier (a GET each)."""
    found = [get(store, DOCUMENT, document_id)]
    found += [get(store, scope, target) for scope, target in targets(record or {}).items()]
    return [h for h in found if h is not None]


def covering_in(holds: list[Hold], document_id: str, record: dict | None) -> list[Hold]:
    """``covering`` against holds listed once (a retention run looks at every document)."""
    wanted = {(DOCUMENT, document_id), *targets(record or {}).items()}
    return [h for h in holds if (h.scope, h.target) in wanted]


def _hold(data: dict) -> Hold:
    return Hold(str(data.get("scope")), str(data.get("target")), str(data.get("reason") or ""),
                str(data.get("user") or ""), str(data.get("at") or ""))
