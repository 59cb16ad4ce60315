"""The command line speaks French, argparse's own words included (issue 15, item 5)."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def aiguillage(*args):
    return subprocess.run([sys.executable, "-m", "cli.main", *args], capture_output=True, text=True, cwd=REPO,
                          timeout=120)


def test_help_and_usage_errors_are_in_french():
    done = aiguillage("run", "--help")
    assert done.returncode == 0
    assert "usage : aiguillage run" in done.stdout and "afficher cette aide et quitter" in done.stdout
    assert "positional arguments" not in done.stdout and "show this help" not in done.stdout
    missing = aiguillage("run")
    assert missing.returncode == 2
    assert "erreur : arguments obligatoires manquants : CHEMIN" in missing.stderr
    assert "error" not in missing.stderr and "required" not in missing.stderr
