"""Lines of print Tesseract's page layout left out, found and read again.

Tesseract's layout analysis sometimes drops a whole block of a clearly printed page: a totals
block set right with dot leaders (« TVA 10 % ........ 12,84 € »), a boxed table's last rows.
The ink is there, no word covers it. ``missed_regions`` finds such ink: marks of a character's
size (not dots, rules, logos or signatures) in rows, away from every word read; each region
is then read on its own as sparse text (``--psm 11``), which does not drop it, and its words
put back in rows.

Only on a page of print (its words read surely): in handwriting, strokes the OCR could not
make into words are no lost line, and reading them again adds noise, not text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from statistics import median

import cv2
import numpy as np

from extractors.types import Word, mean_confidence

PRINT_CONFIDENCE = 80.0  # a page read this surely is print: its unread ink may be a lost block
MIN_WORD_CONFIDENCE = 60.0  # a word read again is kept when read this surely
MAX_REGIONS = 6  # more unread rows than this: a page of drawings or noise, not lost lines
MIN_MARKS = 4  # characters in a row, at the least, for it to be a line of text (« 455,40 »: the comma is a dot)
_HOLDS_TEXT = re.compile(r"[^\W_]|[€$£%]")  # a word, a figure or a unit; not dot leaders alone


def missed_regions(image: np.ndarray, words: list[Word]) -> list[tuple[int, int, int, int]]:
    """Boxes (left, top, right, bottom) of rows of character-sized ink no word covers, on a
    page of print; none when the page is not print or too many such rows are left."""
    texts = [w for w in words if any(c.isalnum() for c in w.text)]
    if len(texts) < 10 or mean_confidence(texts) < PRINT_CONFIDENCE:
        return []
    k = max(1, int(median(w.height for w in texts) // 12))  # every k-th pixel: a line ~12 pixels high
    size = median(w.height for w in texts) / k  # a line's height in those pixels
    ink = (image[::k, ::k] < 128).astype(np.uint8)
    pad = max(1, int(size * 0.3))
    for w in words:
        ink[max(0, w.top // k - pad):(w.top + w.height) // k + pad, max(0, w.left // k - pad):(w.left + w.width) // k + pad] = 0
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights, widths = stats[:, cv2.CC_STAT_HEIGHT], stats[:, cv2.CC_STAT_WIDTH]
    # a character: not a dot, a rule or a logo
    char = (heights >= 0.35 * size) & (heights <= 1.3 * size) & (widths <= 2.5 * size)
    char[0] = False
    marks = char.astype(np.uint8)[labels]
    rows = cv2.dilate(marks, np.ones((1, max(3, int(size * 0.9))), np.uint8))  # a row's characters joined
    count, _, stats, _ = cv2.connectedComponentsWithStats(rows, connectivity=8)
    found = []
    for i in range(1, count):
        x, y, bw, bh, _ = (int(v) for v in stats[i])
        if bw >= 3 * size and bh <= 2 * size and cv2.connectedComponents(marks[y:y + bh, x:x + bw])[0] - 1 >= MIN_MARKS:
            found.append((x * k, y * k, (x + bw) * k, (y + bh) * k))
    size *= k
    blocks = _blocks(found, size)
    return [] if len(blocks) > MAX_REGIONS else blocks


def _blocks(boxes: list[tuple[int, int, int, int]], size: float) -> list[tuple[int, int, int, int]]:
    """Boxes on one row joined (a label and its amount, apart across dot leaders), and rows under
    one another joined into a block (read as one, its rows keep their order)."""
    out: list[list[int]] = []
    for left, top, right, bottom in sorted(boxes, key=lambda b: (b[1], b[0])):
        for b in out:
            same_row = min(bottom, b[3]) - max(top, b[1]) > 0.5 * min(bottom - top, b[3] - b[1])
            under = 0 <= top - b[3] < 0.8 * size and min(right, b[2]) - max(left, b[0]) > -2 * size
            if same_row or under:
                b[:] = [min(left, b[0]), min(top, b[1]), max(right, b[2]), max(bottom, b[3])]
                break
        else:
            out.append([left, top, right, bottom])
    return [(b[0], b[1], b[2], b[3]) for b in out]


def crop_box(box: tuple[int, int, int, int], words: list[Word], shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    """The region with a margin of half a line around it, inside the page."""
    size = median(w.height for w in words) if words else 20
    margin = int(size * 0.6)
    left, top, right, bottom = box
    return (max(0, left - margin), max(0, top - margin), min(shape[1], right + margin), min(shape[0], bottom + margin))


def place_words(page_words: list[Word], found: list[Word], offset: tuple[int, int]) -> list[Word]:
    """The page's words with ``found`` (read in a crop at ``offset``) added, each of its lines
    put in reading order after the page's last line that starts above it."""
    kept = [w for w in found if w.confidence >= MIN_WORD_CONFIDENCE and _HOLDS_TEXT.search(w.text)]
    if not kept:
        return page_words
    dx, dy = offset
    lines: dict[int, list[Word]] = {}
    for w in page_words:
        lines.setdefault(w.line, []).append(w)
    order = [(min(w.top for w in ws), [w for w in ws]) for _, ws in sorted(lines.items())]
    for ws in _rows([replace(w, left=w.left + dx, top=w.top + dy) for w in kept]):
        top = min(w.top for w in ws)
        at = max((k + 1 for k, (t, _) in enumerate(order) if t <= top), default=0)
        order.insert(at, (top, ws))
    return [replace(w, line=k) for k, (_, ws) in enumerate(order) for w in ws]


def _rows(words: list[Word]) -> list[list[Word]]:
    """Words read sparsely (each may be its own « line ») put back in rows, left to right."""
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: w.top + w.height / 2):
        middle = w.top + w.height / 2
        if rows and min(x.top for x in rows[-1]) <= middle <= max(x.top + x.height for x in rows[-1]):
            rows[-1].append(w)
        else:
            rows.append([w])
    return [sorted(r, key=lambda w: w.left) for r in rows]
