"""``aiguillage serve``: the long-running service of the scanning station.

Without PREFECT_API_URL it works alone: every few seconds one intake round (hot folder and
pushed files), plus retraining (every night at ``serve.retrain_at``, else every
``serve.retrain_hours``, when corrections came) and retention on their schedule, each a
Prefect flow run.
With PREFECT_API_URL it deploys its flows to a work pool and dispatches the files to the
workers (``prefect worker start --pool POOL``, on as many machines as needed).
"""

from __future__ import annotations

import logging
import sys
import time
from contextlib import contextmanager

from cli.errors import UsageError, exit_code_of, failure_message
from config import load_settings


def register(sub) -> None:
    p = sub.add_parser("serve", help="service continu : dossier de dépôt, entrée du stockage, tâches planifiées",
                       description="Sans PREFECT_API_URL : un passage toutes les secondes sur le dossier de "
                                   "dépôt et l'entrée du stockage, plus le réentraînement et la rétention à "
                                   "leur rythme. Avec PREFECT_API_URL : déploie les flux dans un pool de "
                                   "travail et confie les fichiers aux workers (prefect worker start --pool).")
    p.add_argument("--pool", default="aiguillage", help="pool de travail Prefect (avec PREFECT_API_URL)")
    p.add_argument("--interval", type=float, default=1.0, help="secondes entre deux passages (défaut : 1)")
    p.add_argument("--once", action="store_true", help="un seul passage puis s'arrêter")
    p.add_argument("--metrics-port", type=int, default=None, metavar="PORT",
                   help="port de /metrics, /healthz et /readyz (défaut : réglage serve.metrics_port ; 0 : aucun)")
    p.set_defaults(func=serve)


def serve(args) -> int:
    from cli.run_cmd import start_pipeline

    if args.interval <= 0:
        raise UsageError("--interval : un nombre de secondes positif est attendu")
    settings = load_settings()
    _, quiet_exit = start_pipeline(settings)
    from cli.logs import at_end

    at_end(quiet_exit)  # after cli.main has printed an error's line, if any
    from flows.intake_round import hot_folder_from_settings

    hot = hot_folder_from_settings()
    where = f"dossier {hot.folder}" if hot else "entrée du stockage seulement (intake.hot_folder non réglé)"
    from wiring.prefect_server import Terminated, stop_temporary_server, terminated_cleanly
    from wiring.temporary_server import configured_api_url

    _failures.clear()
    _start_ops_server(args, settings)
    try:
        with terminated_cleanly():  # SIGTERM (systemd, kill) ends it like Ctrl-C
            if configured_api_url():
                _serve_with_workers(args, settings, hot, where)
            else:
                _serve_alone(args, settings, hot, where)
    except (KeyboardInterrupt, Terminated):
        print("aiguillage : service arrêté", file=sys.stderr)
        return 0
    finally:
        stop_temporary_server()  # Prefect's child server ends with the service
    # --once: the round's outcome is the exit status (storage down 4, credentials refused 5…)
    return exit_code_of(_failures[-1]) if _failures else 0


_failures: list[BaseException] = []  # rounds that failed in this run of serve (the last one counts)


def _start_ops_server(args, settings) -> None:
    """/metrics, /healthz, /readyz on serve.metrics_port (or --metrics-port); the type model is
    loaded meanwhile, so that readiness turns true once the service can classify."""
    port = settings["serve.metrics_port"] if args.metrics_port is None else args.metrics_port
    if not port:
        return
    if not 0 < port < 65536:
        raise UsageError("--metrics-port : un port entre 1 et 65535 est attendu")
    from cli import ops_http
    from flows.health import load_model_in_background
    from wiring.runtime import runtime

    rt = runtime()
    host = settings["serve.metrics_host"]
    try:
        ops_http.start(rt, host, port)
    except OSError as exc:
        raise UsageError(f"métriques : impossible d'écouter sur {host}:{port} ({exc.strerror or exc})") from None
    load_model_in_background(rt)
    print(f"aiguillage : métriques et santé sur http://{host}:{port}/metrics, /healthz, /readyz",
          file=sys.stderr, flush=True)


