"""The lexicon of given names shipped with the package."""

from __future__ import annotations

import pytest

from config import first_names as fn
from config.errors import ConfigError


def test_the_embedded_lexicon_loads_with_its_usual_spellings():
    names = fn.first_names()
    assert len(names) > 2000
    assert names["aicha"] == "Aïcha" and names["jean-pierre"] == "Jean-Pierre"


def test_a_lexicon_without_its_column_is_refused_naming_the_file(tmp_path, monkeypatch):
    bad = tmp_path / "first_names.csv"
    bad.write_text("prenom\nJean\n", encoding="utf-8")
    monkeypatch.setattr(fn, "embedded_path", lambda name: bad)
    fn.first_names.cache_clear()
    try:
        with pytest.raises(ConfigError, match="first_names.csv.*name"):
            fn.first_names()
    finally:
        fn.first_names.cache_clear()
