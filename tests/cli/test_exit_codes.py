"""Every failure a user can cause ends in one French line and its own exit status, never a
traceback (issue 15): the codes are ``config.errors.ExitCode``, mapped once in cli/main.py, and
listed in README's "Codes de sortie" table. Each kind is caused for real where it can be: an S3
server that is not there (127.0.0.1:1), refused credentials (the test gateway), a Tesseract
language not installed, a damaged model, ``/dev/full``. See also test_failure_exits.py (storage
failures inside ``run``'s batch, a closed pipe)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from config.errors import AiguillageError, ExitCode
from tests.pages import letter_pdf
from tests.s3server import s3_bucket, s3_server  # noqa: F401

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "doc-0002.pdf"   # born-digital: no OCR needed
SCAN = REPO / "samples" / "doc-0005.tif"     # a scan: OCR needed
UNREACHABLE = {"AIGUILLAGE_STORAGE_BACKEND": "s3", "AIGUILLAGE_STORAGE_S3_ENDPOINT": "127.0.0.1:1",
               "AIGUILLAGE_STORAGE_S3_ACCESS_KEY": "cle", "AIGUILLAGE_STORAGE_S3_SECRET_KEY": "secret",
               "AIGUILLAGE_STORAGE_S3_SECURE": "false"}


def env_for(home: Path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIGUILLAGE_")}
    env.pop("PREFECT_HOME", None)
    env["AIGUILLAGE_HOME"] = str(home)
    return env | extra


def aiguillage(home: Path, *args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cli.main", *args], capture_output=True, text=True, cwd=REPO,
                          env=env_for(home, **(env or {})), timeout=timeout)


def assert_one_clean_line(done: subprocess.CompletedProcess, code: ExitCode, *words: str) -> None:
    assert done.returncode == code, f"exit {done.returncode} (attendu {code.name}):\n{done.stderr[-3000:]}"
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr
    lines = [ln for ln in done.stderr.splitlines() if ln.startswith("aiguillage : ")]
    assert lines, done.stderr
    for w in words:
        assert w in done.stderr, done.stderr


# -- the codes themselves ------------------------------------------------------------------------

def test_each_failure_kind_has_its_own_code():
    from classifiers.model import ModelMissing
    from cli.errors import UsageError
    from config.errors import ConfigError, DiskFull, FileAccessError
    from extractors.errors import LanguageMissing, ToolMissing
    from flows.receipts import InputMissing
    from storage.errors import StorageAuthError, StorageConfigError, StorageError, StorageUnavailable
    from storage.workitems import InboxError

    expected = {InboxError: ExitCode.FAILED, UsageError: ExitCode.USAGE, ConfigError: ExitCode.USAGE,
                InputMissing: ExitCode.USAGE, StorageConfigError: ExitCode.USAGE,
                ToolMissing: ExitCode.MISSING_TOOL, LanguageMissing: ExitCode.MISSING_TOOL,
                StorageUnavailable: ExitCode.STORAGE_UNAVAILABLE, StorageAuthError: ExitCode.STORAGE_CREDENTIALS,
                ModelMissing: ExitCode.MODEL, StorageError: ExitCode.STORAGE_ERROR, DiskFull: ExitCode.DISK_FULL,
                FileAccessError: ExitCode.FILE_ACCESS}
    for cls, code in expected.items():
        assert issubclass(cls, AiguillageError) and cls.exit_code is code, cls
    assert len({int(c) for c in ExitCode}) == len(ExitCode)
    assert (ExitCode.USAGE, ExitCode.STORAGE_UNAVAILABLE, ExitCode.STORAGE_CREDENTIALS) == (2, 4, 5)  # README, SPEC


def test_a_wrapped_failure_keeps_its_code_and_a_full_disk_wins():
    import errno

    from cli.errors import exit_code_of, failure_message
    from storage.errors import StorageError, StorageUnavailable

    try:
        try:
            raise StorageUnavailable("serveur S3 injoignable : vérifiez qu'il tourne")
        except StorageUnavailable as exc:
            raise RuntimeError("enveloppe d'une bibliothèque") from exc
    except RuntimeError as wrapped:
        assert exit_code_of(wrapped) == ExitCode.STORAGE_UNAVAILABLE
        assert failure_message(wrapped).startswith("serveur S3 injoignable")
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device", "/data/store/x")
        except OSError as exc:
            raise StorageError("écriture de x impossible") from exc
    except StorageError as wrapped:
        assert exit_code_of(wrapped) == ExitCode.DISK_FULL
        assert failure_message(wrapped).startswith("disque plein (/data/store/x)")
    assert exit_code_of(ValueError("un défaut"), default=-1) == -1


def test_readme_lists_every_exit_code():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Codes de sortie", 1)[1].split("\n#", 1)[0]
    rows = {int(m.group(1)): m.group(2) for m in re.finditer(r"^\| (\d+) \| `([A-Z_]+)` \|", section, re.M)}
    assert rows == {int(c): c.name for c in ExitCode}


# -- caused for real, in a subprocess ------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["push", str(SAMPLE)],
    ["inbox", "list", "--team", "technique", "--user", "marie.dupont"],
    ["audit", "--document", "0123456789abcdef"],
    ["routes", "explain", "0123456789abcdef"],
], ids=["push", "inbox", "audit", "routes"])
def test_storage_unreachable_exits_4(tmp_path, args):
    done = aiguillage(tmp_path / "home", *args, env=UNREACHABLE)
    assert_one_clean_line(done, ExitCode.STORAGE_UNAVAILABLE, "127.0.0.1:1", "storage.s3.endpoint")


def test_serve_once_reports_the_storage_outage_and_exits_4(tmp_path):
    done = aiguillage(tmp_path / "home", "serve", "--once", env=UNREACHABLE)
    assert_one_clean_line(done, ExitCode.STORAGE_UNAVAILABLE, "en échec", "nouvel essai au prochain passage")


def test_serve_keeps_running_through_a_storage_outage_then_stops_on_ctrl_c(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--interval", "0.2"], cwd=REPO,
                            env=env_for(tmp_path / "home", **UNREACHABLE), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 240
        log = tmp_path / "home" / "logs" / "aiguillage.log"
        while time.monotonic() < deadline:  # two failed rounds: the service went on after the first
            if log.exists() and log.read_text(encoding="utf-8", errors="replace").count("passage sur le dossier") >= 2:
                break
            assert proc.poll() is None, proc.communicate()[1]
            time.sleep(0.5)
        else:
            pytest.fail("pas deux passages en échec en 4 minutes")
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err and err.count("en échec") >= 2 and "service arrêté" in err, err


@pytest.mark.slow
def test_run_with_storage_unreachable_exits_4(tmp_path):
    # The pipeline waits about two minutes for storage to come back (wiring/retries.py): shortened here.
    script = textwrap.dedent(f"""
        import sys
        import wiring.retries as retries
        retries.TASK_RETRIES.update(retries=1, retry_delay_seconds=[0.2])
        retries.patiently.__kwdefaults__["waits"] = (0.2,)
        from cli.main import main
        sys.exit(main(["run", "--json", {str(SAMPLE)!r}]))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO,
                          env=env_for(tmp_path / "home", **UNREACHABLE), timeout=300)
    assert_one_clean_line(done, ExitCode.STORAGE_UNAVAILABLE, "127.0.0.1:1")
    assert done.stdout == ""


