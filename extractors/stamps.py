"""Coloured rubber stamps ("REÇU LE 12/03/2021 / PATRIMOINE"): find them, take them off the
page before OCR, and read them on their own.

A stamp is saturated ink (red, blue, purple) in a rectangular frame, often turned by up to
±20° and laid over printed text. Left on the page it breaks Tesseract's layout analysis (lines
cut in two, text lost) and its own turned text is misread. So:

* ``find_stamps`` looks for colour on a small copy of the page (~75 DPI, a few milliseconds),
  keeps a colour cluster only when it is a thin rectangular frame (a coloured letterhead or logo
  is not), then measures the stamp's ink at full resolution inside its box only;
* ``remove_stamps`` paints the stamp's coloured ink with paper on the grey page, inside each
  stamp's box only, so the printed text (dark, not coloured) stays;
* ``extractors.stamp_text`` (``stamp_image``, ``read_stamp``) gives the stamp's ink alone,
  black on white and upright, and reads it with Tesseract (one small ``--psm 6`` run).

On a page scanned (or stored) in grey the same stamp is mid-grey: ``extractors.grey_stamps``
finds it (``find_grey_stamps``), and removal and reading here work on its grey levels instead of
colour. ``find_page_stamps`` picks the search that fits the page.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import cv2
import numpy as np

from extractors.imaging import shrink

cv2.setNumThreads(1)
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

DETECT_DPI = 75  # resolution of the colour search over the whole page
FRAME_DPI = 150  # resolution of the frame test, inside a coloured cluster only
MIN_CHROMA = 45  # coloured ink: channels differing by this much once the paper is made white
# Stamp size limits, inches (two lines at 0.16" in a frame are about 2.5" x 0.65").
MIN_LONG, MAX_LONG = 1.0, 6.0
MIN_SHORT, MAX_SHORT = 0.3, 3.0
RECTANGULAR = 0.8  # inside of the frame / its bounding rectangle
FRAME_COVERAGE = 0.75  # share of the frame's outline carrying ink
MAX_FRAME = 0.08  # inches: a thicker coloured border is a banner or a logo, not a stamp
MAX_FILL = 0.45  # share of the inside covered by ink: text is sparse, a logo is solid
MAX_CANDIDATES = 8
HUE_TOLERANCE = 14  # of 256: how far the stamp's ink may stray from its main hue
TEXT_STEP = 15  # grey levels: ink over printed text is at least this much darker than over paper


@dataclass
class Stamp:
    """One stamp, in full-resolution page coordinates."""

    center: tuple[float, float]  # x, y of the frame's centre
    size: tuple[float, float]  # outer width along the text (the long side), height
    inner: tuple[float, float]  # the same inside the frame
    angle: float  # degrees the stamp is turned counter-clockwise on the page (as PIL's rotate)
    origin: tuple[int, int]  # x, y of the top-left corner of ``mask`` on the page
    mask: np.ndarray  # uint8, 255 where the stamp's ink is (frame and text), over ``bounds``
    pixels: np.ndarray  # the page's RGB (grey for a grey stamp) over ``bounds`` (a copy: the page may be let go)
    colour: tuple[int, int, int]  # median RGB of the ink

    @property
    def grey(self) -> bool:
        """Found on a grey page (``pixels`` are grey levels, not RGB)."""
        return self.pixels.ndim == 2

    @property
    def box(self) -> tuple[tuple[float, float], tuple[float, float], float]:
        """The frame's rotated rectangle in OpenCV's form (for ``cv2.boxPoints``)."""
        return self.center, self.size, -self.angle

    @property
    def bounds(self) -> tuple[int, int, int, int]:
        """x0, y0, x1, y1 of ``mask`` on the page."""
        x0, y0 = self.origin
        return x0, y0, x0 + self.mask.shape[1], y0 + self.mask.shape[0]


def chroma(rgb: np.ndarray) -> np.ndarray:
    """How coloured each pixel is: its largest channel minus its smallest (0 for grey)."""
    r, g, b = cv2.split(rgb)
    return cv2.subtract(cv2.max(cv2.max(r, g), b), cv2.min(cv2.min(r, g), b))


def _white_balance(small: np.ndarray) -> np.ndarray:
    """Per-channel look-up table making the paper (each channel's median) white, so that a
    yellowed or tinted sheet has no colour of its own."""
    lut = np.empty((256, 1, 3), np.uint8)
    ramp = np.arange(256, dtype=np.float32)
    sample = np.ascontiguousarray(small[::4, ::4])  # the paper's colour needs few pixels
    for ch in range(3):
        hist = cv2.calcHist([sample], [ch], None, [256], [0, 256]).ravel()
        paper = max(64, int(np.searchsorted(np.cumsum(hist), hist.sum() / 2)))
        lut[:, 0, ch] = np.clip(ramp * (255.0 / paper), 0, 255).astype(np.uint8)
    return lut


def find_stamps(rgb: np.ndarray | None, dpi: int) -> list[Stamp]:
    """The framed coloured stamps on a page (H x W x 3, RGB); [] for a grey page (H x W)."""
    if rgb is None or rgb.ndim != 3 or rgb.shape[2] < 3:
        return []
    if rgb.shape[2] > 3:
        rgb = np.ascontiguousarray(rgb[..., :3])
    step = max(1, int(round(dpi / DETECT_DPI)))
    h, w = rgb.shape[:2]
    small = cv2.resize(rgb, (max(1, w // step), max(1, h // step)), interpolation=cv2.INTER_NEAREST)
    lut = _white_balance(small)
    _, ink = cv2.threshold(chroma(cv2.LUT(small, lut)), MIN_CHROMA - 1, 255, cv2.THRESH_BINARY)
    if cv2.countNonZero(ink) < MIN_LONG * dpi / step:
        return []
    # Frame and text of a stamp, a logo and its coloured name: one cluster each.
    sdpi = dpi / step
    reach = max(3, int(round(0.06 * sdpi))) | 1
    clusters = cv2.dilate(ink, np.ones((reach, reach), np.uint8))
    contours, _ = cv2.findContours(clusters, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    boxes = [cv2.boundingRect(c) for c in contours]
    big = sorted((b for b in boxes if max(b[2], b[3]) >= 0.9 * MIN_LONG * sdpi
                  and min(b[2], b[3]) >= 0.5 * MIN_SHORT * sdpi), key=lambda b: -b[2] * b[3])
    stamps: list[Stamp] = []
    for x, y, bw, bh in big[:MAX_CANDIDATES]:
        m = 2 * step
        bounds = (max(0, x * step - m), max(0, y * step - m),
                  min(w, (x + bw) * step + m), min(h, (y + bh) * step + m))
        stamp = _stamp_in(rgb, bounds, dpi, lut)
        if stamp is not None and not any(np.hypot(stamp.center[0] - o.center[0], stamp.center[1] - o.center[1])
                                         < min(o.size) / 2 for o in stamps):
            stamps.append(stamp)
    return stamps


def _stamp_in(rgb: np.ndarray, bounds: tuple[int, int, int, int], dpi: int, lut: np.ndarray) -> Stamp | None:
    """The stamp in a coloured cluster's bounds, if the cluster is one."""
    x0, y0, x1, y1 = bounds
    crop = rgb[y0:y1, x0:x1]
    f = min(1.0, FRAME_DPI / dpi)
    fdpi = dpi * f
    work = shrink(crop, f) if f < 1 else crop
    _, ink = cv2.threshold(chroma(cv2.LUT(work, lut)), MIN_CHROMA - 1, 255, cv2.THRESH_BINARY)
    ink = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))
    found = _frame_by_hole(ink, fdpi) or _frame_by_outline(ink, fdpi)
    if found is None:
        return None
    (cx, cy), (iw, ih), a, thick = found
    s = 1 / f
    inner = ((x0 + (cx + 0.5) * s - 0.5, y0 + (cy + 0.5) * s - 0.5), (iw * s, ih * s), a)
    grow = 2 * (thick + 1) * s
    outer = (inner[0], (inner[1][0] + grow, inner[1][1] + grow), a)
    return _measure(rgb, inner, outer, lut)


