"""The batch flow under Prefect's test harness, on the committed generated samples, checked
against their ground truth."""

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.spec import check_line
from tests.homes import home_set

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
pytestmark = pytest.mark.slow


def truth_documents():
    for tf in sorted(SAMPLES.glob("*.truth.json")):
        t = json.loads(tf.read_text())
        yield t


@pytest.fixture(scope="module")
def module_home(tmp_path_factory):
    return tmp_path_factory.mktemp("home")


@pytest.fixture(autouse=True)
def aiguillage_home(module_home, monkeypatch):
    # Every test of this module works on the same data folder as the first run.
    monkeypatch.setenv("AIGUILLAGE_HOME", str(module_home))
    return module_home


@pytest.fixture(scope="module")
def first_run(prefect_harness, module_home):
    home = module_home
    with home_set(home):  # module fixtures run before monkeypatch
        from flows.batch import run_batch
        from flows.receipts import expand_inputs

        files, _ = expand_inputs([str(SAMPLES)])
        lines = run_batch([str(f) for f in files])
        yield home, files, lines


def test_every_line_follows_spec(first_run):
    _, _, lines = first_run
    for line in lines:
        check_line(line)


def test_documents_split_typed_and_routed_as_the_truth_says(first_run):
    home, _, lines = first_run
    by_file = {}
    for line in lines:
        by_file.setdefault(Path(line["source"]).name, []).append(line)
    right = total = 0
    for t in truth_documents():
        got = by_file[t["file"]]
        if t["bad_input"]:
            assert [g["status"] for g in got] == ["quarantined"], t["file"]
            continue
        # Splitting must be exact: same documents, same pages.
        assert sorted(g["source_pages"] for g in got) == sorted(d["pages"] for d in t["documents"]), t["file"]
        for d in t["documents"]:
            g = next(g for g in got if g["source_pages"] == d["pages"])
            total += 1
            right += g["type"] == d["type"]
            if g["status"] == "routed":  # an automatic route must be the right one
                assert g["type"] == d["type"] and g["queue"] == d["queue"], (t["file"], g)
    assert right >= total - 1, f"{right}/{total} types right"


def test_queues_in_storage_hold_each_document_once(first_run):
    home, _, lines = first_run
    items = Counter()
    for path in (home / "store" / "queues").glob("*/items/*.json"):
        item = json.loads(path.read_text())
        if not item.get("copy_of"):
            items[item["document_id"]] += 1
            assert item["queue"] == path.parent.parent.name
    assert set(items) == {line["document_id"] for line in lines}
    assert all(n == 1 for n in items.values())
    copies = [json.loads(p.read_text()) for p in (home / "store" / "queues" / "accompagnement-social").glob("items/*.json")]
    assert all(c["copy_of"] == "recouvrement" or c["type"] == "social_distress" for c in copies)


def test_rerun_gives_duplicates_and_routes_nothing_twice(first_run):
    home, files, lines = first_run
    from flows.batch import run_batch

    before = sorted(p.name for p in (home / "store" / "queues").glob("*/items/*.json"))
    again = run_batch([str(f) for f in files])
    assert {line["status"] for line in again} == {"duplicate"}
    assert sorted(x["document_id"] for x in again) == sorted(x["document_id"] for x in lines)
    assert sorted(p.name for p in (home / "store" / "queues").glob("*/items/*.json")) == before


def test_originals_kept_byte_for_byte(first_run):
    home, files, _ = first_run
    import hashlib
    for f in files:
        sha = hashlib.sha256(f.read_bytes()).hexdigest()
        assert (home / "store" / "originals" / sha[:2] / sha).read_bytes() == f.read_bytes()


def test_pages_fan_out_to_worker_processes(prefect_harness, tmp_path, monkeypatch):
    """`ocr.task_runner: processes`: the same results from Prefect's process pool."""
    monkeypatch.setenv("AIGUILLAGE_HOME", str(tmp_path / "processes"))
    monkeypatch.setenv("AIGUILLAGE_OCR_TASK_RUNNER", "processes")
    from prefect.task_runners import ProcessPoolTaskRunner

    from flows.batch import run_batch
    from wiring.runners import task_runner

    assert isinstance(task_runner(), ProcessPoolTaskRunner)
    (line,) = run_batch([str(SAMPLES / "doc-0006.tif")])
    truth = json.loads((SAMPLES / "doc-0006.tif.truth.json").read_text())
    assert line["type"] == truth["documents"][0]["type"] and line["status"] == "routed"
