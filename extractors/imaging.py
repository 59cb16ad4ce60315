"""Small image operations shared by the page stages."""

from __future__ import annotations

import cv2
import numpy as np


def shrink(img: np.ndarray, factor: float, interpolation: int = cv2.INTER_AREA) -> np.ndarray:
    """``img`` scaled by ``factor`` (< 1), never to less than one pixel a side: a strip of a
    few pixels must not become an empty image that OpenCV refuses."""
    h, w = img.shape[:2]
    size = (max(1, int(round(w * factor))), max(1, int(round(h * factor))))
    return cv2.resize(img, size, interpolation=interpolation)
