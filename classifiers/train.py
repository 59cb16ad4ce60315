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


def ocr_like(text: str, rng: random.Random) -> str:
    """A text as a degraded scan's OCR gives it: character noise, and lines lost, garbled or
    out of order (table columns read one after the other, a stamp, a torn corner)."""
    lines = text.split("\n")
    out = []
    for line in lines:
        r = rng.random()
        if r < 0.06:
            continue  # line lost
        if r < 0.09:
            out.append("".join(rng.choice("|[]=_-~—'.,:;il1") for _ in range(rng.randint(2, 8))))
        out.append(line)
    for _ in range(rng.randint(0, 2)):  # a small block read out of order
        if len(out) > 4:
            i = rng.randrange(len(out) - 3)
            out[i:i + 3] = rng.sample(out[i:i + 3], 3)
    return ocr_noise("\n".join(out), rng, rate=rng.choice((0.01, 0.02, 0.04, 0.07)))


def fragment(text: str, rng: random.Random) -> str:
    """A part of the document only (a page of several, a half-read scan): hard on purpose."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    n = max(2, int(len(lines) * rng.uniform(0.2, 0.5)))
    start = rng.randrange(max(1, len(lines) - n + 1))
    return "\n".join(lines[start:start + n])


def calibration_set(examples: Sequence[tuple[str, str]], seed: int,
                    fragment_share: float = 0.1) -> list[tuple[str, str]]:
    """Texts never trained on, made to look like OCR output, a few of them only fragments."""
    rng = random.Random(f"calibration-{seed}")
    out = []
    for text, label in examples:
        t = ocr_like(text, rng)
        if rng.random() < fragment_share:
            t = fragment(t, rng)
        out.append((t, label))
    return out


def augment(texts: Sequence[str], labels: Sequence[str], seed: int,
            noisy_share: float = 0.5) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    out_t, out_l = list(texts), list(labels)
    for t, lab in zip(texts, labels):
        if rng.random() < noisy_share:
            out_t.append(ocr_like(t, rng) if rng.random() < 0.5 else
                         ocr_noise(t, rng, rate=rng.choice((0.02, 0.05, 0.08))))
            out_l.append(lab)
    return out_t, out_l


def train(examples: Iterable[tuple[str, str]], out: Path, seed: int = 0, epochs: int = 8,
          corrections: Iterable[tuple[str, str]] = (), calibration: Sequence[tuple[str, str]] | None = None,
          correction_weight: int = 8, use_vectors: bool = True, written: Iterable[tuple[str, str]] = ()) -> dict:
    """Train from (text, type) pairs with OCR-noise augmentation; returns the model's meta.

    ``corrections`` (operators' decisions) and ``written`` (mail written by other hands than the
    generator: corpus/written.py) weigh ``correction_weight`` generated documents each: the text
    plus OCR-like variants. ``calibration`` (other documents than ``examples``) is made OCR-like
    and used to fit the temperature.
    """
    pairs = list(examples)
    texts, labels = augment([t for t, _ in pairs], [lab for _, lab in pairs], seed)
    rng = random.Random(f"corrections-{seed}")
    corr, by_hand = list(corrections), list(written)
    for text, label in corr + by_hand:
        texts.append(text)
        labels.append(label)
        for _ in range(correction_weight - 1):
            texts.append(ocr_noise(text, rng, rate=0.02))
            labels.append(label)
    held = calibration_set(calibration, seed) if calibration else None
    return train_model(texts, labels, out, seed=seed, epochs=epochs, calibration=held,
                       extra_meta={"corrections": len(corr), "generated": len(pairs), "written": len(by_hand)}, use_vectors=use_vectors)
