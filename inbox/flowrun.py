"""Running the reprocessing flow from a request. Without PREFECT_API_URL Prefect starts its
temporary server on the first flow run; ``aiguillage web`` starts it ahead (``warm_up`` in a
background thread) and flow runs wait for that start to finish rather than racing it."""

from __future__ import annotations

import threading

_ready = threading.Event()
_ready.set()  # nothing to wait for unless warm_up is called
WAIT_SECONDS = 180


def warm_up() -> None:
    _ready.clear()
    try:
        from wiring import temporary_server

        temporary_server.wait()  # the one `aiguillage web` started, if any
        from prefect.client.orchestration import get_client

        with get_client(sync_client=True) as client:
            client.api_healthcheck()
    except Exception:  # noqa: BLE001 - the first flow run will try again and report
        pass
    finally:
        _ready.set()


def start_warm_up() -> threading.Thread:
    _ready.clear()
    thread = threading.Thread(target=warm_up, name="prefect-warm-up", daemon=True)
    thread.start()
    return thread


def reprocess(document_id: str, doc_type: str, fields: dict, actor: str) -> dict:
    from flows.reprocess import reprocess_document

    _ready.wait(WAIT_SECONDS)
    return reprocess_document(document_id, doc_type, fields, actor)
