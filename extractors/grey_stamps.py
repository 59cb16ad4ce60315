"""Stamps on grey pages: the "REÇU LE" stamp of ``extractors.stamps`` scanned, or stored, in grey.

Its ink is then mid-grey: lighter than print, darker than paper. ``find_grey_stamps`` looks for
such strokes away from dark print on a reduced copy of the page (~150 DPI, a few milliseconds),
groups the pieces print crossing the stamp cuts apart, and keeps a group when its grey draws a
thin rectangular frame (closed, or mostly there) around text of the same grey: a box drawn
around print, a logo, a banner, a table's rules are not stamps. The Stamp it gives carries grey
pixels; ``extractors.stamps.remove_stamps`` and ``extractors.stamp_text.read_stamp`` handle it like a coloured one.
"""

from __future__ import annotations

import cv2
import numpy as np

from extractors.stamps import (MAX_CANDIDATES, MAX_FILL, MAX_FRAME, MAX_LONG, MIN_LONG, MIN_SHORT, Stamp,
                               _frame_by_hole, _outline_coverage, _size_ok, _stamp, box_crop)

cv2.setNumThreads(1)

# Grey pages, as shares of the paper's grey level: a stamp's ink (seen through, ~0.3-0.6) lies
# between print (darker than GREY_DARK) and paper with its noise (lighter than GREY_LIGHT).
GREY_DPI = 150  # resolution of the grey search over the whole page
GREY_DARK, GREY_LIGHT = 0.2, 0.7
GREY_NEAR_PRINT = 0.013  # inches: mid-grey this close to dark print is its soft edge, not a stamp
GREY_MIN_FILL = 0.04  # share of the inside covered by the stamp's own grey text (a framed box of print has none)
GREY_COVERAGE = 0.5  # share of the frame's outline in grey ink (print crossing the frame cuts it)
GREY_SPECK = 0.003  # square inches of grey ink: less is a speck (a stamp's letter is ~0.005)
GREY_GAP = 0.12  # inches: pieces of one stamp cut apart by print crossing it
GREY_SAME_INK = 0.12  # frame and text of one stamp: grey levels this close (share of the paper's level)


def _grey_levels(small: np.ndarray) -> tuple[int, int, int]:
    """The paper's grey level (the page's median), and the band of a stamp's grey (lo, hi)."""
    hist = cv2.calcHist([np.ascontiguousarray(small[::4, ::4])], [0], None, [256], [0, 256]).ravel()
    paper = max(64, int(np.searchsorted(np.cumsum(hist), hist.sum() / 2)))
    return paper, int(GREY_DARK * paper), int(GREY_LIGHT * paper)


def _mid_grey(img: np.ndarray, levels: tuple[int, int, int], near: int) -> np.ndarray:
    """255 where ``img`` is a stamp's grey: between print and paper, not within ``near``
    pixels of print (the soft edges of printed strokes pass through the same greys)."""
    _, lo, hi = levels
    _, dark = cv2.threshold(img, lo, 255, cv2.THRESH_BINARY_INV)
    _, light = cv2.threshold(img, hi, 255, cv2.THRESH_BINARY)
    if near > 0:
        dark = cv2.dilate(dark, np.ones((2 * near + 1, 2 * near + 1), np.uint8))
    mid = cv2.bitwise_not(cv2.bitwise_or(dark, light))
    # Specks and hairlines are not a stamp's bold strokes.
    return cv2.morphologyEx(mid, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))


def find_grey_stamps(grey: np.ndarray | None, dpi: int) -> list[Stamp]:
    """The framed stamps on a grey page (H x W, 8-bit): mid-grey strokes (lighter than print,
    darker than paper) drawing a thin rectangular frame, turned or not, around text of the same
    grey. [] for a page without one (a few milliseconds)."""
    if grey is None or grey.ndim != 2 or grey.dtype != np.uint8:
        return []
    step = max(1, int(round(dpi / GREY_DPI)))
    small = _grey_small(grey, step)
    sdpi = dpi / step
    levels = _grey_levels(small)
    ink = _mid_grey(small, levels, max(1, int(round(GREY_NEAR_PRINT * sdpi))))
    if cv2.countNonZero(ink) < 2 * MIN_LONG * sdpi:  # not even a frame's long sides
        return []
    stamps: list[Stamp] = []
    for (x, y), part in _grey_candidates(ink, sdpi):
        if any(o.bounds[0] <= (x + part.shape[1] / 2) * step <= o.bounds[2]
               and o.bounds[1] <= (y + part.shape[0] / 2) * step <= o.bounds[3] for o in stamps):
            continue  # a piece of a stamp already found
        found = _grey_frame(part, sdpi)
        if found is None:
            continue
        (cx, cy), (iw, ih), a, thick = found
        inner = (((x + cx + 0.5) * step - 0.5, (y + cy + 0.5) * step - 0.5), (iw * step, ih * step), a)
        grow = 2 * (thick + 1) * step
        outer = (inner[0], (inner[1][0] + grow, inner[1][1] + grow), a)
        stamp = _measure_grey(grey, inner, outer, levels, dpi)
        if stamp is not None and not any(np.hypot(stamp.center[0] - o.center[0], stamp.center[1] - o.center[1])
                                         < min(o.size) / 2 for o in stamps):
            stamps.append(stamp)
    return stamps


