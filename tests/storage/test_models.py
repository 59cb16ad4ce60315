"""Models in the object store (storage/models.py), on both back ends: versions stored whole and
listed with their scores, unpacked into a process's cache, and the promotion chain that names
the model in service — which racing promoters cannot corrupt and rollback walks back."""

from __future__ import annotations

import tarfile
import threading
from datetime import datetime, timezone

import pytest

from storage import layout, models


def model_folder(root, name: str):
    """A stand-in model folder: files at two levels (a model's textcat/, vocab/…)."""
    folder = root / name
    (folder / "textcat").mkdir(parents=True)
    (folder / "aiguillage-model.json").write_text(f'{{"name": "{name}"}}', encoding="utf-8")
    (folder / "textcat" / "model").write_bytes(name.encode() * 1000)
    return folder


def saved(store, tmp_path, name: str, day: int = 1) -> str:
    return models.save_version(store, model_folder(tmp_path, name), {"scores": {"foreign": {"accuracy": 0.9}}},
                               now=datetime(2026, 12, day, 2, 30, tzinfo=timezone.utc))


def test_a_version_is_stored_listed_and_unpacked_whole(store, tmp_path):
    a = saved(store, tmp_path, "a", day=1)
    b = saved(store, tmp_path, "b", day=2)
    assert layout.is_model_version(a) and a.startswith("20261201T023000Z-") and a < b
    listed = models.list_versions(store)
    assert [r["version"] for r in listed] == [a, b]
    assert listed[0]["scores"] == {"foreign": {"accuracy": 0.9}} and listed[0]["created_at"]

    folder = models.fetch(store, a, tmp_path / "cache")
    assert (folder / "aiguillage-model.json").read_text(encoding="utf-8") == '{"name": "a"}'
    assert (folder / "textcat" / "model").read_bytes() == (tmp_path / "a" / "textcat" / "model").read_bytes()
    assert models.fetch(store, a, tmp_path / "cache") == folder  # once
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [a]  # nothing half-made beside it


def test_a_version_without_its_scores_is_not_listed(store, tmp_path):
    version = models.new_version(b"archive")
    store.put(layout.model_archive(version), models.pack(model_folder(tmp_path, "x")))
    assert models.list_versions(store) == []  # the record is written last: this one never finished
    with pytest.raises(models.ModelVersionError, match=version):
        models.promote(store, version, "marie.martin")


def test_a_damaged_archive_leaves_nothing_in_the_cache(store, tmp_path):
    version = models.new_version(b"damaged")
    store.put(layout.model_archive(version), b"not a tar archive")
    with pytest.raises(tarfile.TarError):
        models.fetch(store, version, tmp_path / "cache")
    assert not (tmp_path / "cache" / version).exists()


def test_promote_and_rollback_walk_the_chain_back_to_the_embedded_model(store, tmp_path):
    a, b = saved(store, tmp_path, "a", 1), saved(store, tmp_path, "b", 2)
    assert models.head(store) is None and models.in_service(store) is models.EMBEDDED

    first = models.promote(store, a, "marie.martin")
    assert (first.generation, first.version, first.previous, first.replaced) == (1, a, (None,), None)
    assert models.promote(store, a, "marie.martin") is None  # already in service: no link
    second = models.promote(store, b, "paul.durand")
    assert (second.version, second.previous, second.replaced, second.actor) == (b, (None, a), a, "paul.durand")

    back = models.rollback(store, "marie.martin")
    assert (back.version, back.previous, back.kind, back.replaced) == (a, (None,), models.ROLLED_BACK, b)
    assert models.in_service(store) == a
    assert models.rollback(store, "marie.martin").version is models.EMBEDDED
    with pytest.raises(models.ModelVersionError, match="intégré"):
        models.rollback(store, "marie.martin")
    assert [p.generation for p in models.history(store)] == [1, 2, 3, 4]


def test_a_refusing_check_writes_nothing(store, tmp_path):
    a = saved(store, tmp_path, "a")

    def refuse(current):
        assert current is None  # asked against the head it would replace
        raise models.ModelVersionError("refusé : moins bon")

    with pytest.raises(models.ModelVersionError, match="moins bon"):
        models.promote(store, a, "marie.martin", check=refuse)
    assert models.head(store) is None


def test_racing_promoters_lose_no_promotion(store, tmp_path):
    """Eight people promote eight versions at once: eight links, each replacing the one before;
    every loser read the new head and decided again (none overwrote another's promotion)."""
    versions = [saved(store, tmp_path, f"v{i}", day=i + 1) for i in range(8)]
    start = threading.Barrier(len(versions))
    errors = []

    def promote(version):
        try:
            start.wait()
            models.promote(store, version, "marie.martin")
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=promote, args=(v,)) for v in versions]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    chain = models.history(store)
    assert [p.generation for p in chain] == list(range(1, 9))
    assert sorted(p.version for p in chain) == sorted(versions)
    for before, after in zip([None, *chain], chain):
        assert after.replaced == (before.version if before else None)
        assert after.previous == ((*before.previous, before.version) if before else (None,))
    assert models.rollback(store, "marie.martin").version == chain[-2].version


def test_the_cache_keeps_the_model_in_use_and_the_latest(store, tmp_path):
    versions = [saved(store, tmp_path, f"v{i}", day=i + 1) for i in range(5)]
    for v in versions:
        models.fetch(store, v, tmp_path / "cache")
    models.prune_cache(tmp_path / "cache", versions[0])
    kept = {p.name for p in (tmp_path / "cache").iterdir()}
    assert versions[0] in kept and len(kept) <= models.CACHE_KEEP + 1
