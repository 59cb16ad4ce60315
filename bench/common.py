"""Small helpers the benchmarks share."""

from __future__ import annotations

import os
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f} (1 min), {five:.1f} (5 min)"


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without any AIGUILLAGE_* setting of the caller, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIGUILLAGE_")}
    env.pop("PREFECT_HOME", None)
    env.pop("PREFECT_API_URL", None)
    env["OMP_THREAD_LIMIT"] = "1"
    env.update(extra)
    return env
