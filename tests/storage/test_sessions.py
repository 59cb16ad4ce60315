"""Web sessions in the store (storage/sessions.py), on the local folder and on real S3."""

from __future__ import annotations

from storage import layout
from storage import sessions as stored
from storage.sessions import SessionRecord

TOKEN = "jeton-de-session-secret-0123456789abcdefghij"


def test_a_record_comes_back_under_a_hash_of_its_token(store):
    stored.save(store, TOKEN, SessionRecord("marie", "csrf-1", 100.0, 160.0, "stamp-a"))
    record = stored.load(store, TOKEN)
    assert record == SessionRecord("marie", "csrf-1", 100.0, 160.0, "stamp-a")
    keys = list(store.list(layout.SESSIONS))
    assert keys == [layout.session(stored.session_id(TOKEN))]
    assert TOKEN not in keys[0] and TOKEN.encode() not in store.get(keys[0])
    assert stored.load(store, TOKEN + "x") is None  # another token: nothing


def test_a_token_of_any_text_is_looked_up_safely(store):
    for odd in ("é" * 40, "\x00nul", "\ud800 lone surrogate", "../../etc/passwd"):
        assert stored.load(store, odd) is None


def test_delete_and_delete_for_a_login(store):
    for i, login in enumerate(["marie", "marie", "paul"]):
        stored.save(store, f"{TOKEN}{i}", SessionRecord(login, f"c{i}", 0.0, 0.0))
    stored.delete(store, f"{TOKEN}0")
    assert stored.load(store, f"{TOKEN}0") is None and stored.load(store, f"{TOKEN}1") is not None
    assert stored.delete_for(store, "marie") == 1
    assert [r.login for _, r in stored.records(store)] == ["paul"]


def test_purge_removes_expired_and_unreadable_records_only(store):
    stored.save(store, "idle", SessionRecord("marie", "c", created=0.0, seen=0.0))
    stored.save(store, "old", SessionRecord("paul", "c", created=0.0, seen=990.0))
    stored.save(store, "fresh", SessionRecord("luc", "c", created=500.0, seen=990.0))
    store.put(layout.session(stored.session_id("damaged")), b"{not json")
    assert stored.purge(store, now=1000.0, idle_seconds=60.0, max_seconds=900.0) == 3
    assert [r.login for _, r in stored.records(store)] == ["luc"]


def test_expiry_rules():
    r = SessionRecord("marie", "c", created=0.0, seen=100.0)
    assert not r.expired(130.0, idle_seconds=60, max_seconds=1000)
    assert r.expired(161.0, idle_seconds=60, max_seconds=1000)  # idle
    assert r.expired(130.0, idle_seconds=60, max_seconds=120)  # too old, however busy
