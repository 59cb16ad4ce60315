"""Page preparation with OpenCV: upright, straight, clean, so Tesseract reads it well.

Each step is a small function of an 8-bit greyscale image; ``prepare_page`` chains them and
reports what it did. The original image is never modified.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extractors.imaging import shrink
from extractors.separator import is_separator_page, may_be_separator

# Parallelism comes from pages in separate workers: OpenCV's own threads would oversubscribe.
cv2.setNumThreads(1)

NONTEXT_INK = 0.30  # ink share above which a page is a photograph or noise, not mail
DARK_PAGE = 64  # median grey level under which a page without marks is black, not blank
EVEN_PAPER = 24  # grey levels between the paper's lightest and darkest parts: one shade

_ROTATE = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


@dataclass
class Prepared:
    image: np.ndarray
    skew: float  # degrees of rotation applied by deskew
    blank: bool
    separator: bool = False
    dark: bool = False  # blank because all dark: a black page (lid open, no paper), not white paper
    nontext: bool = False  # no text to read: ink everywhere, as in a photograph or pure noise


def prepare_page(grey: np.ndarray, dpi: int) -> Prepared:
    """Separator and blank checks, deskew and background flattening. Quarter turns (a page
    scanned sideways or upside down) are left to the OCR pass, which finds them at no extra cost.

    Every check looks at one 150-DPI copy of the page, made once: the full-resolution page is
    only touched to straighten and flatten it (this runs once per page, beside Tesseract)."""
    small = scale_to_dpi(grey, dpi, 150)
    small_dpi = min(dpi, 150)
    if may_be_separator(small, small_dpi) and is_separator_page(grey):
        return Prepared(grey, 0.0, False, separator=True)
    dark = _median(small) < DARK_PAGE
    if not dark and ink_share(small) > NONTEXT_INK:
        return Prepared(grey, 0.0, True, nontext=True)
    if is_blank(small, small_dpi):
        return Prepared(grey, 0.0, True, dark=dark)
    angle = estimate_skew(small, small_dpi)
    flat = flatten_background(grey, small)  # before turning: the paper's estimate then fits exactly
    return Prepared(rotate_small(flat, angle) if abs(angle) >= 0.1 else flat, angle, False)


def scale_to_dpi(grey: np.ndarray, dpi: int, target: int) -> np.ndarray:
    if dpi <= target:
        return grey
    f = target / dpi
    return shrink(grey, f)


def ink_mask(grey: np.ndarray) -> np.ndarray:
    """Dark marks (text, lines) as 255 on 0, with specks of noise removed."""
    _, mask = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))


def is_blank(grey: np.ndarray, dpi: int) -> bool:
    """True when the page carries no text: scanner noise, specks, a faint bleed-through.

    Ink is what is clearly darker than the paper (faded print included); a page with fewer
    than 15 character-sized marks inside its margins is blank.
    """
    small = scale_to_dpi(grey, dpi, 150)
    h, w = small.shape
    core = small[int(h * 0.05): int(h * 0.95), int(w * 0.05): int(w * 0.95)]
    if core.size == 0:
        return True
    _, dark = cv2.threshold(core, _median(core) - 45 - 1, 1, cv2.THRESH_BINARY_INV)  # < median - 45
    dark = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    # Outlines of the marks (a tenth of the cost of labelling every pixel); stop at the 15th.
    contours, _ = cv2.findContours(dark, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    marks = 0
    for contour in contours:
        _, _, bw, bh = cv2.boundingRect(contour)
        if 4 <= bw * bh <= 6000:
            marks += 1
            if marks >= 15:
                return False
    return True


def ink_share(grey: np.ndarray) -> float:
    """Share of the page clearly darker than its paper (the lightest tenth). Printed or written
    mail covers 1 to 10 % of its page; a photograph or scanner noise, a third or more."""
    counts = cv2.calcHist([grey], [0], None, [256], [0, 256]).ravel().cumsum()
    paper = int(np.searchsorted(counts, counts[-1] * 0.9))
    return float(counts[max(0, paper - 46)]) / max(1.0, float(counts[-1]))


def _median(grey: np.ndarray) -> int:
    """Median of an 8-bit image from its histogram (a sort of every pixel costs ten times more)."""
    counts = cv2.calcHist([grey], [0], None, [256], [0, 256]).ravel().cumsum()
    return int(np.searchsorted(counts, counts[-1] / 2))


def rotate_right_angle(grey: np.ndarray, degrees: int) -> np.ndarray:
    return cv2.rotate(grey, _ROTATE[degrees]) if degrees in _ROTATE else grey


def estimate_skew(grey: np.ndarray, dpi: int, max_angle: float = 6.0) -> float:
    """Angle in degrees (counter-clockwise positive) that makes text lines straight.

    Projection profiles: text lines give the sharpest histogram when level. Rows and columns
    are both scored, so a page scanned sideways is straightened just as well. The ink's pixel
    coordinates are projected at each angle (no image is rotated), which keeps it cheap.
    """
    small = scale_to_dpi(grey, dpi, 100)
    ys, xs = np.nonzero(ink_mask(small))
    if len(xs) < 50:
        return 0.0
    h, w = small.shape
    xs = xs.astype(np.float32) - w / 2
    ys = ys.astype(np.float32) - h / 2
    size = int(np.hypot(h, w)) + 2

    def sharpness(coord: np.ndarray) -> float:
        profile = np.bincount((coord + size / 2).astype(np.int32), minlength=size).astype(np.float64)
        return float(np.sum(np.diff(profile) ** 2))

    def score(angle: float) -> float:
        # Coordinates of the ink once the page is turned ``angle`` degrees counter-clockwise
        # (as cv2.getRotationMatrix2D turns it, y pointing down).
        t = np.deg2rad(angle)
        c, s = np.cos(t), np.sin(t)
        return max(sharpness(ys * c - xs * s), sharpness(xs * c + ys * s))

    best = max(np.arange(-max_angle, max_angle + 1e-9, 0.5), key=score)
    fine = max(np.arange(best - 0.4, best + 0.4 + 1e-9, 0.1), key=score)
    return round(float(fine), 2)


def rotate_small(img: np.ndarray, angle: float, border: int = 255) -> np.ndarray:
    h, w = img.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(img, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                          borderValue=border)


def flatten_background(grey: np.ndarray, small: np.ndarray | None = None) -> np.ndarray:
    """Remove greyed or uneven backgrounds: divide by a smooth estimate of the paper, made on
    an eighth of the page (from ``small``, a downscaled copy of ``grey``, when given). Paper of
    one even shade (most scans) is simply brought to white through a lookup table, a third of
    the cost of dividing every pixel, for the same reading."""
    h, w = grey.shape
    small = cv2.resize(grey if small is None else small, (max(1, w // 8), max(1, h // 8)),
                       interpolation=cv2.INTER_AREA)
    paper = np.maximum(cv2.medianBlur(cv2.dilate(small, np.ones((3, 3), np.uint8)), 9), 1)
    low, high = np.percentile(paper, [5, 95])
    if high - low <= EVEN_PAPER:
        level = max(float(np.median(paper)), 1.0)
        return cv2.LUT(grey, np.clip(np.arange(256) * (255.0 / level), 0, 255).astype(np.uint8))
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(grey, paper, scale=255)
