"""The accuracy benchmark's cache of read pages follows the settings that read them."""

from __future__ import annotations

from bench import accuracy


def test_the_ocr_languages_are_part_of_the_reading_version(monkeypatch):
    monkeypatch.delenv("AIGUILLAGE_OCR_LANGUAGES", raising=False)
    default = accuracy.reading_version()
    assert accuracy.reading_version() == default  # stable for the same code and settings
    monkeypatch.setenv("AIGUILLAGE_OCR_LANGUAGES", "fra")
    assert accuracy.reading_version() != default
    assert accuracy.reading_settings()["languages"] == "fra"
