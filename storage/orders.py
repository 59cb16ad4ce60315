"""The ERP's purchase orders in the object store, so that every process and machine sharing the
store (Prefect workers elsewhere share nothing else) matches invoices against the same orders.

    purchase-orders/imported.json     the last import: who, when, from which file, and the orders

``aiguillage commandes import`` writes it (replacing the previous import, or merged with it);
``Runtime.orders_now`` reads it over the configured registry (config/purchase_orders.py).
"""

from __future__ import annotations

import json
import logging
from dataclasses import fields as dataclass_fields
from datetime import datetime, timezone
from typing import Iterable

from config.purchase_orders import OrderBook, PurchaseOrder
from storage import layout
from storage.errors import ObjectNotFound
from storage.objectstore import ObjectStore

log = logging.getLogger("aiguillage.orders")

VERSION = 1
IMPORTED = "import"  # PurchaseOrder.source of an imported order
_KNOWN = {f.name for f in dataclass_fields(PurchaseOrder)}


def read_import(store: ObjectStore) -> dict | None:
    """The last import as stored (``orders`` a list of dicts), or None when nothing was imported."""
    try:
        data = json.loads(store.get(layout.purchase_orders_import()))
    except ObjectNotFound:
        return None
    except ValueError:
        log.warning("import des bons de commande illisible, ignoré : %s", layout.purchase_orders_import())
        return None
    return data if isinstance(data, dict) and isinstance(data.get("orders"), list) else None


def imported_orders(store: ObjectStore) -> tuple[PurchaseOrder, ...]:
    """The imported orders (none when nothing was imported)."""
    data = read_import(store) or {"orders": []}
    out = []
    for entry in data["orders"]:
        if isinstance(entry, dict) and entry.get("order_reference") and entry.get("supplier_id"):
            out.append(PurchaseOrder(**{k: v for k, v in entry.items() if k in _KNOWN}))
    return tuple(out)


def save_import(store: ObjectStore, orders: Iterable[PurchaseOrder], file_name: str, actor: str,
                merge: bool = False, at: str | None = None) -> dict:
    """Store ``orders`` as the ERP's purchase orders; ``merge``: over the previous import
    (an order of the same reference replaced) instead of replacing it. Returns what was stored,
    without the orders: ``imported_at``, ``imported_by``, ``file``, ``count``, ``replaced``."""
    new = [PurchaseOrder(**dict(o.as_dict(), source=IMPORTED)) for o in orders]
    kept = list(imported_orders(store)) if merge else []
    book = OrderBook.of(kept, new)
    entry = {"version": VERSION, "imported_at": at or datetime.now(timezone.utc).isoformat(timespec="seconds"),
             "imported_by": actor, "file": file_name, "merged": merge, "count": len(book),
             "orders": [o.as_dict() for o in book.by_key.values()]}
    store.put(layout.purchase_orders_import(), json.dumps(entry, ensure_ascii=False, indent=1).encode("utf-8"),
              "application/json")
    replaced = sum(1 for o in kept if o.key in {n.key for n in new})
    return {k: v for k, v in entry.items() if k != "orders"} | {"replaced": replaced}


def clear_import(store: ObjectStore) -> bool:
    """Forget the imported orders (the configured registry stays); True if there were some."""
    key = layout.purchase_orders_import()
    found = store.exists(key)
    store.delete(key)
    return found
