"""Bad inputs: files that must never stop a batch (issue 13, "one bad file never stops the others").

``make_bad_inputs(folder)`` writes one small file per kind (every file under 3 MB on disk, all
of them in a few seconds) and returns what each one is and what the pipeline must make of it:

- ``quarantined``: the file cannot be read as mail; its line(s) must say ``quarantined`` with a
  reason in plain French;
- ``handled``: a readable (if odd) document, or one where routing, review and quarantine are all
  acceptable; what matters is that it never aborts the batch.

Kinds are written by small functions registered in ``KINDS``; the good letter pages come from
``tests/pages.py`` (``letter_pdf``, ``letter_image``). Not here: a file the system will not let us
read (``chmod 000``) — the tests run as root, whom permissions do not stop, so that case is
tested on its own by simulating the PermissionError.

    python -m corpus.bad_inputs OUT/    (writes the kinds and lists them)
"""


from __future__ import annotations

import os
import sys
from pathlib import Path

from corpus.bad_inputs import file_kinds, image_kinds, pdf_kinds  # noqa: F401,E402 - they register the kinds
from corpus.bad_inputs.builders import (  # noqa: F401
    good_pdf,
    good_scan_png,
    letter_grey,
    letter_lines,
)
from corpus.bad_inputs.registry import HANDLED, KINDS, QUARANTINED, BadInput, Kind  # noqa: F401

# ---------------------------------------------------------------------------------------------


def kind_names() -> list[str]:
    return [k.name for k in KINDS]


def make_bad_inputs(folder: Path, only: list[str] | None = None, number_from: int | None = None,
                    number_step: int = 1) -> list[BadInput]:
    """Write every kind (or those named in ``only``) into ``folder``.

    File names are ``<kind><ext>``, or ``NNN-<kind><ext>`` numbered from ``number_from`` by
    ``number_step`` when given (so that good files can be put between them); the special-name
    kinds keep their oddity (a leading '-', a 250-byte non-UTF-8 name)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    wanted = KINDS if only is None else [k for k in KINDS if k.name in only]
    if only is not None and len(wanted) != len(set(only)):
        raise ValueError(f"unknown kind(s): {sorted(set(only) - set(kind_names()))}")
    made = []
    for i, k in enumerate(wanted):
        prefix = "" if number_from is None else f"{number_from + i * number_step:03d}-"
        name = k.filename(prefix) if k.filename else f"{prefix}{k.name}{k.ext}".encode()
        path = folder / os.fsdecode(name)
        k.write(path)
        made.append(BadInput(k.name, path, k.expected, k.note))
    return made


def main(argv: list[str]) -> int:
    import time

    if len(argv) != 1:
        print("usage: python -m corpus.bad_inputs OUT_FOLDER", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    made = make_bad_inputs(Path(argv[0]))
    for b in made:
        size = b.path.lstat().st_size
        print(f"{b.name:28} {b.expected:12} {size:>10}  {b.note}")
    print(f"{len(made)} kinds in {time.perf_counter() - t0:.1f} s")
    return 0
