"""Cutting one run of scanned pages without separator sheets into documents: the text says where
a document starts; whether a page is print or handwriting, as its reading confidence says, adds
to it."""

from extractors.types import PageText, Word
from stages.pages import PageResult
from stages.split import split_pages

TYPED_END = ("SAS Comptoir Toulousain du Sanitaire\nAVOIR N° AV-2021-031\nTotal TTC -120,00 €\n"
             "SIRET 33918402000156 - N° TVA FR53339184020")
SCRAWL = "HR Ye fé UKE fé hu\nK éside nee i” Ceseou, lat. 2, aye (\nS200 ill n\nMadame, le robinet fuit"


def _page(number: int, text: str, confidence: float) -> PageResult:
    words = [Word(w, 10 * i, 10, 8, 8, confidence) for i, w in enumerate(text.split())]
    return PageResult(number, "text", PageText(number, text, words))


def test_a_handwritten_page_after_a_typed_piece_is_another_document():
    pages = [_page(1, TYPED_END, 94.0), _page(2, SCRAWL, 55.0)]
    assert [d.numbers for d in split_pages(pages)] == [[1], [2]]
    # both read as print (or the second's confidence telling nothing): one document, as before
    assert [d.numbers for d in split_pages([_page(1, TYPED_END, 94.0), _page(2, SCRAWL, 93.0)])] == [[1, 2]]
    assert [d.numbers for d in split_pages([_page(1, TYPED_END, 94.0), _page(2, SCRAWL, 78.0)])] == [[1, 2]]
