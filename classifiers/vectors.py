"""A second reader of the document type: pretrained French word vectors, averaged, and a small
softmax regression on top.

The bag-of-words categoriser (``classifiers/model.py``) knows the words it was trained on;
word vectors (``fr_core_news_md``, installed as a package) also know their neighbours: a letter
about "infiltrations" lands near one about a "fuite" although no training text used the word.
A document becomes the mean vector of its content words (stop words, numbers and punctuation
left out), plus its lexicon matches (``classifiers/features.py``); the regression's weights
(a few kilobytes) are saved with the model, the vectors stay in the installed package.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from config.lexicon import load_lexicon

PIPELINE = "fr_core_news_md"
WEIGHTS = "vectors-softmax.npz"
MAX_CHARS = 6000


@lru_cache(maxsize=2)
def vectors_pipeline(name: str = PIPELINE):
    """The installed pipeline's tokenizer and vectors only (no tagger, parser or NER run)."""
    import spacy

    return spacy.load(name, exclude=["tok2vec", "morphologizer", "parser", "senter", "ner",
                                     "attribute_ruler", "lemmatizer", "tagger"])


def features(texts: Sequence[str], name: str = PIPELINE) -> np.ndarray:
    """One row a text: its content words' mean vector (unit length), then its lexicon matches
    per type (log-scaled counts)."""
    from classifiers.features import lexicon_tokens

    nlp = vectors_pipeline(name)
    codes = sorted(load_lexicon().terms)
    dim = nlp.vocab.vectors.shape[1]
    out = np.zeros((len(texts), dim + len(codes)), dtype=np.float32)
    for i, doc in enumerate(nlp.pipe([t[:MAX_CHARS].lower() for t in texts], batch_size=64)):
        vecs = [t.vector for t in doc if t.has_vector and t.is_alpha and not t.is_stop and len(t) > 2]
        if vecs:
            v = np.mean(vecs, axis=0)
            out[i, :dim] = v / (np.linalg.norm(v) or 1.0)
        hits: dict[str, int] = {}
        for tok in lexicon_tokens(texts[i]):
            hits[tok] = hits.get(tok, 0) + 1
        for j, code in enumerate(codes):
            out[i, dim + j] = math.log1p(hits.get("zzlex" + code.replace("_", ""), 0))
    return out


class VectorModel:
    def __init__(self, weights: np.ndarray, bias: np.ndarray, labels: tuple[str, ...], name: str = PIPELINE):
        self.weights, self.bias, self.labels, self.name = weights, bias, labels, name

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        return features(texts, self.name) @ self.weights + self.bias

    def probabilities_many(self, texts: Sequence[str]) -> list[dict[str, float]]:
        return [dict(zip(self.labels, softmax(row))) for row in self.logits(texts)]

    def save(self, folder: Path) -> None:
        np.savez_compressed(Path(folder) / WEIGHTS, weights=self.weights, bias=self.bias,
                            labels=np.array(self.labels))

    @classmethod
    def load(cls, folder: Path, name: str = PIPELINE) -> "VectorModel | None":
        path = Path(folder) / WEIGHTS
        if not path.is_file():
            return None
        data = np.load(path)
        return cls(data["weights"], data["bias"], tuple(str(x) for x in data["labels"]), name)


def softmax(row: np.ndarray) -> np.ndarray:
    e = np.exp(row - row.max())
    return e / e.sum()


def train_vectors(texts: Sequence[str], labels: Sequence[str], label_set: Sequence[str], seed: int = 0,
                  epochs: int = 60, l2: float = 1e-4, rate: float = 0.5) -> VectorModel:
    """Multinomial logistic regression on ``features``, full-batch gradient descent with L2."""
    x = features(texts)
    index = {lab: i for i, lab in enumerate(label_set)}
    y = np.array([index[lab] for lab in labels])
    rng = np.random.default_rng(seed)
    w = rng.normal(0, 0.01, (x.shape[1], len(label_set))).astype(np.float32)
    b = np.zeros(len(label_set), dtype=np.float32)
    onehot = np.eye(len(label_set), dtype=np.float32)[y]
    # Classes weighted alike whatever their share in the training text.
    share = onehot.mean(axis=0)
    weight = (1.0 / np.maximum(share, 1e-6))[y]
    weight = (weight / weight.mean())[:, None].astype(np.float32)
    for _ in range(epochs * 10):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * weight / len(x)
        w -= rate * (x.T @ g + l2 * w)
        b -= rate * g.sum(axis=0)
    return VectorModel(w, b, tuple(label_set))
