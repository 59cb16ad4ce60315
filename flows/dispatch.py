"""Scale-out on a Prefect server: a dispatcher hands files to deployments that workers run.

    scanning station -> hot folder -> (dispatcher) -> storage intake/ -> flow runs in a work pool
                        aiguillage push ---------------^                 (any worker, any machine)

The dispatcher (``aiguillage serve`` with PREFECT_API_URL) moves settled hot-folder files into
the store's intake, marks each pushed file as dispatched (create-only, so two dispatchers never
send it twice) and asks for one flow run per few files. Workers need nothing but the package,
the settings and the storage server: they fetch the files from the store, route them, and
clear the intake.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

from prefect import flow

from flows.batch import process_batch
from stages.hotfolder import HotFolder, push
from storage import pushes
from storage import spool as local_spool
from storage.errors import ObjectNotFound
from wiring.runners import task_runner
from wiring.runtime import runtime

DEPLOYMENT = "aiguillage-depot/depot"


@flow(name="aiguillage-depot", log_prints=False)
def process_intake(keys: list[str]) -> list[dict]:
    """On a worker: route the pushed files ``keys`` (intake/<sha>/<name>), then clear them."""
    rt = runtime()
    store = rt.store
    folder = local_spool.intake_folder(rt.settings.home)
    fetched: dict[str, str] = {}
    for key in keys:
        try:
            fetched[str(pushes.fetch(store, key, folder))] = key
        except ObjectNotFound:
            continue  # already handled by an earlier run
    lines = process_batch.with_options(task_runner=task_runner())(list(fetched), fetched) if fetched else []
    for path, key in fetched.items():
        pushes.clear(store, key)
        shutil.rmtree(Path(path).parent, ignore_errors=True)
    return lines


def dispatch_round(hot: HotFolder | None, batch_files: int, deployment: str = DEPLOYMENT) -> int:
    """Move settled hot-folder files to the intake, then ask for flow runs; returns the
    number of files sent."""
    from prefect.deployments import run_deployment

    store = runtime().store
    for f in hot.ready() if hot else []:
        push(store, f)
        hot.done(f)  # its bytes are in the store now
    keys = [k for k in pushes.pending(store) if pushes.claim_for_dispatch(store, k)]
    for i in range(0, len(keys), batch_files):
        run_deployment(deployment, parameters={"keys": keys[i:i + batch_files]}, timeout=0)
    return len(keys)


def deploy(pool: str, source: Path | None = None) -> list[str]:
    """Create the work pool if needed and (re)deploy the intake, retraining and retention
    flows to it (retraining every night at ``serve.retrain_at``, else every
    ``serve.retrain_hours``; ``prefect deployment run reentrainement/planifie`` runs it on
    demand). Workers are started with ``prefect worker start --pool POOL``."""
    from prefect import Flow
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectNotFound as PrefectNotFound

    with get_client(sync_client=True) as client:
        try:
            client.read_work_pool(pool)
        except PrefectNotFound:
            client.create_work_pool(WorkPoolCreate(name=pool, type="process"))
    from prefect.schedules import Cron, Interval

    s = runtime().settings
    root = str(source or Path(__file__).resolve().parents[1])
    made = []
    retrain = None
    if s["serve.retrain_at"]:  # every night at HH:MM, Paris time
        hh, mm = s["serve.retrain_at"].split(":")
        retrain = Cron(f"{int(mm)} {int(hh)} * * *", timezone="Europe/Paris")
    elif s["serve.retrain_hours"]:
        retrain = Interval(s["serve.retrain_hours"] * 3600)
    specs = [("flows/dispatch.py:process_intake", "depot", None, True, None),
             ("flows/maintenance.py:retrain_flow", "planifie", retrain, retrain is not None,
              {"when_new_corrections": True}),
             ("flows/maintenance.py:retention_flow", "quotidienne",
              Interval(s["serve.retention_hours"] * 3600) if s["serve.retention_hours"] else None,
              bool(s["serve.retention_hours"]), None)]
    for entrypoint, name, schedule, wanted, parameters in specs:
        if not wanted:
            continue
        f = Flow.from_source(source=root, entrypoint=entrypoint)
        with contextlib.redirect_stdout(io.StringIO()):  # Prefect prints a table of what it did
            f.deploy(name=name, work_pool_name=pool, build=False, push=False, print_next_steps=False,
                     ignore_warnings=True, schedules=[schedule] if schedule else None, parameters=parameters)
        made.append(f"{f.name}/{name}")
    return made
