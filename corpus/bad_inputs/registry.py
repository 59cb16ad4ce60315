"""The kinds of bad input, as registered by the modules of this package."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

QUARANTINED = "quarantined"
HANDLED = "handled"
A4 = (595, 842)
GIB = 1 << 30


@dataclass
class BadInput:
    name: str  # the kind, a slug
    path: Path
    expected: str  # QUARANTINED or HANDLED
    note: str = ""


# ---------------------------------------------------------------------------------------------
# The kinds. Each writer gets its path and writes the file (or link, or pipe) there.

Writer = Callable[[Path], None]


@dataclass(frozen=True)
class Kind:
    name: str
    ext: str  # with its dot; "" for none
    expected: str
    note: str
    write: Writer
    filename: Callable[[str], bytes] | None = None  # special names: prefix -> file name as bytes


KINDS: list[Kind] = []


def kind(name: str, ext: str, expected: str, note: str = "", filename=None):
    def register(fn: Writer) -> Writer:
        KINDS.append(Kind(name, ext, expected, note, fn, filename))
        return fn
    return register