def _serve_alone(args, settings, hot, where: str) -> None:
    from flows.maintenance import retention_flow, retrain_flow
    from flows.intake_round import intake_round

    print(f"aiguillage : service démarré ({where})", file=sys.stderr, flush=True)

    def retrain() -> None:  # a candidate, promoted if not worse; nothing when no correction came
        outcome = retrain_flow(when_new_corrections=True)
        if outcome.get("version") and "skipped" not in outcome:
            print(f"modèle {outcome['version']} : {outcome['report']}", flush=True)

    def retain() -> None:  # documents past their type's period, purged; one line of counts
        totals = retention_flow()["totals"]
        print(f"conservation : {totals['purged']} document(s) purgé(s), {totals['held']} sous conservation "
              f"légale, {totals['open']} encore ouvert(s)", flush=True)

    retain.name = "conservation"
    retrain_at = settings["serve.retrain_at"]
    schedule = {retain: settings["serve.retention_hours"]}
    if not retrain_at:
        schedule[retrain] = settings["serve.retrain_hours"]
    last = {job: time.monotonic() for job in schedule}
    next_retrain = next_daily(retrain_at) if retrain_at else None
    notifier = _notifier()
    while True:
        with _round_survived("passage sur le dossier de dépôt"):
            for line in intake_round(hot):
                print(f"{line['source']} p.{line['source_pages']} -> {line['queue']} ({line['status']})",
                      flush=True)
        notifier.round()  # urgent mail and the morning digest told to the teams; never raises
        if next_retrain is not None and time.time() >= next_retrain:
            next_retrain = next_daily(retrain_at)
            with _round_survived("réentraînement"):
                retrain()
        for job, hours in schedule.items():
            if hours and time.monotonic() - last[job] >= hours * 3600:
                last[job] = time.monotonic()
                with _round_survived(getattr(job, "name", "réentraînement")):
                    job()
        if args.once:
            return
        time.sleep(args.interval)


def _notifier():
    from flows.notify import ServeNotifier
    from wiring.runtime import runtime

    return ServeNotifier(runtime())


def next_daily(at: str, now: float | None = None) -> float:
    """Epoch seconds of the next ``HH:MM`` in Paris time after ``now`` (today's, or tomorrow's)."""
    from datetime import datetime, timedelta

    from config.clock import PARIS

    moment = datetime.fromtimestamp(time.time() if now is None else now, PARIS)
    hh, mm = (int(x) for x in at.split(":"))
    due = moment.replace(hour=hh, minute=mm, second=0, microsecond=0)
    if due <= moment:
        due = (due.replace(tzinfo=None) + timedelta(days=1)).replace(tzinfo=PARIS)
    return due.timestamp()


@contextmanager
def _round_survived(what: str):
    """A round that fails (storage down, a fault of ours) is reported and tried again at the
    next round: the service keeps running, and files not handled stay where they are."""
    from wiring.prefect_server import Terminated

    try:
        yield
    except (KeyboardInterrupt, Terminated):
        raise
    except Exception as exc:  # noqa: BLE001 - the log has the traceback, the terminal one line
        logging.getLogger("aiguillage.serve").exception("%s : échec", what)
        _failures[:] = [exc]
        from flows.metrics import count_error

        count_error(type(exc).__name__)
        print(f"aiguillage : {what} en échec ({failure_message(exc)}) ; nouvel essai au prochain passage",
              file=sys.stderr, flush=True)


def _serve_with_workers(args, settings, hot, where: str) -> None:
    from flows.dispatch import deploy, dispatch_round

    made = deploy(args.pool)
    print(f"aiguillage : déploiements {', '.join(made)} dans le pool « {args.pool} » ; "
          f"lancez des workers : prefect worker start --pool {args.pool} ({where})", file=sys.stderr, flush=True)
    notifier = _notifier()
    while True:
        sent = 0
        with _round_survived("envoi aux workers"):
            sent = dispatch_round(hot, settings["serve.batch_files"])
        if sent:
            print(f"{sent} fichier(s) confié(s) aux workers", flush=True)
        notifier.round()  # what the workers queued and could not send, and the digest
        if args.once:
            return
        time.sleep(args.interval)
