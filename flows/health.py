"""Liveness and readiness, for a container orchestrator or a load balancer.

Alive: the process answers. Ready: it can do its work now — the object store answers a LIST
(one try, short timeouts), the Prefect API answers ``/health`` when one is configured
(``PREFECT_API_URL``), and the type model is loaded in this process. Each check says why it
failed, in French; nothing personal is in the answer.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from wiring.temporary_server import configured_api_url

PROBE_SECONDS = 3.0


@dataclass
class Readiness:
    ready: bool
    checks: dict[str, dict] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"status": "pret" if self.ready else "pas pret", "checks": self.checks}


def check_store(settings) -> dict:
    from storage.factory import probe_store

    try:
        probe_store(settings, timeout=PROBE_SECONDS)
    except Exception as exc:  # noqa: BLE001 - any failure is "not ready", said in words
        return {"ok": False, "detail": f"stockage injoignable : {getattr(exc, 'message', None) or exc}"}
    return {"ok": True, "detail": "stockage joignable"}


def check_prefect(api_url: str | None) -> dict:
    if not api_url:
        return {"ok": True, "detail": "pas de serveur Prefect réglé (PREFECT_API_URL) : flux exécutés sur place"}
    import httpx

    url = api_url.rstrip("/") + "/health"
    try:
        response = httpx.get(url, timeout=PROBE_SECONDS)
    except httpx.HTTPError as exc:
        return {"ok": False, "detail": f"API Prefect injoignable ({type(exc).__name__})"}
    if response.status_code != 200:
        return {"ok": False, "detail": f"API Prefect : réponse HTTP {response.status_code}"}
    return {"ok": True, "detail": "API Prefect joignable"}


def check_model(rt) -> dict:
    if not rt.model_loaded:
        return {"ok": False, "detail": "modèle de classement pas encore chargé"}
    return {"ok": True, "detail": f"modèle de classement chargé ({rt.loaded_model_version or 'intégré'})"}


def readiness(rt, api_url: str | None = None) -> Readiness:
    checks = {"stockage": check_store(rt.settings),
              "prefect": check_prefect(api_url if api_url is not None else configured_api_url()),
              "modele": check_model(rt)}
    return Readiness(all(c["ok"] for c in checks.values()), checks)


def load_model_in_background(rt) -> threading.Thread:
    """Load the type model now, off the serving thread: the process is ready once it is."""
    def load() -> None:
        try:
            _ = rt.model
        except Exception:  # noqa: BLE001 - readiness stays false; the pipeline will say why
            import logging

            logging.getLogger("aiguillage.health").exception("chargement du modèle en échec")

    thread = threading.Thread(target=load, name="model-warmup", daemon=True)
    thread.start()
    return thread
