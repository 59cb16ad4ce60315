"""Failures a user can cause end in one French line and the right exit status, never a
traceback (issue 13): storage down during `run` exits 4 like the other commands, and a reader
that goes away (`inbox list --json | head -1`) ends the command quietly."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.pages import letter_pdf

REPO = Path(__file__).resolve().parents[2]


def env_for(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIGUILLAGE_")}
    env["AIGUILLAGE_HOME"] = str(home)
    env.pop("PREFECT_HOME", None)
    return env


@pytest.mark.slow
@pytest.mark.parametrize("error, code", [("StorageUnavailable", 4), ("StorageAuthError", 5)])
def test_run_exits_with_the_storage_failure_code_and_no_traceback(tmp_path, error, code):
    scan = tmp_path / "lettre.pdf"
    scan.write_bytes(letter_pdf())
    script = textwrap.dedent(f"""
        import sys
        import flows.batch
        from storage.errors import {error}

        def down(*args, **kwargs):
            raise {error}("stockage S3 injoignable (127.0.0.1:9) : vérifiez que le serveur tourne")

        flows.batch.run_batch = down
        from cli.main import main
        sys.exit(main(["run", "--json", {str(scan)!r}]))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO,
                          env=env_for(tmp_path / "home"), timeout=300)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    assert "stockage S3 injoignable" in done.stderr and done.stdout == ""


def test_inbox_list_piped_into_head_ends_quietly(tmp_path):
    home = tmp_path / "home"
    seed = textwrap.dedent("""
        from wiring.runtime import runtime
        from storage.queues import WorkItem, enqueue
        store = runtime().store
        for i in range(400):
            enqueue(store, WorkItem(document_id=f"{i:024x}", queue="technique", status="routed",
                                    type="repair_request", confidence=0.9, reason=None, priority=2,
                                    deadline=None, urgent=False, restricted=False, sha256="ab" * 32,
                                    source=f"lot-{i}.pdf", source_pages=[1], history=[]))
    """)
    subprocess.run([sys.executable, "-c", seed], check=True, cwd=REPO, env=env_for(home), timeout=300)
    done = subprocess.run(f"{sys.executable} -m cli.main inbox list --team technique --user marie.dupont "
                          "--json | head -1", shell=True, capture_output=True, text=True, cwd=REPO,
                          env=env_for(home), timeout=300)
    assert done.stdout.count("\n") == 1 and '"document_id"' in done.stdout
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
