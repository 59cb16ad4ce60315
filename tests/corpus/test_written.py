"""The mail written by other hands that the model learns from: every document usable, every type
there, and none of the documents that grade the model among them."""

import json
from collections import Counter
from pathlib import Path

import pytest

from config.taxonomy import load_taxonomy
from corpus.written import WRITTEN_DIR, WrittenSetError, document_text, written_examples

BENCH = Path(__file__).resolve().parents[2] / "bench"
GRADING_SETS = ("foreign", "blind", "dev33", "dev34", "dev35", "dev36", "dev37", "dev38", "dev39", "dev40", "dev41", "dev42", "dev43", "dev44", "dev45", "dev46", "dev47", "dev48", "dev49", "dev50", "dev51", "dev52")  # measured, never trained on


def test_every_written_document_is_a_text_of_a_known_type():
    examples = written_examples(types=set(load_taxonomy().types))
    assert len(examples) == len(list(WRITTEN_DIR.glob("*/*/*.json"))) > 200
    counts = Counter(kind for _, kind in examples)
    assert set(counts) == set(load_taxonomy().types)
    assert all(text.strip() and not any(ln.startswith(">>") for ln in text.split("\n")) for text, _ in examples)


def test_the_sets_that_grade_the_model_are_not_learnt():
    learnt = {text for text, _ in written_examples()}
    ids = {p.stem for p in WRITTEN_DIR.glob("*/*/*.json")}
    for name in GRADING_SETS:
        for path in (BENCH / name).glob("*/*.json"):
            doc = json.loads(path.read_text(encoding="utf-8"))
            assert path.stem not in ids
            assert document_text(doc["pages"]) not in learnt, path


def test_right_aligned_marks_are_layout_not_text():
    assert document_text([">>Toulouse, le 3 mai 2021\nMadame,", "Page 2"]) == "Toulouse, le 3 mai 2021\nMadame,\n\nPage 2"


@pytest.mark.parametrize("content, problem", [
    ("{not json", "document illisible"),
    (json.dumps({"pages": [], "label": {"type": "other"}}), "« pages »"),
    (json.dumps({"pages": ["Bonjour"], "label": {"type": "pizza"}}), "type « pizza » inconnu"),
])
def test_a_bad_source_file_is_named_with_its_problem(tmp_path, content, problem):
    bad = tmp_path / "setx" / "tenant" / "x001.json"
    bad.parent.mkdir(parents=True)
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(WrittenSetError) as err:
        written_examples(tmp_path, types=set(load_taxonomy().types))
    assert str(bad) in str(err.value) and problem in str(err.value)
