"""The spaCy text categoriser: building, training, saving, loading and predicting.

A French spaCy pipeline (``spacy.blank("fr")``: the French tokenizer) with an exclusive
bag-of-words ``textcat``; its probabilities are calibrated by temperature scaling on held-out
documents, and the temperature is saved with the model.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Sequence

from classifiers.textnorm import normalise

MODEL_META = "aiguillage-model.json"
_BOW = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
        "no_output_layer": False, "length": 2 ** 15}


class ModelMissing(Exception):
    exit_code = 3

    def __init__(self, path: Path):
        super().__init__(f"modèle de classement introuvable dans {path} : lancez « aiguillage train »")


def embedded_model_dir() -> Path:
    return Path(str(resources.files("classifiers") / "model"))


@dataclass
class TextModel:
    nlp: object  # spacy.Language
    labels: tuple[str, ...]
    temperature: float
    meta: dict

    def probabilities(self, text: str) -> dict[str, float]:
        doc = self.nlp(normalise(text))  # type: ignore[operator]
        return calibrate(doc.cats, self.temperature)

    def probabilities_many(self, texts: Sequence[str]) -> list[dict[str, float]]:
        docs = self.nlp.pipe([normalise(t) for t in texts], batch_size=64)  # type: ignore[attr-defined]
        return [calibrate(d.cats, self.temperature) for d in docs]


def calibrate(cats: dict[str, float], temperature: float) -> dict[str, float]:
    logs = {k: math.log(max(v, 1e-12)) / temperature for k, v in cats.items()}
    top = max(logs.values())
    exp = {k: math.exp(v - top) for k, v in logs.items()}
    total = sum(exp.values())
    return {k: v / total for k, v in exp.items()}


def load_model(path: Path | None = None) -> TextModel:
    import spacy

    path = Path(path or embedded_model_dir())
    meta_path = path / MODEL_META
    if not meta_path.is_file():
        raise ModelMissing(path)
    meta = json.loads(meta_path.read_text())
    nlp = spacy.load(path)
    return TextModel(nlp, tuple(meta["labels"]), float(meta.get("temperature", 1.0)), meta)


def train_model(texts: Sequence[str], labels: Sequence[str], out: Path, seed: int = 0,
                epochs: int = 8, holdout: float = 0.15,
                calibration: Sequence[tuple[str, str]] | None = None, extra_meta: dict | None = None) -> dict:
    """Train on (text, label) pairs, save to ``out``. The temperature is fitted on
    ``calibration`` (texts never trained on, as OCR gives them) or else on a held-out share."""
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    if len(texts) != len(labels) or len(texts) < 10:
        raise ValueError("au moins 10 documents étiquetés sont nécessaires pour entraîner")
    fix_random_seed(seed)
    rng = random.Random(seed)
    label_set = tuple(sorted(set(labels)))
    pairs = list(zip(texts, labels))
    rng.shuffle(pairs)
    if calibration:
        held, train = list(calibration), pairs
    else:
        n_hold = max(1, int(len(pairs) * holdout))
        held, train = pairs[:n_hold], pairs[n_hold:]

    nlp = spacy.blank("fr")
    textcat = nlp.add_pipe("textcat", config={"model": _BOW})
    label_set = tuple(sorted(set(label_set) | {lab for _, lab in held}))
    for label in label_set:
        textcat.add_label(label)

    def example(text: str, label: str) -> Example:
        return Example.from_dict(nlp.make_doc(normalise(text)),
                                 {"cats": {lab: float(lab == label) for lab in label_set}})

    examples = [example(t, lab) for t, lab in train]
    optimizer = nlp.initialize(lambda: examples[:200])
    for _ in range(epochs):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.1)

    raw = [d.cats for d in nlp.pipe([normalise(t) for t, _ in held], batch_size=64)]
    truth = [lab for _, lab in held]
    temperature = fit_temperature(raw, truth)
    accuracy = sum(max(c, key=c.get) == t for c, t in zip(raw, truth)) / len(truth)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    meta = {"labels": list(label_set), "temperature": temperature, "trained_on": len(train),
            "held_out": len(held), "held_out_accuracy": round(accuracy, 4), "seed": seed,
            "epochs": epochs, "calibrated_on": "ocr-like" if calibration else "held-out share",
            **(extra_meta or {})}
    (out / MODEL_META).write_text(json.dumps(meta, indent=2))
    return meta


def fit_temperature(cats: list[dict[str, float]], truth: list[str]) -> float:
    """The temperature minimising the negative log-likelihood of the true labels."""
    def nll(t: float) -> float:
        return -sum(math.log(max(calibrate(c, t).get(y, 0.0), 1e-12)) for c, y in zip(cats, truth))

    grid = [0.25 * 1.15 ** i for i in range(40)]  # 0.25 .. ~58
    return round(min(grid, key=nll), 4)