def _outline_coverage(ink: np.ndarray, rect, grow: float) -> float:
    """Share of points along ``rect`` grown by ``grow`` pixels each side that fall on ink."""
    (cx, cy), (rw, rh), a = rect
    corners = cv2.boxPoints(((cx, cy), (rw + 2 * grow, rh + 2 * grow), a))
    pts = []
    for i in range(4):
        p, q = corners[i], corners[(i + 1) % 4]
        n = max(4, int(np.hypot(*(q - p)) / 2))
        t = np.linspace(0, 1, n, endpoint=False)[:, None]
        pts.append(p + t * (q - p))
    pts = np.round(np.concatenate(pts)).astype(int)
    h, w = ink.shape
    ok = (pts[:, 0] >= 0) & (pts[:, 0] < w) & (pts[:, 1] >= 0) & (pts[:, 1] < h)
    hits = np.zeros(len(pts), bool)
    hits[ok] = ink[pts[ok, 1], pts[ok, 0]] > 0
    return float(hits.mean())


def _size_ok(rw: float, rh: float, dpi: float, slack: float = 0.0) -> bool:
    long, short = max(rw, rh) / dpi, min(rw, rh) / dpi
    return MIN_LONG - slack <= long <= MAX_LONG and MIN_SHORT - slack <= short <= MAX_SHORT


