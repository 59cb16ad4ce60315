"""One contract, every back end: LocalStore on a folder, S3Store on a real S3 server."""

from __future__ import annotations

import os
import threading
import time

import pytest

from storage.errors import ObjectNotFound


def test_put_get_roundtrip(store):
    store.put("inbox/2024/scan-001.pdf", b"%PDF-1.7 contenu", content_type="application/pdf")
    assert store.get("inbox/2024/scan-001.pdf") == b"%PDF-1.7 contenu"
    assert store.exists("inbox/2024/scan-001.pdf")


def test_empty_object(store):
    store.put("vide", b"")
    assert store.get("vide") == b""
    assert store.stat("vide").size == 0


def test_overwrite_replaces_content(store):
    store.put("doc", b"premier")
    first = store.stat("doc")
    store.put("doc", b"second, plus long")
    assert store.get("doc") == b"second, plus long"
    second = store.stat("doc")
    assert second.size == len(b"second, plus long")
    assert second.etag != first.etag


def test_metadata_kept(store):
    meta = {"source": "scanner-accueil", "titre": "Quittance de loyer – février", "pages": "3"}
    store.put("meta/doc.pdf", b"x", metadata=meta)
    assert store.stat("meta/doc.pdf").metadata == meta
    store.put_if_absent("meta/claim", b"y", metadata={"owner": "worker-7"})
    assert store.stat("meta/claim").metadata == {"owner": "worker-7"}


def test_stat_size_etag_time(store):
    data = b"0123456789" * 100
    store.put("a/b/c.bin", data)
    info = store.stat("a/b/c.bin")
    assert info.key == "a/b/c.bin"
    assert info.size == 1000
    assert info.etag
    assert abs(info.modified - time.time()) < 600  # same clock, not a speed check


@pytest.mark.parametrize("op", ["get", "stat"])
def test_missing_key_raises_object_not_found(store, op):
    store.put("present", b"1")
    with pytest.raises(ObjectNotFound) as err:
        getattr(store, op)("absent/key")
    assert err.value.key == "absent/key"
    assert not store.exists("absent/key")


def test_list_prefix_sorted_and_nested(store):
    keys = ["q/b", "q/a/2/x", "qq", "r", "q/a/1", "q/a/10"]
    for k in keys:
        store.put(k, k.encode())
    assert list(store.list("q/")) == ["q/a/1", "q/a/10", "q/a/2/x", "q/b"]
    assert list(store.list("q/a")) == ["q/a/1", "q/a/10", "q/a/2/x"]
    assert list(store.list("q")) == ["q/a/1", "q/a/10", "q/a/2/x", "q/b", "qq"]
    assert list(store.list()) == sorted(keys)
    assert list(store.list("nothing/")) == []


def test_delete_idempotent(store):
    store.put("d/one", b"1")
    store.put("d/two", b"2")
    store.delete("d/one")
    store.delete("d/one")
    store.delete("never/existed")
    assert not store.exists("d/one")
    with pytest.raises(ObjectNotFound):
        store.get("d/one")
    assert list(store.list("d/")) == ["d/two"]


def test_put_if_absent_true_then_false(store):
    assert store.put_if_absent("claims/doc-1", b"worker-a") is True
    assert store.put_if_absent("claims/doc-1", b"worker-b") is False
    assert store.get("claims/doc-1") == b"worker-a"
    store.put("claims/doc-2", b"existing")
    assert store.put_if_absent("claims/doc-2", b"new") is False
    assert store.get("claims/doc-2") == b"existing"
    store.delete("claims/doc-1")
    assert store.put_if_absent("claims/doc-1", b"worker-c") is True


@pytest.mark.parametrize("round_", range(3))
def test_put_if_absent_concurrent_exactly_one_wins(store, round_):
    key = f"claims/race-{round_}"
    n = 8
    barrier = threading.Barrier(n)
    results: dict[int, bool] = {}
    errors: list[BaseException] = []

    def claim(i: int) -> None:
        try:
            barrier.wait()
            results[i] = store.put_if_absent(key, f"worker-{i}".encode())
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    winners = [i for i, won in results.items() if won]
    assert len(results) == n
    assert len(winners) == 1, results
    assert store.get(key) == f"worker-{winners[0]}".encode()


