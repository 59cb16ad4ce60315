"""A tiny model trained once per session (seconds), and the runtime with the embedded model."""

from __future__ import annotations

import pytest

TINY_SEED = 11


@pytest.fixture(scope="session")
def tiny_examples():
    from corpus.texts import generate_texts

    return [(d["text"], d["type"]) for d in generate_texts(260, TINY_SEED)]


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory, tiny_examples):
    from classifiers.train import train

    out = tmp_path_factory.mktemp("tiny-model")
    train(tiny_examples, out, seed=TINY_SEED, epochs=4)
    return out


@pytest.fixture
def rt(aiguillage_home):
    from wiring.runtime import runtime

    return runtime()  # fresh AIGUILLAGE_HOME: the embedded model