def _frame_thickness(ink: np.ndarray, rect, dpi: float) -> float | None:
    """Pixels of ink around ``rect`` (the inside of a frame); None when no thin frame is there."""
    thick, on_frame = 0.0, False
    for k in range(1, int(MAX_FRAME * dpi) + 2):
        cover = _outline_coverage(ink, rect, k - 0.5)
        if cover >= FRAME_COVERAGE:
            thick, on_frame = float(k), True
        elif on_frame and cover < 0.5:  # past the frame's outer edge: paper again
            return thick
    return None


def _frame_by_hole(ink: np.ndarray, dpi: float):
    """A closed frame: the inside of a coloured outline is a hole, rectangular, of stamp size."""
    contours, hierarchy = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return None
    best = None
    for cnt, (_, _, _, parent) in zip(contours, hierarchy[0]):
        if parent < 0 or len(cnt) < 4:
            continue
        rect = cv2.minAreaRect(cnt)
        (rw, rh) = rect[1]
        if not _size_ok(rw, rh, dpi, 0.1) or cv2.contourArea(cnt) < RECTANGULAR * rw * rh:
            continue
        thick = _frame_thickness(ink, rect, dpi)
        if thick is not None and (best is None or rw * rh > best[1][0] * best[1][1]):
            best = (*rect, thick)
    return best