def test_large_object(store):
    data = os.urandom(5 * 1024 * 1024)
    store.put("big/scan.tiff", data, content_type="image/tiff")
    assert store.stat("big/scan.tiff").size == len(data)
    assert store.get("big/scan.tiff") == data


def test_put_file_roundtrip_with_type_and_metadata(store, tmp_path):
    src = tmp_path / "searchable.pdf"
    src.write_bytes(b"%PDF-1.7 " + os.urandom(3000))
    meta = {"source": "scanner-accueil", "titre": "Relevé – mars"}
    store.put("documents/d1/searchable.pdf", b"ancien contenu")
    store.put_file("documents/d1/searchable.pdf", src, content_type="application/pdf", metadata=meta)
    assert store.get("documents/d1/searchable.pdf") == src.read_bytes()
    info = store.stat("documents/d1/searchable.pdf")
    assert info.size == src.stat().st_size
    assert info.metadata == meta
    assert src.exists()  # the caller's file is left in place
    assert list(store.list("documents/d1/")) == ["documents/d1/searchable.pdf"]  # no temporary left over


def test_put_file_empty_and_str_path(store, tmp_path):
    src = tmp_path / "vide.json"
    src.write_bytes(b"")
    store.put_file("vide.json", str(src))
    assert store.get("vide.json") == b""


def test_put_file_in_several_parts(store, tmp_path):
    """Larger than one upload part (S3: a multipart upload of three parts)."""
    if hasattr(store, "part_size"):
        store.part_size = 5 * 1024 * 1024  # S3's smallest part
    data = os.urandom(11 * 1024 * 1024 + 123)
    src = tmp_path / "gros.pdf"
    src.write_bytes(data)
    store.put_file("big/gros.pdf", src, content_type="application/pdf", metadata={"pages": "500"})
    assert store.stat("big/gros.pdf").size == len(data)
    assert store.get("big/gros.pdf") == data
    assert store.stat("big/gros.pdf").metadata == {"pages": "500"}
    if hasattr(store, "part_size"):
        assert store.stat("big/gros.pdf").etag.endswith("-3")  # S3 names a multipart object's parts


def test_put_file_missing_source_changes_nothing(store, tmp_path):
    store.put("documents/d2/text.json", b"{}", content_type="application/json", metadata={"v": "1"})
    with pytest.raises(OSError):
        store.put_file("documents/d2/text.json", tmp_path / "absent.json")
    with pytest.raises(OSError):
        store.put_file("documents/d2/autre.json", tmp_path / "absent.json")
    assert store.get("documents/d2/text.json") == b"{}"
    assert store.stat("documents/d2/text.json").metadata == {"v": "1"}
    assert list(store.list("documents/d2/")) == ["documents/d2/text.json"]


def test_get_file_copies_the_object_to_a_file(store, tmp_path):
    data = os.urandom(3 * 1024 * 1024 + 7)  # several read chunks
    store.put("intake/abc/scan.pdf", data)
    target = tmp_path / "spool" / "abc" / "scan.pdf"  # folders made as needed
    store.get_file("intake/abc/scan.pdf", target)
    assert target.read_bytes() == data
    store.put("intake/abc/scan.pdf", b"plus court")
    store.get_file("intake/abc/scan.pdf", str(target))  # replaces the file
    assert target.read_bytes() == b"plus court"
    assert sorted(p.name for p in target.parent.iterdir()) == ["scan.pdf"]  # no temporary left over


def test_get_file_missing_key_leaves_no_file(store, tmp_path):
    target = tmp_path / "spool" / "absent.pdf"
    target.parent.mkdir()
    with pytest.raises(ObjectNotFound) as err:
        store.get_file("intake/none/absent.pdf", target)
    assert err.value.key == "intake/none/absent.pdf"
    assert list(target.parent.iterdir()) == []
