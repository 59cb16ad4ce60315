"""The S3 gateway stops in the middle of a batch and comes back: every document still ends
routed exactly once. Runs on a private Ceph RGW (its own monitor, OSD and gateway), so
stopping its gateway disturbs no other test; the OSD keeps the objects (memstore) while the
gateway is down."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.pages import letter_pdf
from tests.s3server import (
    missing_programs,
    server_from_env,
    start_server,
    stop_server,
    unique_bucket,
)
from tests.spec import main_queue_items

pytestmark = [pytest.mark.s3, pytest.mark.slow]
OUTAGE_SECONDS = 8  # longer than one storage call's own retries (~3 s): the pipeline must wait


class Gateway:
    """A private one-node Ceph cluster whose radosgw can be stopped and started again."""

    def __init__(self):
        self.scratch = Path(tempfile.mkdtemp(prefix="aig-outage-"))
        self.server = start_server(self.scratch)

    def _pids(self) -> list[int]:
        return [int(x) for x in (self.scratch / "pids").read_text().split()]

    def stop(self) -> None:
        pid = self._pids()[-1]  # the gateway is started last
        os.kill(pid, 9)
        for _ in range(200):
            try:
                os.kill(pid, 0)
                if Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z":
                    break
            except (ProcessLookupError, FileNotFoundError):
                break
            time.sleep(0.05)

    def start(self) -> None:
        log = open(self.scratch / "log" / "rgw-restart.out", "ab")
        proc = subprocess.Popen(["radosgw", "-n", "client.rgw.gw", "-f", "-c", str(self.scratch / "ceph.conf")],
                                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        with open(self.scratch / "pids", "a") as fh:
            fh.write(f"{proc.pid}\n")  # stopped with the rest by s3-test-server.sh stop

    def close(self) -> None:
        stop_server(self.scratch)
        shutil.rmtree(self.scratch, ignore_errors=True)


@pytest.fixture(scope="module")
def gateway():
    if server_from_env() is not None and missing_programs():
        pytest.skip("panne simulée : il faut les programmes Ceph (la passerelle externe ne peut être arrêtée)")
    gw = Gateway()
    yield gw
    gw.close()


def letters(folder: Path, count: int) -> list[str]:
    paths = []
    for n in range(count):
        p = folder / f"lettre-{n}.pdf"
        p.write_bytes(letter_pdf([
            "Madame, Monsieur,",
            "Je vous informe qu'une fuite d'eau importante s'est déclarée",
            f"dans ma salle de bains depuis le {n + 2} juin 2020.",
            f"Référence locataire : 2045{n:04d}",
            "Merci de faire intervenir un plombier rapidement.",
            "Veuillez agréer mes salutations distinguées.",
            f"Jean Dupont-{n}",
        ]))
        paths.append(str(p))
    return paths


def test_gateway_stopped_mid_batch_every_document_routed_once(prefect_harness, gateway, tmp_path, monkeypatch):
    bucket = unique_bucket("aig-outage")
    for k, v in gateway.server.env().items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("AIGUILLAGE_STORAGE_S3_BUCKET", bucket)
    files = letters(tmp_path, 6)
    events: list[tuple[str, float]] = []
    restarted = threading.Event()

    def outage_then_restart():
        time.sleep(OUTAGE_SECONDS)
        gateway.start()
        events.append(("start", time.monotonic()))
        restarted.set()

    def on_file(path, lines):
        events.append(("file", time.monotonic()))
        if len([e for e in events if e[0] == "file"]) == 1:  # after the first file: pull the plug
            gateway.stop()
            events.append(("stop", time.monotonic()))
            threading.Thread(target=outage_then_restart, daemon=True).start()

    from flows.batch import run_batch

    lines = run_batch(files, on_file=on_file)
    assert restarted.wait(30)
    kinds = [k for k, _ in events]
    assert kinds.index("stop") < kinds.index("start") < len(kinds) - 1 - kinds[::-1].index("file"), \
        f"la panne doit tomber au milieu du lot : {kinds}"

    # Every file handled, every document once, none quarantined for the outage.
    assert sorted({line["source"] for line in lines}) == sorted(files)
    ids = [line["document_id"] for line in lines]
    assert len(ids) == len(set(ids)) == len(files)
    assert {line["status"] for line in lines} <= {"routed", "review"}, lines

    # In storage: exactly one open work item per document in its main queue, as the lines say.
    store = gateway.server.store(bucket)
    main_items = Counter()
    for item in main_queue_items(store):
        main_items[item["document_id"]] += 1
        line = next(x for x in lines if x["document_id"] == item["document_id"])
        assert item["queue"] == line["queue"] and item["state"] == "open"
    assert main_items == Counter({i: 1 for i in ids})
    from storage.queues import entries

    listed = Counter(e.document_id for q in {x["queue"] for x in lines} for e in entries(store, q))
    assert listed == Counter({i: 1 for i in ids})
    for i in ids:
        assert store.exists(f"documents/{i}/record.json")

    # Processing the same files again routes nothing a second time.
    again = run_batch(files)
    assert {line["status"] for line in again} == {"duplicate"}
    assert sum(1 for k in store.list("queues/") if "/items/" in k) == sum(main_items.values()) + sum(
        len(json.loads(store.get(f"documents/{i}/record.json"))["copies"]) for i in ids)
