"""Every external program the extractors run, called from this one place."""

from __future__ import annotations

import os
import shutil
import subprocess

from extractors.errors import ToolMissing

_PACKAGES = {"pdftotext": "poppler-utils", "pdfinfo": "poppler-utils", "pdftoppm": "poppler-utils",
             "tesseract": "tesseract-ocr"}


def tool_env() -> dict[str, str]:
    """Environment for child programs: one OpenMP thread, parallelism comes from processes."""
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def require(program: str) -> str:
    path = shutil.which(program)
    if not path:
        raise ToolMissing(program, _PACKAGES.get(program, program))
    return path


def run(args: list[str], timeout: float, input_bytes: bytes | None = None) -> subprocess.CompletedProcess:
    """Run a program; output captured; raises subprocess.TimeoutExpired / CalledProcessError."""
    require(args[0])
    return subprocess.run(args, input=input_bytes, capture_output=True, timeout=timeout, check=True,
                          env=tool_env())
