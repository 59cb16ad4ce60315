"""`aiguillage run` end to end in a real process: real OCR, real storage, Prefect's own
temporary server, and nothing but SPEC.md JSON lines on standard output."""

import json
import os
import subprocess
import sys

import pytest

from tests.pages import letter_image, letter_pdf, save_image
from tests.spec import check_line

pytestmark = pytest.mark.slow


def run(home, *args):
    return run_command(home, "run", *args)


def run_command(home, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIGUILLAGE_")}
    env["AIGUILLAGE_HOME"] = str(home)
    env.pop("PREFECT_HOME", None)  # the CLI keeps Prefect's state under AIGUILLAGE_HOME
    return subprocess.run([sys.executable, "-m", "cli.main", *args], capture_output=True, text=True,
                          env=env, timeout=300)


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    d = tmp_path_factory.mktemp("scans")
    (d / "lettre.pdf").write_bytes(letter_pdf())
    save_image(letter_image(dpi=200), d / "lettre-scannee.jpg", dpi=200, quality=70)
    (d / "vide.pdf").write_bytes(b"")
    (d / "notes.txt").write_text("pas un scan")
    return d


def test_json_lines_follow_spec_and_duplicates_are_recognised(tmp_path, inbox):
    first = run(tmp_path / "home", "--json", str(inbox))
    assert first.returncode == 0, first.stderr
    lines = [json.loads(x) for x in first.stdout.splitlines()]
    assert len(lines) == 3  # notes.txt is skipped, named on stderr
    assert "notes.txt" in first.stderr
    for line in lines:
        check_line(line)
    by_name = {os.path.basename(x["source"]): x for x in lines}
    assert by_name["vide.pdf"]["status"] == "quarantined" and "vide" in by_name["vide.pdf"]["reason"]
    for name in ("lettre.pdf", "lettre-scannee.jpg"):
        assert by_name[name]["type"] == "repair_request" and by_name[name]["queue"] == "technique"
        assert by_name[name]["fields"].get("tenant_reference") == "20451237"
    assert (tmp_path / "home" / "store" / "queues" / "technique" / "items").is_dir()
    assert "Traceback" not in first.stderr

    again = run(tmp_path / "home", "--json", str(inbox / "lettre.pdf"))
    assert again.returncode == 0, again.stderr
    (dup,) = [json.loads(x) for x in again.stdout.splitlines()]
    check_line(dup)
    assert dup["status"] == "duplicate" and dup["document_id"] == by_name["lettre.pdf"]["document_id"]

    # `aiguillage status`: the day's tally is what the runs printed, the queues what they routed
    status = run_command(tmp_path / "home", "status", "--json")
    assert status.returncode == 0, status.stderr
    state = json.loads(status.stdout)
    assert state["today"]["by_status"] == {"routed": 2, "review": 0, "quarantined": 1, "duplicate": 1}
    assert state["today"]["quarantined_by_reason"] == {"empty": 1} and state["today"]["straight_through_rate"] == 0.6667
    depth = {q["queue"]: q["depth"] for q in state["queues"]}
    assert depth["technique"] == 2 and depth["quarantaine"] == 1 and sum(depth.values()) == 3
    shown = run_command(tmp_path / "home", "status")
    assert "routés sans intervention : 2 (66,7 %)" in shown.stdout and "fichier vide : 1" in shown.stdout


def test_separate_homes_share_nothing(tmp_path, inbox):
    a = run(tmp_path / "a", "--json", str(inbox / "lettre.pdf"))
    b = run(tmp_path / "b", "--json", str(inbox / "lettre.pdf"))
    assert json.loads(a.stdout)["status"] == "routed"
    assert json.loads(b.stdout)["status"] == "routed"  # not a duplicate: another data folder
    assert not (tmp_path / "b" / "prefect").samefile(tmp_path / "a" / "prefect")


def test_readable_table_without_json(tmp_path, inbox):
    r = run(tmp_path / "home", str(inbox / "lettre.pdf"), str(inbox / "vide.pdf"))
    assert r.returncode == 0, r.stderr
    assert "Fichier" in r.stdout and "aiguillé" in r.stdout and "quarantaine" in r.stdout
    assert "2 document(s)" in r.stdout
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
