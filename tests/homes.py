"""The data folder of a module's shared fixtures."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def home_set(path: Path) -> Iterator[Path]:
    """``AIGUILLAGE_HOME`` names ``path`` while the block runs, then what it named before: a
    module-scoped fixture runs before pytest's per-test ``monkeypatch`` can set it."""
    saved = os.environ.get("AIGUILLAGE_HOME")
    os.environ["AIGUILLAGE_HOME"] = str(path)
    try:
        yield path
    finally:
        if saved is None:
            os.environ.pop("AIGUILLAGE_HOME", None)
        else:
            os.environ["AIGUILLAGE_HOME"] = saved