@pytest.mark.s3
@pytest.mark.parametrize("args", [
    ["push", str(SAMPLE)],
    ["inbox", "list", "--team", "technique", "--user", "marie.dupont"],
    ["run", "--json", str(SAMPLE)],
    ["serve", "--once"],
], ids=["push", "inbox", "run", "serve-once"])
def test_refused_credentials_exit_5(tmp_path, s3_server, s3_bucket, args):  # noqa: F811
    env = s3_server.env() | {"AIGUILLAGE_STORAGE_S3_BUCKET": s3_bucket,
                             "AIGUILLAGE_STORAGE_S3_SECRET_KEY": "pas-la-bonne-cle"}
    done = aiguillage(tmp_path / "home", *args, env=env)
    assert_one_clean_line(done, ExitCode.STORAGE_CREDENTIALS, "storage.s3.secret_key")
    assert "pas-la-bonne-cle" not in done.stderr + done.stdout
    if args[0] == "run":  # said before the model and Prefect's server were started
        assert not (tmp_path / "home" / "prefect").exists()


@pytest.mark.parametrize("engine", ["library", "command"])
def test_missing_tesseract_language_stops_run_before_any_work(tmp_path, engine):
    done = aiguillage(tmp_path / "home", "run", "--json", str(SCAN),
                      env={"AIGUILLAGE_OCR_LANGUAGES": "fra+xyz", "AIGUILLAGE_OCR_ENGINE": engine})
    assert_one_clean_line(done, ExitCode.MISSING_TOOL, "xyz", "tesseract-ocr-xyz", "ocr.languages")
    assert done.stdout == ""  # nothing quarantined: the scans were not touched
    assert not (tmp_path / "home" / "store").exists()


