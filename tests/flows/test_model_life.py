"""The type model's life (issue 16): a candidate trained on generated text and on the
corrections not held back is stored with its scores; one worse than the model in service is
refused and the model in service stays; a promotion reaches every process sharing the store
(another AIGUILLAGE_HOME: another worker, the web app) at its next check, and so does a
rollback. Tiny models (no word vectors, a few dozen documents) keep each training to seconds;
the check interval is a setting, 0 here: no sleeping, no timing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from storage import models
from storage.audit import events
from storage.corrections import held_back, save_correction
from storage.local import LocalStore

try:
    import tests.s3server  # noqa: F401
except ImportError:  # pytest run without the repository root on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.s3server import s3_bucket, s3_server  # noqa: E402,F401

TINY = dict(count=60, epochs=2, calibration_count=13, varied_count=20, use_vectors=False, use_written=False)


@pytest.fixture(params=["local", pytest.param("s3", marks=pytest.mark.s3)])
def store(request, tmp_path):
    if request.param == "local":
        return LocalStore(tmp_path / "store")
    return request.getfixturevalue("s3_server").store(request.getfixturevalue("s3_bucket"))


def runtime_on(store, home: Path, **env: str):
    """A process's runtime (its own AIGUILLAGE_HOME, so its own model cache) on a shared store."""
    from config import load_settings, load_taxonomy
    from config.registries import load_registries
    from config.routing import load_routing
    from wiring.runtime import Runtime

    settings = load_settings(env={"AIGUILLAGE_HOME": str(home), "AIGUILLAGE_MODEL_REFRESH_SECONDS": "0", **env})
    taxonomy = load_taxonomy()
    rt = Runtime(settings, taxonomy, load_routing(taxonomy, None), load_registries(None, None))
    rt.__dict__["store"] = store  # the cached property: every runtime here shares this store
    return rt


@pytest.fixture(scope="module")
def two_models(tmp_path_factory):
    """Two small trained model folders that differ (seed 1, seed 2)."""
    from classifiers.train import train
    from corpus.texts import generate_texts

    out = []
    for seed in (1, 2):
        folder = tmp_path_factory.mktemp(f"model-{seed}")
        train([(d["text"], d["type"]) for d in generate_texts(60, seed)], folder, seed=seed, epochs=2,
              use_vectors=False)
        out.append(folder)
    return out


def embedded_meta() -> dict:
    from classifiers.model import MODEL_META, embedded_model_dir

    return json.loads((embedded_model_dir() / MODEL_META).read_text())


def test_a_promotion_and_a_rollback_reach_every_process(store, tmp_path, two_models):
    from flows.retrain import promote_version, rollback_model

    worker, web = runtime_on(store, tmp_path / "worker"), runtime_on(store, tmp_path / "web")
    hourly = runtime_on(store, tmp_path / "hourly", AIGUILLAGE_MODEL_REFRESH_SECONDS="3600")
    assert [rt.model_version for rt in (worker, web, hourly)] == [None, None, None]  # the embedded model
    assert web.model.meta == embedded_meta()
    a = models.save_version(store, two_models[0], {"scores": {}})
    b = models.save_version(store, two_models[1], {"scores": {}})

    promote_version(worker, a, "marie.martin", force=True)
    assert (worker.model_version, web.model_version) == (a, a)
    assert web.model.meta["seed"] == 1
    assert (tmp_path / "web" / "cache" / "models" / a).is_dir()  # its own copy, from the store
    assert hourly.model_version is None  # its next look at the store is an hour away…
    hourly.refresh_model()
    assert hourly.model_version == a  # …and then it follows

    promote_version(web, b, "paul.durand", force=True)
    assert (worker.model_version, web.model_version) == (b, b)
    assert worker.model.meta["seed"] == 2

    rollback_model(web, "paul.durand")
    assert (worker.model_version, web.model_version) == (a, a)
    assert worker.model.meta["seed"] == 1
    rollback_model(worker, "marie.martin")
    assert (worker.model_version, web.model_version) == (None, None)
    assert worker.model.meta == embedded_meta()

    kinds = [(e.kind, e.actor, e.details["version"]) for e in events(store) if e.kind.startswith("model_")]
    assert kinds == [("model_promoted", "marie.martin", a), ("model_promoted", "paul.durand", b),
                     ("model_rolled_back", "paul.durand", a), ("model_rolled_back", "marie.martin", "embedded")]


def test_a_model_that_cannot_be_loaded_leaves_the_current_one_in_service(tmp_path, two_models):
    store = LocalStore(tmp_path / "store")
    rt = runtime_on(store, tmp_path / "worker")
    a = models.save_version(store, two_models[0], {"scores": {}})
    models.promote(store, a, "marie.martin")
    assert rt.model_version == a
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "aiguillage-model.json").write_text("{tronqué", encoding="utf-8")
    models.promote(store, models.save_version(store, broken, {"scores": {}}), "marie.martin")
    assert rt.model_version == a and rt.model.meta["seed"] == 1  # logged; documents keep being classified


