"""The promotion rule and its French report (classifiers/scoring.py), the evaluation set's
reader, and which corrections are held back from training (storage/corrections.py)."""

from __future__ import annotations

import json

import pytest

from classifiers.scoring import EvaluationSetError, compare, percent, points, read_labelled_set, score
from config.errors import ExitCode
from storage.corrections import HELD_BACK_EVERY, held_back


def scores(foreign: float | None, corrections: float | None = None) -> dict:
    out = {}
    if foreign is not None:
        out["foreign"] = {"accuracy": foreign, "documents": 186}
    if corrections is not None:
        out["corrections"] = {"accuracy": corrections, "documents": 12}
    return out


def test_worse_beyond_the_tolerance_is_refused_with_by_how_much():
    v = compare(scores(0.841), scores(0.863), tolerance_points=0.5)
    assert not v.promote
    assert v.report == "refusé : 84,1 % sur le jeu étranger contre 86,3 % pour le modèle en service (−2,2 points)"


def test_within_the_tolerance_or_better_is_promoted():
    assert compare(scores(0.860), scores(0.863), tolerance_points=0.5).promote
    v = compare(scores(0.880, 0.75), scores(0.863, 0.75), tolerance_points=0.0)
    assert v.promote and v.report.startswith("promu : 88,0 % sur le jeu étranger contre 86,3 %")
    assert "(+1,7 point)" in v.report and "(±0,0 point)" in v.report


def test_worse_on_either_set_is_enough_to_refuse():
    v = compare(scores(0.90, 0.50), scores(0.86, 0.75), tolerance_points=0.5)
    assert not v.promote and "corrections réservées" in v.report and "jeu étranger" not in v.report
    assert v.deltas == {"foreign": pytest.approx(0.04), "corrections": pytest.approx(-0.25)}


def test_a_set_only_one_model_was_scored_on_is_not_compared():
    assert compare(scores(0.9, 0.1), scores(0.9), tolerance_points=0.5).promote
    nothing = compare(scores(None, 0.9), scores(0.9), tolerance_points=0.5)
    assert not nothing.promote and "aucun jeu d'évaluation commun" in nothing.report


def test_french_numbers():
    assert (percent(0.9462), points(-0.022), points(0.017), points(0.0)) == ("94,6 %", "−2,2 points", "+1,7 point",
                                                                             "±0,0 point")


def test_the_evaluation_set_is_read_and_a_bad_file_named(tmp_path):
    (tmp_path / "tenant").mkdir()
    (tmp_path / "tenant" / "t1.json").write_text(json.dumps(
        {"pages": ["Madame,", "je quitte mon logement."], "label": {"type": "lease_termination"}}), encoding="utf-8")
    assert read_labelled_set(tmp_path) == [("Madame,\n\nje quitte mon logement.", "lease_termination")]
    (tmp_path / "tenant" / "t2.json").write_text('{"pages": ', encoding="utf-8")
    with pytest.raises(EvaluationSetError, match="t2.json") as caught:
        read_labelled_set(tmp_path)
    assert caught.value.exit_code == ExitCode.USAGE
    with pytest.raises(EvaluationSetError, match="absent") as caught:
        read_labelled_set(tmp_path / "absent")
    assert "model.evaluation_dir" in caught.value.user_message()  # the setting to fix


def test_score_counts_the_best_guess_per_type():
    class Model:
        def raw_many(self, texts):
            return [{"repair_request": 0.6, "other": 0.4} if "fuite" in t else {"repair_request": 0.1, "other": 0.9}
                    for t in texts]

    s = score(Model(), [("une fuite", "repair_request"), ("bonjour", "other"), ("autre fuite", "other")])
    assert s["accuracy"] == pytest.approx(2 / 3, abs=1e-4) and s["documents"] == 3
    assert s["per_type"] == {"other": {"accuracy": 0.5, "documents": 2}, "repair_request": {"accuracy": 1.0, "documents": 1}}


def test_one_correction_in_five_is_held_back_always_the_same():
    ids = [f"{i:024x}" for i in range(2000)]
    held = [i for i in ids if held_back(i)]
    assert abs(len(held) / len(ids) - 1 / HELD_BACK_EVERY) < 0.03
    assert held == [i for i in ids if held_back(i)]
