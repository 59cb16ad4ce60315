"""The page's text in reading order: a table Tesseract read column by column is put back row
by row; blocks that are not a table keep Tesseract's order; box rules read as "|" are dropped."""

from __future__ import annotations

from extractors.layout import reading_lines
from extractors.ocr import parse_hocr, words_to_text
from extractors.types import Word


def block(lines: list[str], x: int, y: int, first_line: int, step: int = 60) -> list[Word]:
    """Words of a block of lines at (x, y), numbered from ``first_line`` (Tesseract's order)."""
    words = []
    for i, line in enumerate(lines):
        left = x
        for token in line.split():
            words.append(Word(token, left, y + step * i, 22 * len(token), 32, 90, first_line + i))
            left += 22 * len(token) + 18
    return words


def test_table_read_column_by_column_is_put_back_in_rows():
    # As Tesseract read a generated invoice scanned sideways: designations in one block, the
    # figures in another, the totals' labels and amounts in two more.
    words = (block(["FACTURE"], 200, 1000, 0)
             + block(["PU HT TVA Montant HT", "87,21 10 % 1 046,52", "105,15 10 % 315,45"], 1300, 1100, 1)
             + block(["Désignation", "Purge et équilibrage radiateurs", "Entretien annuel chaudière gaz"], 200, 1100, 4)
             + block(["Total HT", "TVA 10 %"], 1300, 1400, 7)
             + block(["1 361,97 euros", "136,20 euros"], 1800, 1400, 9))
    assert words_to_text(words).splitlines() == [
        "FACTURE",
        "Désignation PU HT TVA Montant HT",
        "Purge et équilibrage radiateurs 87,21 10 % 1 046,52",
        "Entretien annuel chaudière gaz 105,15 10 % 315,45",
        "Total HT 1 361,97 euros",
        "TVA 10 % 136,20 euros"]


def test_blocks_side_by_side_that_are_not_a_table_keep_their_order():
    sender = block(["Thermi-Sud Chauffage", "31 place de la Gare", "31100 Toulouse"], 200, 200, 0)
    invoice = block(["Facture n° FA-22-05484", "Émis le 27 décembre 2022"], 1500, 230, 3)  # between rows
    # Two columns of prose: lines side by side, row by row, but long lines of words.
    prose_left = block(["Les travaux de la façade du bâtiment B", "commenceront le 3 juin et dureront six"], 200, 800, 5)
    prose_right = block(["semaines : les balcons devront être vidés", "et les fenêtres resteront fermées le jour"],
                        1300, 800, 7)
    words = sender + invoice + prose_left + prose_right
    assert words_to_text(words).splitlines() == [
        "Thermi-Sud Chauffage", "31 place de la Gare", "31100 Toulouse",
        "Facture n° FA-22-05484", "Émis le 27 décembre 2022",
        "Les travaux de la façade du bâtiment B", "commenceront le 3 juin et dureront six",
        "semaines : les balcons devront être vidés", "et les fenêtres resteront fermées le jour"]


def test_single_block_and_empty_page():
    words = block(["Madame, Monsieur,", "je vous écris au sujet", "de mon loyer."], 200, 500, 0)
    assert [[w.text for w in line] for line in reading_lines(words)] == [
        ["Madame,", "Monsieur,"], ["je", "vous", "écris", "au", "sujet"], ["de", "mon", "loyer."]]
    assert words_to_text([]) == ""


HOCR = """<div class='ocr_page' id='page_1' title='bbox 0 0 2480 3508'>
 <div class='ocr_carea' id='block_1_1' title="bbox 1400 1590 2300 1660">
  <p class='ocr_par' id='par_1_1' lang='fra' title="bbox 1400 1590 2300 1660">
   <span class='ocr_line' id='line_1_1' title="bbox 1400 1590 2300 1660; baseline 0 -8; x_size 40">
    <span class='ocrx_word' id='word_1_1' title='bbox 1421 1595 1428 1643; x_wconf 60'>|</span>
    <span class='ocrx_word' id='word_1_2' title='bbox 1450 1600 1600 1640; x_wconf 95'>Total</span>
    <span class='ocrx_word' id='word_1_3' title='bbox 1620 1600 1700 1640; x_wconf 95'>TTC</span>
    <span class='ocrx_word' id='word_1_4' title='bbox 2100 1600 2290 1645; x_wconf 90'>7,00€|</span>
   </span>
  </p>
 </div>
</div>"""


def test_box_rules_read_as_bars_are_not_text():
    words, rotation = parse_hocr(HOCR)
    assert [w.text for w in words] == ["Total", "TTC", "7,00€"] and rotation == 0
    assert words_to_text(words) == "Total TTC 7,00€\n"