def test_a_process_started_while_the_store_is_down_follows_once_it_answers(tmp_path, two_models):
    from storage.errors import StorageUnavailable

    class Flaky(LocalStore):
        down = True

        def list(self, prefix=""):
            if self.down:
                raise StorageUnavailable("serveur S3 injoignable")
            return super().list(prefix)

    store = Flaky(tmp_path / "store")
    rt = runtime_on(store, tmp_path / "worker")
    assert rt.model_version is None and rt.model.meta == embedded_meta()  # serve starts, and waits for the store
    store.down = False
    a = models.save_version(store, two_models[0], {"scores": {}})
    models.promote(store, a, "marie.martin")
    assert rt.model_version == a


def test_a_worse_candidate_is_refused_and_the_model_in_service_stays(tmp_path):
    """The tiny candidate against the embedded model, on the foreign set's text and on the
    held-back corrections: refused, the report says by how much; nothing changes in service."""
    from classifiers.scoring import percent, points
    from corpus.texts import generate_texts
    from flows.retrain import train_candidate

    store = LocalStore(tmp_path / "store")
    rt = runtime_on(store, tmp_path / "home")
    docs = generate_texts(15, 77)
    ids = [f"{i:024x}" for i in range(1, len(docs) + 1)]
    for doc_id, d in zip(ids, docs):
        save_correction(store, doc_id, d["text"], {"type": "other", "fields": {}}, {"type": d["type"], "fields": {}},
                        "vero.martin")
    held = [i for i in ids if held_back(i)]
    assert 0 < len(held) < len(ids)

    outcome = train_candidate(rt, "vero.martin", **TINY)
    assert outcome["promoted"] is False
    assert outcome["trained"]["corrections"] == len(ids) - len(held)  # held-back ones never trained on
    cand, current = outcome["scores"], outcome["compared_with"]["scores"]
    assert cand["corrections"]["documents"] == len(held) and cand["foreign"]["documents"] > 100
    assert outcome["compared_with"]["version"] is None
    worse = cand["foreign"]["accuracy"] - current["foreign"]["accuracy"]
    assert worse < 0
    assert outcome["report"].startswith(f"refusé : {percent(cand['foreign']['accuracy'])} sur le jeu étranger contre "
                                        f"{percent(current['foreign']['accuracy'])}")
    assert f"({points(worse)})" in outcome["report"]
    assert models.in_service(store) is None and rt.model_version is None
    stored = models.read_record(store, outcome["version"])
    assert stored["scores"] == cand and stored["decision"]["promoted"] is False and stored["created_by"] == "vero.martin"
    assert [e.kind for e in events(store) if e.kind.startswith("model_")] == ["model_trained", "model_refused"]

    # scheduled: nothing new since that candidate, nothing trained; a new correction, a new candidate
    assert "skipped" in train_candidate(rt, when_new_corrections=True, **TINY)
    save_correction(store, "f" * 24, docs[0]["text"], {"type": "other", "fields": {}},
                    {"type": docs[0]["type"], "fields": {}}, "vero.martin")
    again = train_candidate(rt, when_new_corrections=True, promote=False, **TINY)
    assert again["version"] != outcome["version"] and len(models.list_versions(store)) == 2


def test_train_then_the_next_run_uses_the_promoted_model(monkeypatch, aiguillage_home, capsys):
    """``aiguillage train`` (tolerance wide open, so the tiny candidate passes), then ``model
    list|promote|rollback``, as staff type them."""
    from cli.main import main
    from wiring.runtime import runtime

    monkeypatch.setenv("AIGUILLAGE_MODEL_TOLERANCE_POINTS", "100")
    assert main(["train", "--count", "50", "--epochs", "1", "--calibration-count", "13", "--no-written",
                 "--user", "vero.martin"]) == 0
    out = capsys.readouterr().out
    version = models.list_versions(runtime().store)[0]["version"]
    assert f"Candidat {version}" in out and "promu : " in out
    next_run = runtime_on(runtime().store, aiguillage_home)  # what the next `run` in this home builds
    assert next_run.model_version == version

    assert main(["model", "list"]) == 0
    assert f"* {version}" in capsys.readouterr().out
    assert main(["model", "rollback", "--user", "marc.petit"]) == 0
    assert "le modèle intégré de nouveau en service" in capsys.readouterr().out
    assert next_run.model_version is None

    monkeypatch.setenv("AIGUILLAGE_MODEL_TOLERANCE_POINTS", "0")  # the embedded model is far better
    assert main(["model", "promote", version, "--user", "marc.petit"]) == 1
    assert "refusé : " in capsys.readouterr().err and next_run.model_version is None
    assert main(["model", "promote", version, "--force", "--user", "marc.petit"]) == 0
    assert next_run.model_version == version
    assert main(["model", "promote", "20991231T000000Z-00000000"]) == 1
    assert "version de modèle inconnue" in capsys.readouterr().err
    promoted = [e for e in events(runtime().store) if e.kind == "model_promoted"]
    assert [(e.actor, e.details.get("forced")) for e in promoted] == [("vero.martin", False), ("marc.petit", True)]
