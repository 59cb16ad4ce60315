"""What the text categoriser reads: the normalised text, plus one token per match of the
landlord's vocabulary (``config/lexicon.py``).

A lexicon token ("zzlexrepairrequest") is a word the model learns a weight for like any other;
it generalises because it fires for any of a type's terms, including words the training text
used rarely. Training and prediction build the input here, the same way; a model says in its
meta which features it was trained with, so an older model is fed as before.
"""

from __future__ import annotations

import re
from functools import lru_cache

from classifiers.textnorm import normalise
from config.lexicon import fold, load_lexicon

FEATURES = "lexicon-2"  # "lexicon-1": the same without ``_NO_WORD`` taken out
PER_TYPE = 4  # at most this many tokens for one type: a long letter does not drown the rest
MAX_CHARS = 6000
# What carries no word (on normalised text): a table's frame drawn in box characters (« │ »,
# « ─── »), runs of four or more of one mark (dot leaders, « ---- », « |||| »), underlines to fill
# in, tick boxes and geometric bullets (« ☐ », « ■ »). The bag of words sums a weight per token:
# eighty « │ » of an invoice's frame outweighed all its words (read as a payment difficulty at 1.0).
_NO_WORD = re.compile(r"[\u2500-\u25ff\u2610-\u2612]+|([^\w\s])\1{3,}|_{4,}")


def lexicon_tokens(text: str) -> list[str]:
    return list(_lexicon_tokens(text[:MAX_CHARS]))


@lru_cache(maxsize=64)
def _lexicon_tokens(text: str) -> tuple[str, ...]:
    """Cached: both readers of the type (classifiers/model.py, classifiers/vectors.py) ask for
    the same document's tokens, one after the other."""
    tokens = []
    for code, terms in sorted(load_lexicon().matches(fold(text[:MAX_CHARS])).items()):
        tokens += ["zzlex" + code.replace("_", "")] * min(PER_TYPE, len(terms))
    return tuple(tokens)


def model_input(text: str, features: str | None = FEATURES) -> str:
    """The text as the model reads it; ``features`` as recorded in the model's meta."""
    base = normalise(text, MAX_CHARS)
    if features != FEATURES:
        return base
    return _NO_WORD.sub(" ", base) + "\n" + " ".join(lexicon_tokens(text))
