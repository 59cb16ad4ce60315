"""Running the reprocessing flow from a request. Without PREFECT_API_URL Prefect starts its
temporary server on the first flow run; ``aiguillage web`` starts it ahead (``warm_up`` in a
background thread) and flow runs wait for that start to finish rather than racing it."""

from __future__ import annotations

import threading

_ready = threading.Event()
_ready.set()  # nothing to wait for unless warm_up is called
WAIT_SECONDS = 180


def start_warm_up() -> threading.Thread:
    from wiring.prefect_server import start_warm_up as start

    _ready.clear()
    return start(then=_ready.set)


def reprocess(document_id: str, doc_type: str, fields: dict, actor: str) -> dict:
    from flows.reprocess import reprocess_document

    _ready.wait(WAIT_SECONDS)
    return reprocess_document(document_id, doc_type, fields, actor)
