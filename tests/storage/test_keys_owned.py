"""``storage/`` is the only owner of object keys: no module elsewhere writes a key's prefix
or takes a key apart (they call ``storage.layout`` and the storage verbs instead)."""

from __future__ import annotations

import ast
from pathlib import Path

from storage import layout

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("config", "extractors", "classifiers", "flows", "cli", "inbox", "corpus", "bench")
PREFIXES = (layout.ORIGINALS, layout.RECEIPTS, layout.DOCUMENTS, layout.QUEUES, layout.CORRECTIONS,
            layout.INTAKE, layout.DISPATCHED, "audit/", "learned/", layout.MODELS, layout.PURCHASE_ORDERS,
            layout.SESSIONS, layout.HOLDS, layout.DAYBOOK, layout.NOTIFICATIONS)
SPLITTERS = {"split", "rsplit", "partition", "rpartition", "count"}


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith(PREFIXES):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} key literal {node.value!r}")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SPLITTERS
                and node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value == "/"
                and "key" in ast.unparse(node.func.value).lower()):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} splits a key: {ast.unparse(node)}")
    return found


def test_no_module_outside_storage_builds_or_parses_a_key():
    offences = [o for pkg in PACKAGES for f in sorted((ROOT / pkg).rglob("*.py")) for o in _offences(f)]
    assert offences == []


def test_the_check_sees_a_key_built_or_split_by_hand(tmp_path, monkeypatch):
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    bad = tmp_path / "bad.py"
    bad.write_text('PREFIX = "intake-dispatch/"\nsha = key.split("/")[1]\nq = f"queues/{name}/items/"\n')
    assert len(_offences(bad)) == 3
