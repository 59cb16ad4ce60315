"""Pushed files and their dispatch markers: keys built and read back by storage alone, each
push handed to one dispatcher only, again after its run must have died."""

from __future__ import annotations

import hashlib

import pytest

from storage import layout, pushes
from storage.local import LocalStore

SHA = hashlib.sha256(b"scan").hexdigest()


def test_intake_keys_round_trip_and_refuse_what_is_not_a_push():
    key = layout.intake(SHA, "lot du matin.pdf")
    assert layout.intake_of(key) == (SHA, "lot du matin.pdf")
    assert layout.intake(SHA, "../../etc/passwd") == layout.intake(SHA, "passwd")  # never a level more
    assert layout.intake_of(layout.dispatch_marker(key)) is None
    for other in ("intake/notasha/x.pdf", f"intake/{SHA}/", f"intake/{SHA}/a/b.pdf", layout.receipt(SHA)):
        assert layout.intake_of(other) is None
    with pytest.raises(ValueError):
        layout.dispatch_marker(layout.receipt(SHA))


def test_document_keys_parse_back():
    key = layout.document("ab" * 12, "record.json")
    assert layout.document_of(key) == ("ab" * 12, "record.json")
    assert layout.document_of("documents/zz/record.json") is None
    assert layout.document_of(layout.queue_item("comptabilite-fournisseurs", "ab" * 12)) is None
    assert layout.is_queue_item("comptabilite-fournisseurs", layout.queue_item("comptabilite-fournisseurs", "ab" * 12))
    assert not layout.is_queue_item("comptabilite-fournisseurs", layout.queue_index("comptabilite-fournisseurs") + "x")


def test_a_push_is_pending_fetched_and_cleared_with_its_marker(tmp_path):
    store = LocalStore(tmp_path / "store")
    f = tmp_path / "lettre.pdf"
    f.write_bytes(b"%PDF-1.4 scan")
    sha = hashlib.sha256(f.read_bytes()).hexdigest()
    key, created = pushes.push(store, f, sha)
    assert created and pushes.push(store, f, sha) == (key, False)
    store.put(layout.receipt(sha), b"{}")  # other objects are not pushes
    assert pushes.pending(store) == [key]
    assert pushes.fetch(store, key, tmp_path / "spool").read_bytes() == f.read_bytes()
    assert pushes.claim_for_dispatch(store, key, now=1000.0)
    pushes.clear(store, key)
    assert pushes.pending(store) == [] and not store.exists(layout.dispatch_marker(key))


def test_a_push_goes_to_one_dispatcher_until_its_run_must_have_died(tmp_path):
    store = LocalStore(tmp_path / "store")
    key = layout.intake(SHA, "a.pdf")
    assert pushes.claim_for_dispatch(store, key, now=1000.0)
    assert not pushes.claim_for_dispatch(store, key, now=1000.0 + 60)  # the other dispatcher
    later = 1000.0 + pushes.REDISPATCH_AFTER_SECONDS + 1
    assert pushes.claim_for_dispatch(store, key, now=later)  # sent again: routing is idempotent
    assert not pushes.claim_for_dispatch(store, key, now=later + 1)