def test_missing_tesseract_program_exits_3(tmp_path):
    done = aiguillage(tmp_path / "home", "run", "--json", str(SCAN),
                      env={"AIGUILLAGE_OCR_ENGINE": "command", "PATH": str(Path(sys.executable).parent)})
    assert_one_clean_line(done, ExitCode.MISSING_TOOL, "tesseract-ocr")


def test_damaged_model_exits_6(tmp_path):
    from storage import models
    from storage.local import LocalStore

    home, damaged = tmp_path / "home", tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "aiguillage-model.json").write_text("{tronqué", encoding="utf-8")
    store = LocalStore(home / "store")  # the promoted model is damaged: every process refuses it the same way
    version = models.save_version(store, damaged, {"scores": {}})
    models.promote(store, version, "marie.martin")
    done = aiguillage(home, "run", "--json", str(SAMPLE))
    assert_one_clean_line(done, ExitCode.MODEL, version, "aiguillage model rollback")


@pytest.mark.parametrize("args, env, words", [
    (["run", "/nulle/part.pdf"], {}, ["/nulle/part.pdf"]),
    (["push", "/nulle/part.pdf"], {}, ["/nulle/part.pdf"]),
    (["run", str(SAMPLE)], {"AIGUILLAGE_OCR_DPI": "beaucoup"}, ["AIGUILLAGE_OCR_DPI", "ocr.dpi"]),
    (["push", str(SAMPLE)], {"AIGUILLAGE_STORAGE_BACKEND": "s3"}, ["storage.s3.endpoint"]),
    (["inbox", "list", "--team", "nulle-part", "--user", "marie.dupont"], {}, ["nulle-part"]),
], ids=["run-missing-file", "push-missing-file", "bad-setting", "s3-without-endpoint", "unknown-team"])
def test_usage_and_configuration_errors_exit_2(tmp_path, args, env, words):
    assert_one_clean_line(aiguillage(tmp_path / "home", *args, env=env), ExitCode.USAGE, *words)


def test_refused_inbox_operation_exits_1(tmp_path):
    done = aiguillage(tmp_path / "home", "inbox", "show", "0123456789abcdef01234567", "--team", "technique",
                      "--user", "marie.dupont")
    assert_one_clean_line(done, ExitCode.FAILED, "introuvable")


def test_full_disk_exits_8(tmp_path):
    done = aiguillage(tmp_path / "home", "separator-sheet", "/dev/full")  # every write: ENOSPC
    assert_one_clean_line(done, ExitCode.DISK_FULL, "disque plein")


def test_unwritable_place_exits_9(tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("x")
    done = aiguillage(tmp_path / "home", "separator-sheet", str(blocker / "dedans" / "separateur.pdf"))
    assert_one_clean_line(done, ExitCode.FILE_ACCESS, "separateur.pdf")


def test_unusable_data_folder_exits_7(tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("x")
    done = aiguillage(blocker / "home", "inbox", "list", "--team", "technique", "--user", "marie.dupont")
    assert_one_clean_line(done, ExitCode.STORAGE_ERROR, "dossier de données", "AIGUILLAGE_HOME")


@pytest.mark.slow
def test_bad_files_are_handled_not_failures(tmp_path):
    empty, text = tmp_path / "vide.pdf", tmp_path / "note.pdf"
    empty.write_bytes(b"")
    text.write_text("pas un courrier", encoding="utf-8")
    good = tmp_path / "lettre.pdf"
    good.write_bytes(letter_pdf())
    done = aiguillage(tmp_path / "home", "run", "--json", str(empty), str(good), str(text))
    assert done.returncode == ExitCode.OK, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.count('"status": "quarantined"') == 2 and done.stdout.count("\n") == 3


# -- in the process: Ctrl-C and a bug -----------------------------------------------------------

def _command_raising(monkeypatch, exc: BaseException) -> None:
    import cli.separator_cmd

    def boom(args):
        raise exc

    monkeypatch.setattr(cli.separator_cmd, "run", boom)


def test_ctrl_c_exits_130(tmp_path, monkeypatch, capsys):
    from cli.main import main

    _command_raising(monkeypatch, KeyboardInterrupt())
    assert main(["separator-sheet", str(tmp_path / "s.pdf")]) == ExitCode.INTERRUPTED == 130
    err = capsys.readouterr().err
    assert "interrompu" in err and "Traceback" not in err


def test_a_bug_still_shows_its_traceback_and_exits_1(tmp_path, monkeypatch, capsys):
    from cli.main import main

    _command_raising(monkeypatch, ZeroDivisionError("division by zero"))
    assert main(["separator-sheet", str(tmp_path / "s.pdf")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "ZeroDivisionError" in err and "erreur interne" in err
