"""spaCy's French named entities (PER), a last resort for the writer's name: only on the lines of
the sender block and the signature, only when the rules of :mod:`extractors.fields_person` found
no name there."""

from __future__ import annotations

import re

from extractors.parsing import fold
from extractors.person_labels import ADDRESS, STAFF_LINE
from extractors.person_names import clean_person


def ner_name(lines: list[tuple[int, str]]) -> tuple[str, int] | None:
    """The first PER entity among ``lines`` ((line number, text)) that reads as a name, with its line."""
    nlp = _nlp()
    if nlp is None:
        return None
    picked = [(i, ln) for i, ln in lines
              if len(ln) <= 80 and not ADDRESS.search(ln) and not STAFF_LINE.search(fold(ln)) and re.search(r"[A-Za-zÀ-ÿ]{2,}\s+[A-Za-zÀ-ÿ]{2,}", ln)]
    if not picked:
        return None
    text, starts = "", []
    for i, ln in picked:
        starts.append((len(text), i))
        text += ln + "\n"
    for ent in nlp(text).ents:
        if ent.label_ == "PER":
            name = clean_person(ent.text, strict=False)
            if name and max(len(w) for w in name.split()) > 2:  # not « JG MO » (« Je me » the OCR garbled)
                return name, [i for s, i in starts if s <= ent.start_char][-1]
    return None


_NLP: list = []


def _nlp():
    if not _NLP:
        try:
            import spacy

            _NLP.append(spacy.load("fr_core_news_sm", exclude=["parser", "lemmatizer", "morphologizer",
                                                                "attribute_ruler", "tagger", "senter"]))
        except (ImportError, OSError):
            _NLP.append(None)
    return _NLP[0]
