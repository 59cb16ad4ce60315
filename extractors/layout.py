"""The page's text in reading order from its word boxes.

``reading_lines`` keeps the OCR's reading order and only puts back a table read column by
column (for the page's text); :mod:`extractors.rows` reads the whole page row by row (for field
extraction).
"""

from __future__ import annotations

from extractors.types import Word


def reading_lines(words: list[Word]) -> list[list[Word]]:
    """The page's lines in Tesseract's reading order (its ``line`` numbers), except where it
    read a table column by column: blocks side by side whose lines pair up row by row, one of
    them of short lines (figures and labels, not prose), are put back together row by row, where
    the first of them was."""
    lines: dict[int, list[Word]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    blocks: list[list[list[Word]]] = []
    for line in (ws for _, ws in sorted(lines.items())):
        if blocks and _stacked(_box(blocks[-1][-1]), _box(line)):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    merged = True
    while merged:
        merged = False
        boxes = [_box([w for line in b for w in line]) for b in blocks]
        for i in range(len(blocks)):
            for j in range(i + 1, len(blocks)):
                if _side_by_side(boxes[i], boxes[j]) and _pair_up(blocks[i], blocks[j]):
                    blocks[i] = _rows(blocks[i] + blocks.pop(j))
                    merged = True
                    break
            if merged:
                break
    return [line for block in blocks for line in block]


def _box(words: list[Word]) -> tuple[int, int, int, int]:
    return (min(w.left for w in words), min(w.top for w in words),
            max(w.left + w.width for w in words), max(w.top + w.height for w in words))


def _stacked(above: tuple[int, int, int, int], below: tuple[int, int, int, int]) -> bool:
    """``below`` continues the block of ``above``: under it, overlapping it across, close."""
    height = above[3] - above[1]
    return (below[1] >= (above[1] + above[3]) / 2 and below[1] - above[3] < 2.5 * height
            and below[0] < above[2] and above[0] < below[2])


def _side_by_side(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return (a[2] < b[0] or b[2] < a[0]) and a[1] < b[3] and b[1] < a[3]


def _same_row(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return min(a[3], b[3]) - max(a[1], b[1]) >= 0.5 * min(a[3] - a[1], b[3] - b[1])


def _pair_up(a: list[list[Word]], b: list[list[Word]]) -> bool:
    """Two blocks of a table's columns: most lines of each have a line of the other on their
    row, and one of them holds short lines (at most 5 words in the middle one: figures, rates,
    labels; columns of prose have longer lines)."""
    if min(len(a), len(b)) < 2 or min(sorted(len(x) for x in blk)[len(blk) // 2] for blk in (a, b)) > 5:
        return False
    ra, rb = [_box(x) for x in a], [_box(x) for x in b]
    need = max(2, 0.6 * min(len(a), len(b)))
    return (sum(any(_same_row(x, y) for y in rb) for x in ra) >= need
            and sum(any(_same_row(x, y) for x in ra) for y in rb) >= need)


def _rows(lines: list[list[Word]]) -> list[list[Word]]:
    """Lines of blocks side by side joined into rows, top to bottom, each left to right."""
    rows: list[list[Word]] = []
    for line in sorted(lines, key=lambda ws: _box(ws)[1]):
        if rows and _same_row(_box(rows[-1]), _box(line)):
            rows[-1] += line
        else:
            rows.append(list(line))
    return [sorted(row, key=lambda w: w.left) for row in rows]
