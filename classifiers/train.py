"""Training the document-type model: on generated documents, on operators' corrections, or both.

Generated texts are clean; scans are not. A share of the training texts is passed through
``ocr_noise`` (the confusions Tesseract makes on degraded scans) so the model learns both.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Iterable, Sequence

from classifiers.model import train_model

_CONFUSIONS = {"l": "1", "1": "l", "O": "0", "0": "O", "rn": "m", "m": "rn", "é": "e", "è": "e",
               "à": "a", "ç": "c", "i": "l", "e": "c", "S": "5", "B": "8"}


def ocr_noise(text: str, rng: random.Random, rate: float = 0.03) -> str:
    """Char-level noise like a poor scan's OCR: confusions, drops, merged or split words."""
    out = []
    i = 0
    while i < len(text):
        two = text[i:i + 2]
        if two in _CONFUSIONS and rng.random() < rate:
            out.append(_CONFUSIONS[two])
            i += 2
            continue
        ch = text[i]
        r = rng.random()
        if r < rate * 0.3 and ch.isalpha():
            pass  # dropped
        elif r < rate and ch in _CONFUSIONS:
            out.append(_CONFUSIONS[ch])
        elif r < rate * 1.2 and ch == " ":
            pass  # two words merged
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def augment(texts: Sequence[str], labels: Sequence[str], seed: int,
            noisy_share: float = 0.5) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    out_t, out_l = list(texts), list(labels)
    for t, lab in zip(texts, labels):
        if rng.random() < noisy_share:
            out_t.append(ocr_noise(t, rng, rate=rng.choice((0.02, 0.05, 0.08))))
            out_l.append(lab)
    return out_t, out_l


def train(examples: Iterable[tuple[str, str]], out: Path, seed: int = 0, epochs: int = 8) -> dict:
    """Train from (text, type) pairs, with OCR-noise augmentation; returns the model's meta."""
    pairs = list(examples)
    texts, labels = augment([t for t, _ in pairs], [lab for _, lab in pairs], seed)
    return train_model(texts, labels, out, seed=seed, epochs=epochs)
