"""`aiguillage retention hold|release|list`: legal holds placed and lifted, audited by who and
what, in French; a bad target is a usage error, never a traceback."""

from __future__ import annotations

import json

from cli.main import main


def cli(capsys, *args) -> tuple[int, str, str]:
    code = main(["retention", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_hold_is_placed_listed_and_lifted_once(capsys):
    from storage.audit import events
    from wiring.runtime import runtime

    code, out, _ = cli(capsys, "hold", "--tenant", "77120456", "--reason", "contentieux loyers", "--user", "vero.martin")
    assert code == 0 and "gelé" in out
    code, _, err = cli(capsys, "hold", "--tenant", "77120456", "--reason", "autre", "--user", "paul.roux")
    assert code == 1 and "déjà gelé" in err and "vero.martin" in err
    code, out, _ = cli(capsys, "list", "--json")
    assert [json.loads(x)["target"] for x in out.splitlines()] == ["77120456"]
    code, out, _ = cli(capsys, "release", "--tenant", "77120456", "--user", "paul.roux")
    assert code == 0 and "gel levé" in out
    assert cli(capsys, "release", "--tenant", "77120456", "--user", "paul.roux")[0] == 1
    kinds = [(e.kind, e.actor) for e in events(runtime().store) if e.kind.startswith("legal_hold")]
    assert kinds == [("legal_hold", "vero.martin"), ("legal_hold_released", "paul.roux")]


def test_a_bad_document_id_is_a_usage_error(capsys):
    code, _, err = cli(capsys, "hold", "--document", "../x", "--reason", "r", "--user", "vero.martin")
    assert code == 2 and "identifiant de document invalide" in err and "Traceback" not in err
