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


def test_names_of_every_origin_and_letters_unicode_does_not_decompose():
    """« KOWALCZYK Wiktor »: a Polish given name put first (not one letter off a French one,
    « Viktor »); « ł » bare is « l », so « Małgorzata » and « Malgorzata » are one name."""
    from extractors.person_names import clean_person

    assert fn.bare("Małgorzata") == fn.bare("Malgorzata") == "malgorzata"
    assert fn.first_names()[fn.bare("Małgorzata")] == "Malgorzata"
    assert clean_person("M. KOWALCZYK Wiktor") == "Wiktor Kowalczyk"
    assert clean_person("OKONKWO Chidi") == "Chidi Okonkwo"
