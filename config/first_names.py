"""Given names borne in France (``config/data/first_names.csv``: one per line, in their usual
civil-registry spelling), to tell a first name from a surname and to give a first name the
accents a scan or a keyboard lost (« Loic » -> « Loïc »)."""

from __future__ import annotations

import csv
import unicodedata
from functools import lru_cache

from config.errors import ConfigError
from config.taxonomy import embedded_path


# letters that carry their mark inside them, which Unicode does not decompose (« Małgorzata »)
_STROKED = str.maketrans("łŁđĐøØıħĦ", "lLdDoOihH")


def bare(word: str) -> str:
    """Lower case, accents removed: the key two spellings of a name share."""
    text = unicodedata.normalize("NFKD", word.translate(_STROKED))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """bare form -> usual spelling."""
    path = embedded_path("first_names.csv")
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError(str(path), None, f"lecture impossible ({exc})") from exc
    if not rows or "name" not in rows[0]:
        raise ConfigError(str(path), "name", "colonne « name » attendue, un prénom par ligne")
    out: dict[str, str] = {}
    for row in rows:
        name = (row.get("name") or "").strip()
        if name:
            out.setdefault(bare(name), name)
    return out