def _grey_small(grey: np.ndarray, step: int) -> np.ndarray:
    """The page at 1/``step`` resolution, each pixel the darker of two samples (one pixel apart
    diagonally): a stamp's frame, a few pixels wide, stays unbroken; a cheap stand-in for the
    darkest pixel of each block."""
    h, w = grey.shape[0] // step, grey.shape[1] // step
    if step < 2:
        return grey
    return np.minimum(grey[0::step, 0::step][:h, :w], grey[step // 2::step, step // 2::step][:h, :w])


def _grey_candidates(ink: np.ndarray, dpi: float):
    """Where a stamp may be: ((x, y), its ink) for groups of mid-grey strokes, largest first,
    then the larger strokes' clusters on their own. Print crossing a stamp cuts its frame and
    text into pieces: pieces are grouped across gaps up to GREY_GAP, leaving specks (the soft
    edges of print, noise) out, which would spoil the frame's rectangle."""
    reach = max(3, int(round(0.06 * dpi))) | 1
    clusters = cv2.dilate(ink, np.ones((reach, reach), np.uint8))
    contours, _ = cv2.findContours(clusters, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    speck = GREY_SPECK * dpi * dpi
    kept = []
    for c in contours:
        x, y, bw, bh = cv2.boundingRect(c)
        if max(bw, bh) >= reach + 0.06 * dpi and cv2.countNonZero(ink[y:y + bh, x:x + bw]) >= speck:
            kept.append((c, (x, y, bw, bh)))
    if not kept:
        return
    pieces = np.zeros_like(ink)
    cv2.drawContours(pieces, [c for c, _ in kept], -1, 255, cv2.FILLED)
    pieces = cv2.bitwise_and(pieces, ink)
    gap = max(3, int(round(GREY_GAP * dpi))) | 1
    groups, _ = cv2.findContours(cv2.dilate(pieces, np.ones((gap, gap), np.uint8)), cv2.RETR_EXTERNAL,
                                 cv2.CHAIN_APPROX_SIMPLE)
    fits = {}
    for c, b in [(c, cv2.boundingRect(c)) for c in groups] + kept:  # a group before its pieces
        if 0.9 * MIN_LONG * dpi <= max(b[2], b[3]) <= 1.2 * MAX_LONG * dpi and min(b[2], b[3]) >= 0.5 * MIN_SHORT * dpi:
            fits.setdefault(b, c)
    for (x, y, bw, bh), contour in sorted(fits.items(), key=lambda bc: -bc[0][2] * bc[0][3])[:MAX_CANDIDATES]:
        area = np.zeros((bh, bw), np.uint8)
        cv2.drawContours(area, [contour], -1, 255, cv2.FILLED, offset=(-x, -y))
        yield (x, y), cv2.bitwise_and(pieces[y:y + bh, x:x + bw], area)


def _grey_frame(ink: np.ndarray, dpi: float):
    """The frame in one cluster of mid-grey ink: a closed outline, else (print crossing the
    frame cuts it) a rectangle whose outline is mostly inked: the one spanned by the rows and
    columns that carry a frame's side (specks or a rule's end caught in the cluster do not
    count), turned as the cluster or one of its large pieces, or the cluster's bounding one."""
    ink = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    found = _frame_by_hole(ink, dpi)
    if found is not None:
        return found
    ys, xs = np.nonzero(ink)
    if len(xs) < 2 * MIN_LONG * dpi:
        return None
    pts = np.column_stack((xs, ys)).astype(np.float32)
    rect = cv2.minAreaRect(pts)
    angles = [rect[2]]
    contours, _ = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    for c in sorted(contours, key=cv2.contourArea, reverse=True)[:3]:
        a = cv2.minAreaRect(c)[2]
        if all(abs((a - b + 45) % 90 - 45) > 1.5 for b in angles):
            angles.append(a)
    for i, a in enumerate(angles):
        dense = _dense_rect(xs, ys, a, dpi)
        tries = [rect] if i == 0 else []
        if dense is not None:
            # Its turn again from the ink inside it alone, then the rectangle as seen at that turn.
            within = _inside(pts, dense, 2)
            if within.sum() >= 4:
                refined = cv2.minAreaRect(pts[within])
                tries = [_dense_rect(xs, ys, refined[2], dpi), refined, dense] + tries
        for outer in tries:
            found = _frame_inwards(ink, outer, dpi) if outer is not None else None
            if found is not None:
                return found
    return None


def _inside(pts: np.ndarray, rect, margin: float) -> np.ndarray:
    """Which points lie in ``rect`` (OpenCV's rotated rectangle) grown by ``margin``."""
    (cx, cy), (rw, rh), a = rect
    t = np.deg2rad(a)
    dx, dy = pts[:, 0] - cx, pts[:, 1] - cy
    u, v = dx * np.cos(t) + dy * np.sin(t), dy * np.cos(t) - dx * np.sin(t)
    return (np.abs(u) <= rw / 2 + margin) & (np.abs(v) <= rh / 2 + margin)


def _dense_rect(xs: np.ndarray, ys: np.ndarray, angle: float, dpi: float):
    """The rectangle turned by ``angle`` (OpenCV's) between the outermost columns, then rows,
    that many ink pixels line up on: a frame's sides do, specks and a crossing hairline do not."""
    t = np.deg2rad(angle)
    c, s = np.cos(t), np.sin(t)
    u, v = xs * c + ys * s, ys * c - xs * s
    spans = []
    for along, across, need in ((u, v, 0.5 * MIN_SHORT * dpi), (v, u, None)):
        if spans:  # rows: only between the columns found, and as long as half the frame's width
            keep = (across >= spans[0][0] - 2) & (across <= spans[0][1] + 2)
            along, need = along[keep], 0.5 * (spans[0][1] - spans[0][0])
        if along.size == 0:
            return None
        lo = along.min()
        counts = np.convolve(np.bincount(np.round(along - lo).astype(np.intp)), np.ones(5) / 5, "same") * 5
        dense = np.flatnonzero(counts >= need)
        if dense.size < 2:
            return None
        spans.append((lo + dense[0], lo + dense[-1]))
    (u0, u1), (v0, v1) = spans
    um, vm = (u0 + u1) / 2, (v0 + v1) / 2
    return (float(um * c - vm * s), float(um * s + vm * c)), (float(u1 - u0 + 1), float(v1 - v0 + 1)), angle


def _frame_inwards(ink: np.ndarray, outer, dpi: float):
    """(centre, inside size, angle, thickness) of a thin frame lying along ``outer`` (its outer
    edge), or None: not of stamp size, outline not mostly inked, or a thick border (a banner,
    a logo)."""
    (cx, cy), (rw, rh), a = outer
    if not _size_ok(rw, rh, dpi):
        return None
    thick = 0
    for k in range(1, int(MAX_FRAME * dpi) + 2):  # inwards from the outer edge
        cover = _outline_coverage(ink, outer, 0.5 - k)
        if cover >= GREY_COVERAGE:
            thick = k
        elif thick or k > 2:
            break
    if not thick or _outline_coverage(ink, outer, 0.5 - thick - 2) >= GREY_COVERAGE:
        return None
    return (cx, cy), (rw - 2 * thick, rh - 2 * thick), a, float(thick)


def _measure_grey(grey: np.ndarray, inner, outer, levels: tuple[int, int, int], dpi: int) -> Stamp | None:
    """The grey stamp's ink at full resolution inside its frame's outer rectangle; None when
    the frame holds no text of its own grey (a box drawn around print)."""
    cut = box_crop(grey, outer)
    if cut is None:
        return None
    (x0, y0), crop, inside = cut
    paper = levels[0]
    strong = cv2.bitwise_and(_mid_grey(crop, levels, max(1, int(round(GREY_NEAR_PRINT * dpi)))), inside)
    _, weak = cv2.threshold(crop, int(0.85 * paper), 255, cv2.THRESH_BINARY_INV)
    # The strokes' soft edges too: pixels a little darker than paper touching the strokes.
    mask = cv2.bitwise_and(cv2.bitwise_and(weak, cv2.dilate(strong, np.ones((3, 3), np.uint8))), inside)
    hole = np.zeros_like(inside)
    cv2.fillConvexPoly(hole, np.round(cv2.boxPoints(inner) - (x0, y0)).astype(np.int32), 255)
    text = cv2.bitwise_and(strong, hole)
    frame = cv2.bitwise_and(strong, cv2.bitwise_not(hole))
    area = cv2.countNonZero(hole)
    if not GREY_MIN_FILL * area <= cv2.countNonZero(text) <= MAX_FILL * area or not cv2.countNonZero(frame):
        return None
    text_level, frame_level = float(np.median(crop[text > 0])), float(np.median(crop[frame > 0]))
    if abs(text_level - frame_level) > GREY_SAME_INK * paper:
        return None
    level = int(np.median(crop[strong > 0]))
    return _stamp(inner, outer, (x0, y0), mask, crop, (level, level, level))
