"""The task runner that reads pages in parallel: threads, processes or a Dask cluster, as the
setting ``ocr.task_runner`` names, sized by ``ocr.workers`` (default: one per core; Tesseract
itself runs one thread per process)."""

from __future__ import annotations

import os

from prefect.task_runners import ThreadPoolTaskRunner

from config import ConfigError
from wiring.runtime import runtime


def workers() -> int:
    configured = runtime().settings["ocr.workers"]
    return configured or os.cpu_count() or 1


def task_runner():
    """The task runner ``ocr.task_runner`` names, sized by ``ocr.workers``."""
    s = runtime().settings
    kind = s["ocr.task_runner"]
    if kind == "processes":
        from prefect.task_runners import ProcessPoolTaskRunner

        return ProcessPoolTaskRunner(max_workers=workers())
    if kind == "dask":
        try:
            from prefect_dask import DaskTaskRunner
        except ImportError:
            raise ConfigError(s.source, "ocr.task_runner", "dask demande le paquet prefect-dask : "
                              "pip install -e '.[dask]' (ou pip install 'aiguillage[dask]')") from None
        if s["ocr.dask_address"]:
            return DaskTaskRunner(address=s["ocr.dask_address"])
        # else a local cluster for the run: worker processes (Tesseract is one thread each), no dashboard
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers(), "threads_per_worker": 1, "processes": True,
                                              "dashboard_address": None})
    return ThreadPoolTaskRunner(max_workers=workers())
