"""The landlord's vocabulary by document type (``config/data/lexicon.yaml``), checked on load.

Each type lists words and phrases that say what a piece of mail is about. They are matched on
normalised text (lower case, accents removed) at word starts; the classifier turns each match
into a feature of its own (see ``classifiers/features.py``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from config.errors import ConfigError
from config.taxonomy import embedded_path, load_taxonomy
from config.yamlfile import read_yaml, require_mapping


@dataclass(frozen=True)
class Lexicon:
    terms: dict[str, tuple[str, ...]]  # type code -> normalised terms
    patterns: dict[str, re.Pattern]

    def matches(self, normalised: str) -> dict[str, list[str]]:
        """Type -> the distinct terms of that type found in ``normalised`` text."""
        out = {}
        for code, pattern in self.patterns.items():
            found = sorted({m.group(1) for m in pattern.finditer(normalised)})
            if found:
                out[code] = found
        return out


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=4)
def load_lexicon(path: Path | None = None) -> Lexicon:
    path = path or embedded_path("lexicon.yaml")
    source = str(path)
    data = require_mapping(read_yaml(path, "lexique"), source, None)
    known = set(load_taxonomy().types)
    terms, patterns = {}, {}
    for code, items in data.items():
        if code not in known:
            raise ConfigError(source, str(code), f"type inconnu (connus : {', '.join(sorted(known))})")
        if not isinstance(items, list) or not items:
            raise ConfigError(source, str(code), "une liste de mots ou d'expressions est attendue")
        words = []
        for i, item in enumerate(items):
            if not isinstance(item, (str, int)) or not str(item).strip():
                raise ConfigError(source, f"{code}[{i}]", "un mot ou une expression est attendu")
            words.append(fold(str(item).strip()))
        terms[code] = tuple(dict.fromkeys(words))
        alternatives = "|".join(re.escape(w) for w in sorted(terms[code], key=len, reverse=True))
        patterns[code] = re.compile(rf"(?<![a-z0-9])({alternatives})")
    return Lexicon(terms, patterns)
