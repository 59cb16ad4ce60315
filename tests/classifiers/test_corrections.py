"""Operators' corrections: stored through the ObjectStore, used by training, and they change
the model's answer on that kind of text."""

from __future__ import annotations

import json

import pytest

from classifiers.model import MODEL_META, load_model
from classifiers.train import train
from corpus.written import written_examples
from storage.corrections import (InvalidCorrection, get_correction, list_corrections, save_correction,
                                 training_examples)
from storage.local import LocalStore

DOC_ID = "ab" * 16
TYPES = {"repair_request", "housing_benefit", "lease_termination", "other", "insurance_certificate"}

# A kind of letter the generator never writes: a parking badge request.
BADGE = ("Objet : badge du parking souterrain\nMadame, Monsieur,\nMon badge du parking souterrain {n} ne "
         "fonctionne plus depuis {d}. La barrière reste fermée et je dois laisser ma voiture dans la rue. "
         "Pourriez-vous me fournir un nouveau bip pour la place {p} ?\nCordialement")


def badge(i: int) -> str:
    return BADGE.format(n=("de la résidence", "du bâtiment B", "de l'allée C", "niveau -1")[i % 4],
                        d=("lundi", "la semaine dernière", "hier", "le mois dernier")[i % 4], p=10 + i)


def test_save_get_list_and_history(tmp_path):
    store = LocalStore(tmp_path / "store")
    machine = {"type": "other", "confidence": 0.41, "fields": {"postal_code": "31046"}}
    human = {"type": "repair_request", "fields": {"postal_code": "31400"}}
    c = save_correction(store, DOC_ID, badge(0), machine, human, "opérateur.1", known_types=TYPES)
    assert c.type_changed and c.changed_fields == ["postal_code"]
    assert store.exists(f"corrections/{DOC_ID}.json")
    save_correction(store, DOC_ID, badge(0), machine, {"type": "other", "fields": {}}, "opérateur.2")
    again = get_correction(store, DOC_ID)
    assert again.human["type"] == "other" and again.actor == "opérateur.2"
    assert again.previous[0]["actor"] == "opérateur.1"
    assert [x.document_id for x in list_corrections(store)] == [DOC_ID]
    assert training_examples(store) == [(badge(0), "other")]


@pytest.mark.parametrize("kwargs, message", [
    ({"human": {"type": "nimporte", "fields": {}}}, "type inconnu"),
    ({"human": {"fields": {}}}, "type choisi"),
    ({"text": "  "}, "texte"),
    ({"actor": ""}, "opérateur"),
])
def test_invalid_corrections_are_refused(tmp_path, kwargs, message):
    store = LocalStore(tmp_path / "store")
    args = {"text": badge(1), "machine": {"type": "other", "fields": {}},
            "human": {"type": "repair_request", "fields": {}}, "actor": "op", **kwargs}
    with pytest.raises(InvalidCorrection, match=message):
        save_correction(store, DOC_ID, known_types=TYPES, **args)
    assert list(store.list("corrections/")) == []


def test_a_correction_changes_the_model_answer_on_that_kind_of_text(tmp_path, tiny_examples, tiny_model_dir):
    before = load_model(tiny_model_dir)
    probe = badge(7)  # a new letter of the same kind, not itself corrected
    guess = max(before.probabilities(probe), key=before.probabilities(probe).get)
    target = "housing_benefit" if guess != "housing_benefit" else "lease_termination"
    store = LocalStore(tmp_path / "store")
    for i in range(3):
        save_correction(store, f"{i:02d}" * 16, badge(i), {"type": guess, "fields": {}},
                        {"type": target, "fields": {}}, "opérateur.1")
    examples = training_examples(store)
    assert len(examples) == 3 and all(t == target for _, t in examples)
    out = tmp_path / "model"
    meta = train(tiny_examples, out, seed=11, epochs=4, corrections=examples)
    assert meta["corrections"] == 3
    after = load_model(out)
    p = after.probabilities(probe)
    assert max(p, key=p.get) == target


@pytest.mark.slow
def test_train_command_reads_corrections_from_the_store(aiguillage_home, capsys, monkeypatch):
    import corpus.written
    from cli.main import main
    from config import load_settings
    from storage.factory import open_store

    # the mail written by other hands, by default: its first 80 documents (the whole of it trains
    # in minutes)
    monkeypatch.setattr(corpus.written, "written_examples", lambda *a, **k: written_examples(*a, **k)[:80])

    store = open_store(load_settings())
    save_correction(store, DOC_ID, badge(2), {"type": "other", "fields": {}},
                    {"type": "repair_request", "fields": {}}, "opérateur.1")
    out = aiguillage_home / "m"
    assert main(["train", "--count", "60", "--calibration-count", "26", "--epochs", "2", "--out", str(out)]) == 0
    meta = json.loads((out / MODEL_META).read_text())
    assert meta["corrections"] == 1
    assert meta["written"] == 80 < len(written_examples())  # the mail written by other hands, by default
    assert f"1 corrections et {meta['written']} documents écrits" in capsys.readouterr().out
