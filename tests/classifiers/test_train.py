"""Training on a tiny generated set, temperature fitting, OCR-like noise."""

from __future__ import annotations

import json
import random

from classifiers.model import MODEL_META, fit_temperature, load_model
from classifiers.train import calibration_set, ocr_like


def test_tiny_training_gives_a_working_model(tiny_model_dir):
    from corpus.texts import generate_texts

    model = load_model(tiny_model_dir)
    meta = json.loads((tiny_model_dir / MODEL_META).read_text())
    assert meta["generated"] == 260 and meta["corrections"] == 0
    unseen = generate_texts(52, 999)  # another seed
    right = sum(max(p, key=p.get) == d["type"]
                for p, d in zip(model.probabilities_many([d["text"] for d in unseen]), unseen))
    assert right >= 0.8 * len(unseen)


def test_temperature_grows_when_the_model_is_often_wrong():
    rng = random.Random(1)
    cats = [{"a": 0.9, "b": 0.1} for _ in range(200)]
    always_right = fit_temperature(cats, ["a"] * 200)
    often_wrong = fit_temperature(cats, [("a" if rng.random() < 0.6 else "b") for _ in range(200)])
    assert often_wrong > 1.0 > always_right


def test_calibration_texts_look_like_ocr_not_like_the_source():
    text = "\n".join(f"Ligne numéro {i} de la lettre, avec des accents : été, à, ç." for i in range(30))
    cal = calibration_set([(text, "other")] * 5, seed=3)
    assert all(lab == "other" for _, lab in cal)
    assert all(t != text for t, _ in cal)
    noisy = ocr_like(text, random.Random(4))
    assert 0.5 * len(text) < len(noisy) < 1.5 * len(text)
