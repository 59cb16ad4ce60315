"""Crash safety: `kill -9` in the middle of a batch, run it again: the batch finishes, no
document is lost and none is routed twice."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
pytestmark = pytest.mark.slow


def start(home: Path, folder: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIGUILLAGE_") and k != "PREFECT_HOME"}
    env["AIGUILLAGE_HOME"] = str(home)
    return subprocess.Popen([sys.executable, "-m", "cli.main", "run", "--json", str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)


def test_kill_9_mid_batch_then_rerun(tmp_path):
    folder = tmp_path / "lot"
    folder.mkdir()
    truths = {}
    for truth_file in sorted(SAMPLES.glob("*.truth.json")):
        truth = json.loads(truth_file.read_text())
        shutil.copy(SAMPLES / truth["file"], folder / truth["file"])
        truths[truth["file"]] = truth
    home = tmp_path / "home"
    delivered = home / "store" / "documents"

    first = start(home, folder)
    deadline = time.time() + 240
    while time.time() < deadline and first.poll() is None:
        if len(list(delivered.glob("*/routed.json"))) >= 3:
            break
        time.sleep(0.05)
    assert first.poll() is None, "the batch ended before it could be killed"
    os.killpg(first.pid, signal.SIGKILL)  # the whole process group, Prefect's server included
    first.wait()
    done_before = len(list(delivered.glob("*/routed.json")))
    assert 3 <= done_before < sum(max(1, len(t["documents"])) for t in truths.values())

    second = start(home, folder)
    out, err = second.communicate(timeout=600)
    assert second.returncode == 0, err
    assert "Traceback" not in err
    lines = [json.loads(x) for x in out.splitlines()]
    # Files fully handled before the kill are reported as already received, the others finish.
    assert {line["status"] for line in lines} <= {"routed", "review", "quarantined", "duplicate"}
    assert any(line["status"] != "duplicate" for line in lines)

    expected = sum(max(1, len(t["documents"])) for t in truths.values())
    assert len(lines) == expected
    assert len({line["document_id"] for line in lines}) == expected
    # In storage: every document in exactly one main queue, once.
    main_items = Counter()
    for path in (home / "store" / "queues").glob("*/items/*.json"):
        item = json.loads(path.read_text())
        if not item.get("copy_of"):
            main_items[item["document_id"]] += 1
    assert set(main_items) == {line["document_id"] for line in lines}
    assert set(main_items.values()) == {1}
