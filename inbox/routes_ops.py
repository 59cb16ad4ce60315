"""Operations: liveness and readiness for an orchestrator, Prometheus metrics, and the status
page « État du courrier » for signed-in staff (their own teams' queues only, and the day's
intake as counts). The three machine endpoints carry no personal data and need no session."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from config.clock import shown
from flows import health, metrics
from flows.status import QUARANTINE_REASONS, mailroom_state, queue_state, shown_age, shown_rate
from inbox.web import current, render
from wiring.runtime import runtime

router = APIRouter()


def install_metrics() -> None:
    """The store collector of this process (``aiguillage web``), on the current runtime."""
    metrics.install_collector(lambda: _state(runtime()), lambda: runtime().loaded_model_version)


def _state(rt):
    return mailroom_state(rt.store, rt.taxonomy.queues)


@router.get("/healthz")
def alive():
    return JSONResponse({"status": "vivant"})


@router.get("/readyz")
def ready():
    outcome = health.readiness(runtime())
    return JSONResponse(outcome.to_json(), status_code=200 if outcome.ready else 503)


@router.get("/metrics")
def scrape():
    return Response(metrics.exposition(), media_type=metrics.CONTENT_TYPE)


@router.get("/etat")
def status_page(request: Request):
    ctx = current(request)
    state = mailroom_state(ctx.rt.store, {})  # the day's intake (counts); the queues, theirs only, below
    labels = ctx.rt.taxonomy.queues
    # their own teams' queues only; items a person may not see are not counted for them either
    mine = [queue_state(ctx.rt.store, q, labels[q], state.at, ctx.member(q).sees_restricted)
            for q in labels if q in ctx.account.teams]
    return render(ctx, request, "status.html", state=state, queues=mine, shown_age=shown_age, at_text=shown(state.at),
                  shown_rate=shown_rate, reasons=QUARANTINE_REASONS)