def _frame_by_outline(ink: np.ndarray, dpi: float):
    """A frame with a gap (worn stamp): one coloured component lying along its own
    bounding rectangle's outline."""
    contours, _ = cv2.findContours(ink, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    for cnt in sorted(contours, key=cv2.contourArea, reverse=True)[:3]:
        x, y, bw, bh = cv2.boundingRect(cnt)
        component = np.zeros((bh, bw), np.uint8)
        cv2.drawContours(component, [cnt], -1, 255, cv2.FILLED, offset=(-x, -y))
        ys, xs = np.nonzero(cv2.bitwise_and(component, ink[y:y + bh, x:x + bw]))
        pts = np.column_stack((xs + x, ys + y)).astype(np.float32)
        (cx, cy), (rw, rh), a = cv2.minAreaRect(pts)
        if not _size_ok(rw, rh, dpi):
            continue
        t = np.deg2rad(a)
        dx, dy = pts[:, 0] - cx, pts[:, 1] - cy
        du = rw / 2 - np.abs(dx * np.cos(t) + dy * np.sin(t))
        dv = rh / 2 - np.abs(-dx * np.sin(t) + dy * np.cos(t))
        band = MAX_FRAME * dpi
        if ((du <= band) | (dv <= band)).mean() < 0.8:
            continue
        thick = max(1.0, min(band, 0.03 * dpi))
        inner = ((cx, cy), (rw - 2 * thick, rh - 2 * thick), a)
        if _outline_coverage(ink, inner, thick / 2) >= FRAME_COVERAGE:
            return (*inner, thick)
    return None


def box_crop(image: np.ndarray, outer) -> tuple[tuple[int, int], np.ndarray, np.ndarray] | None:
    """The part of ``image`` holding the turned rectangle ``outer`` (OpenCV's form): its
    top-left corner on the page, the crop, and a mask of the rectangle's inside; None when
    the rectangle is too small to hold a stamp."""
    h, w = image.shape[:2]
    corners = cv2.boxPoints(outer)
    x0, y0 = np.maximum(np.floor(corners.min(axis=0)).astype(int), 0)
    x1, y1 = np.minimum(np.ceil(corners.max(axis=0)).astype(int) + 1, (w, h))
    if x1 - x0 < 8 or y1 - y0 < 8:
        return None
    crop = image[y0:y1, x0:x1]
    inside = np.zeros(crop.shape[:2], np.uint8)
    cv2.fillConvexPoly(inside, np.round(corners - (x0, y0)).astype(np.int32), 255)
    return (int(x0), int(y0)), crop, inside


def _measure(rgb: np.ndarray, inner, outer, lut: np.ndarray) -> Stamp | None:
    """The stamp's ink at full resolution inside its frame's outer rectangle."""
    cut = box_crop(rgb, outer)
    if cut is None:
        return None
    (x0, y0), crop, inside = cut
    c = chroma(cv2.LUT(crop, lut))
    _, strong = cv2.threshold(c, MIN_CHROMA - 1, 255, cv2.THRESH_BINARY)
    _, weak = cv2.threshold(c, MIN_CHROMA // 2 - 1, 255, cv2.THRESH_BINARY)
    # The strokes' soft edges too: weakly coloured pixels touching strongly coloured ones.
    mask = cv2.bitwise_and(cv2.bitwise_and(weak, cv2.dilate(strong, np.ones((3, 3), np.uint8))), inside)
    # One ink: coloured print of another hue under the stamp (a letterhead) is not the stamp's.
    hue = cv2.cvtColor(crop, cv2.COLOR_RGB2HSV_FULL)[..., 0]
    counts = np.bincount(hue[cv2.bitwise_and(strong, inside) > 0], minlength=256).astype(np.float32)
    if counts.sum() == 0:
        return None
    smooth = np.convolve(np.concatenate((counts[-4:], counts, counts[:4])), np.ones(9), "valid")
    off = (hue.astype(np.int16) - int(np.argmax(smooth))) % 256
    mask[np.minimum(off, 256 - off) > HUE_TOLERANCE] = 0
    strong[mask == 0] = 0
    hole = np.zeros_like(inside)
    cv2.fillConvexPoly(hole, np.round(cv2.boxPoints(inner) - (x0, y0)).astype(np.int32), 255)
    text = cv2.countNonZero(cv2.bitwise_and(strong, hole))
    if text == 0 or text > MAX_FILL * cv2.countNonZero(hole):
        return None
    ys, xs = np.nonzero(strong)
    colour = tuple(int(v) for v in np.median(crop[ys, xs], axis=0))
    return _stamp(inner, outer, (x0, y0), mask, crop, colour)


def _stamp(inner, outer, origin: tuple[int, int], mask: np.ndarray, crop: np.ndarray, colour) -> Stamp:
    """A Stamp from its frame's inner and outer rotated rectangles (OpenCV's form)."""
    (cx, cy), (iw, ih), a = inner
    ow, oh = outer[1]
    if iw >= ih:
        angle, inner_size, outer_size = -a, (iw, ih), (ow, oh)
    else:
        angle, inner_size, outer_size = 90 - a, (ih, iw), (oh, ow)
    angle = (angle + 90) % 180 - 90  # the long side's turn, in [-90, 90)
    return Stamp(center=(float(cx), float(cy)), size=tuple(map(float, outer_size)),
                 inner=tuple(map(float, inner_size)), angle=float(angle), origin=(int(origin[0]), int(origin[1])),
                 mask=mask, pixels=crop.copy(), colour=colour)


def find_page_stamps(grey: np.ndarray, colour: np.ndarray | None, dpi: int) -> list[Stamp]:
    """A scanned page's stamps: coloured ones when the page has its colour (``colour``, RGB),
    else grey ones on ``grey``."""
    if colour is not None and colour.ndim == 3:
        return find_stamps(colour, dpi)
    from extractors.grey_stamps import find_grey_stamps  # it builds on this module

    return find_grey_stamps(grey, dpi)


def remove_stamps(grey: np.ndarray, stamps: list[Stamp], trace: int = 0) -> np.ndarray:
    """``grey`` with each stamp's ink painted over with paper, inside the stamp's box only.
    Printed text stays: around the stamp it is dark and not coloured (not mid-grey), so not in the mask;
    under the stamp's strokes it shows through the semi-transparent ink, darker than the ink
    over bare paper, and is kept. With ``trace`` > 0 the stamp stays faintly visible, at most
    ``trace`` grey levels under the paper: too pale for the OCR's binarisation, still there for
    a reader of the page image. A new array when there is a stamp, ``grey`` itself otherwise."""
    if not stamps:
        return grey
    out = grey.copy()
    for stamp in stamps:
        x0, y0, x1, y1 = stamp.bounds
        region = out[y0:y1, x0:x1]
        core = stamp.mask > 0
        # The strokes' soft edges as well, one pixel out.
        ink = cv2.dilate(stamp.mask, np.ones((3, 3), np.uint8)) > 0
        clean = region[~ink]
        paper = int(np.percentile(clean, 90)) if clean.size else 255
        over_paper = float(np.median(region[core]))
        # Semi-transparent ink lets the paper through: its palest channel over paper tells
        # how much, so how much darker the ink gets where it lies over printed text.
        see_through = over_paper if stamp.grey else float(np.median(stamp.pixels[core].min(axis=1)))
        step = max(TEXT_STEP, 0.4 * see_through)
        under_text = cv2.blur(region, (3, 3)) < over_paper - step
        erase = ink & ~under_text
        if trace > 0:
            depth = np.clip((paper - region[erase].astype(np.float32)) / max(1.0, paper - over_paper), 0, 1)
            region[erase] = np.clip(paper - trace * depth, 0, 255).astype(np.uint8)
        else:
            region[erase] = paper
    return out
