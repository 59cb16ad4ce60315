"""``ocr.task_runner: dask`` for real: a local Dask cluster of two worker processes reads a
scanned file's pages (Prefect's DaskTaskRunner, from the ``dask`` extra), and the documents
come out routed as with the default runner."""

from __future__ import annotations

import pytest

from tests.pages import LETTER, letter_image

pytestmark = pytest.mark.slow


def two_page_scan(path):
    from PIL import Image

    # a letter's first page, then its second, which goes on and closes it (the same whole letter
    # twice, greeting and signature each time, is two letters: a rescan)
    pages = [Image.fromarray(letter_image(dpi=150, lines=LETTER[:4])),
             Image.fromarray(letter_image(dpi=150, lines=["Je suis absent le lundi."] + LETTER[4:]))]
    pages[0].save(path, save_all=True, append_images=pages[1:], dpi=(150, 150), compression="tiff_deflate")


def test_pages_are_read_on_the_dask_clusters_workers(prefect_harness, tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed", reason="the dask extra (pip install -e '.[dask]')")
    scan = tmp_path / "lettre.tiff"
    two_page_scan(scan)
    monkeypatch.setenv("OMP_THREAD_LIMIT", "1")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        monkeypatch.setenv("AIGUILLAGE_OCR_TASK_RUNNER", "dask")
        monkeypatch.setenv("AIGUILLAGE_OCR_DASK_ADDRESS", cluster.scheduler_address)
        from flows.batch import run_batch

        with distributed.get_task_stream(client) as stream:
            lines = run_batch([str(scan)])
        workers = set(cluster.scheduler_info["workers"])
    assert [(x["type"], x["queue"], x["source_pages"]) for x in lines] == [("repair_request", "technique", [1, 2])]
    pages = [t for t in stream.data if "page" in t["key"]]
    assert len(pages) >= 2 and {t["worker"] for t in pages} <= workers  # read there, not in this process


def test_without_an_address_the_run_gets_its_own_cluster_of_ocr_workers_processes(monkeypatch):
    import os

    pytest.importorskip("prefect_dask", reason="the dask extra (pip install -e '.[dask]')")
    from wiring.runners import task_runner

    monkeypatch.setenv("AIGUILLAGE_OCR_TASK_RUNNER", "dask")
    monkeypatch.setenv("AIGUILLAGE_OCR_WORKERS", "2")
    monkeypatch.delenv("AIGUILLAGE_OCR_DASK_ADDRESS", raising=False)
    with task_runner() as runner:
        pids = runner.client.run(os.getpid)  # started on first use, stopped with the runner
    assert len(pids) == 2 and len(set(pids.values())) == 2 and os.getpid() not in pids.values()


def test_a_missing_prefect_dask_is_a_configuration_error_that_says_what_to_install(monkeypatch):
    import builtins

    from config import ConfigError
    from wiring.runners import task_runner

    real_import = builtins.__import__

    def without_prefect_dask(name, *args, **kwargs):
        if name == "prefect_dask":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setenv("AIGUILLAGE_OCR_TASK_RUNNER", "dask")
    monkeypatch.setattr(builtins, "__import__", without_prefect_dask)
    with pytest.raises(ConfigError) as err:
        task_runner()
    assert err.value.key == "ocr.task_runner" and "[dask]" in str(err.value)
