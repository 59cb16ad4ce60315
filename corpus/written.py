"""Mail written by other hands, that the type classifier learns from.

``corpus/data/written/<set>/<kind>/<id>.json`` holds letters and supplier documents written by
helpers who read only SPEC.md and the landlord's account of its mail, never our generator, our
rules or the model (bench/foreign_set.py describes the format: ``pages`` as printed, a ``label``
per SPEC.md). They were first development sets: read to write extraction rules and measured
(``bench/accuracy.py``, sets dev2 to dev32); the model is now trained on them as well, so
their type figures are training figures. The sets that grade the model (bench/foreign,
bench/blind, bench/dev33 to bench/dev52) are never here.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

WRITTEN_DIR = Path(__file__).resolve().parent / "data" / "written"
RIGHT_ALIGNED = ">>"  # a line drawn right-aligned in the source; not part of the text


class WrittenSetError(ValueError):
    """A source file of the written sets cannot be used (its path and the problem)."""


def document_text(pages: list[str]) -> str:
    """A document's text as printed, its pages one after the other."""
    return "\n\n".join("\n".join(line[len(RIGHT_ALIGNED):] if line.startswith(RIGHT_ALIGNED) else line
                                 for line in page.split("\n")) for page in pages)


def _example(path: Path, types: frozenset[str] | None) -> tuple[str, str]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        pages, kind = doc["pages"], doc["label"]["type"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise WrittenSetError(f"{path} : document illisible ({exc})") from exc
    if not isinstance(pages, list) or not pages or not all(isinstance(p, str) for p in pages):
        raise WrittenSetError(f"{path} : « pages » doit être une liste de textes non vide")
    if types is not None and kind not in types:
        raise WrittenSetError(f"{path} : type « {kind} » inconnu de la taxonomie")
    return document_text(pages), kind


@lru_cache(maxsize=4)
def _cached(root: str, types: frozenset[str] | None) -> tuple[tuple[str, str], ...]:
    return tuple(_example(p, types) for p in sorted(Path(root).glob("*/*/*.json")))


def written_examples(root: Path = WRITTEN_DIR, types: set[str] | None = None) -> list[tuple[str, str]]:
    """Every written document under ``root`` as ``(text, type)``, in file order; ``types``, when
    given, is the taxonomy each label must belong to."""
    return list(_cached(str(root), frozenset(types) if types is not None else None))
