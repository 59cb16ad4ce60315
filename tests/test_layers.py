"""The arrows between packages go one way (README, "Architecture"): a stage never imports a
flow, storage knows nothing of OCR, nothing imports the web app or the command line. Imports
inside functions count too."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OURS = ("config", "extractors", "classifiers", "storage", "wiring", "stages", "flows", "inbox", "cli")
MAY_IMPORT = {
    "config": set(),
    "extractors": {"config"},
    "classifiers": {"config", "extractors"},
    "storage": {"config"},
    "wiring": {"config", "storage", "classifiers"},
    "stages": {"config", "extractors", "classifiers", "storage", "wiring"},
    "flows": {"config", "extractors", "classifiers", "storage", "wiring", "stages"},
    "inbox": {"config", "extractors", "classifiers", "storage", "wiring", "stages", "flows"},
    "cli": {"config", "extractors", "classifiers", "storage", "wiring", "stages", "flows", "inbox"},
}


def imported_packages(path: Path) -> set[tuple[str, int]]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {(a.name.split(".")[0], node.lineno) for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add((node.module.split(".")[0], node.lineno))
    return {(name, line) for name, line in found if name in OURS}


def crossings() -> list[str]:
    wrong = []
    for pkg, allowed in MAY_IMPORT.items():
        for f in sorted((ROOT / pkg).rglob("*.py")):
            for name, line in sorted(imported_packages(f)):
                if name != pkg and name not in allowed:
                    wrong.append(f"{f.relative_to(ROOT)}:{line} imports {name}")
    return wrong


def test_arrows_go_one_way():
    assert crossings() == []


def test_only_the_command_line_starts_the_web_app():
    """cli may import inbox (``aiguillage web`` serves it); nothing else imports inbox or cli."""
    assert all("inbox" not in allowed and "cli" not in allowed
               for pkg, allowed in MAY_IMPORT.items() if pkg != "cli")
