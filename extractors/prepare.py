"""Page preparation with OpenCV: upright, straight, clean, so Tesseract reads it well.

Each step is a small function of an 8-bit greyscale image; ``prepare_page`` chains them and
reports what it did. The original image is never modified.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# Parallelism comes from pages in separate workers: OpenCV's own threads would oversubscribe.
cv2.setNumThreads(1)

_ROTATE = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


@dataclass
class Prepared:
    image: np.ndarray
    skew: float  # degrees of rotation applied by deskew
    blank: bool


def prepare_page(grey: np.ndarray, dpi: int) -> Prepared:
    """Blank check, deskew and background flattening. Quarter turns (a page scanned sideways
    or upside down) are left to the OCR pass, which finds them at no extra cost."""
    if is_blank(grey, dpi):
        return Prepared(grey, 0.0, True)
    angle = estimate_skew(grey, dpi)
    straight = rotate_small(grey, angle) if abs(angle) >= 0.1 else grey
    return Prepared(flatten_background(straight), angle, False)


def scale_to_dpi(grey: np.ndarray, dpi: int, target: int) -> np.ndarray:
    if dpi <= target:
        return grey
    f = target / dpi
    return cv2.resize(grey, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)


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
    dark = (core < int(np.median(core)) - 45).astype(np.uint8)
    dark = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    _, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    areas = stats[1:, cv2.CC_STAT_AREA]
    return int(np.sum((areas >= 4) & (areas <= 4000))) < 15


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


def flatten_background(grey: np.ndarray) -> np.ndarray:
    """Remove greyed or uneven backgrounds: divide by a smooth estimate of the paper."""
    h, w = grey.shape
    small = cv2.resize(grey, (max(1, w // 8), max(1, h // 8)), interpolation=cv2.INTER_AREA)
    paper = cv2.medianBlur(cv2.dilate(small, np.ones((3, 3), np.uint8)), 9)
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR)
    flat = cv2.divide(grey, np.maximum(paper, 1), scale=255)
    return flat
