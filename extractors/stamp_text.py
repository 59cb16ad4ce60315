"""Reading a stamp found by ``extractors.stamps``: its ink alone, black on white and upright,
read by one small Tesseract run, and its lines put at the end of the page's text."""

from __future__ import annotations

import cv2
import numpy as np

from extractors import tesseract_lib
from extractors.stamps import Stamp, chroma


def upright_angle(stamp: Stamp, page_rotation: int = 0) -> float:
    """Degrees to turn the stamp clockwise so that its text reads left to right. Its frame
    gives its turn only up to a half turn: on a page scanned sideways or upside down, the
    page's own rotation (clockwise degrees making it upright, as the OCR finds it) settles it;
    otherwise the stamp is taken to be within a quarter turn of level."""
    for angle in (stamp.angle, stamp.angle + 180):
        if -90 < (angle - page_rotation + 180) % 360 - 180 <= 90:
            return angle % 360
    return stamp.angle % 360


def stamp_image(stamp: Stamp, page_rotation: int = 0) -> np.ndarray:
    """The stamp's ink alone, black on white, turned upright and cropped inside its frame: an
    8-bit grey image ready for OCR. Printed text under the stamp is not coloured (or, on a grey
    page, darker than the stamp's grey), so not there."""
    x0, y0, _, _ = stamp.bounds
    if stamp.grey:  # darkness; the mask leaves out the paper
        strength = 255.0 - stamp.pixels.astype(np.float32)
    else:
        strength = chroma(stamp.pixels).astype(np.float32)
    ink = stamp.mask > 0
    full = float(np.percentile(strength[ink], 75)) if ink.any() else 255.0
    dark = np.clip(strength / max(full, 1.0) * 255.0, 0, 255)
    dark[~ink] = 0
    img = (255 - dark).astype(np.uint8)
    # Turn about the stamp's centre and cut the inside of the frame (a few pixels in from it).
    angle = upright_angle(stamp, page_rotation)
    cx, cy = stamp.center[0] - x0, stamp.center[1] - y0
    iw, ih = stamp.inner
    margin = max(2.0, 0.25 * (stamp.size[1] - ih))  # the frame's soft inner edge
    w, h = int(iw - 2 * margin), int(ih - 2 * margin)
    m = cv2.getRotationMatrix2D((cx, cy), -angle, 1.0)
    m[0, 2] += w / 2 - cx
    m[1, 2] += h / 2 - cy
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                          borderValue=255)


def read_stamp(stamp: Stamp, dpi: int, page_rotation: int = 0, languages: str = "fra", timeout: float = 30,
               engine: str = "library") -> str:
    """The stamp's text, its lines joined by "\\n" ("" when nothing legible): one small
    Tesseract reading (``--psm 6``, one block of text) of ``stamp_image``, by the library's
    engine or the ``tesseract`` command (see ``extractors.ocr.ocr_page``)."""
    img = stamp_image(stamp, page_rotation)
    if img.size == 0:
        return ""
    pad = max(8, dpi // 20)
    img = cv2.copyMakeBorder(img, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    text = _read_block(img, dpi, languages, timeout, engine)
    lines = []
    for line in text.splitlines():
        words = line.split()
        # Marks without a letter or digit at either end: specks or bits of the frame.
        while words and not any(ch.isalnum() for ch in words[0]):
            words.pop(0)
        while words and not any(ch.isalnum() for ch in words[-1]):
            words.pop()
        if words:
            lines.append(" ".join(words))
    return "\n".join(lines)


def _read_block(img: np.ndarray, dpi: int, languages: str, timeout: float, engine: str) -> str:
    """One block of text; "" when Tesseract fails or times out (the page keeps its own text)."""
    if tesseract_lib.wanted(engine):
        try:
            with tesseract_lib.engine(languages) as e:
                return e.text(img, psm=6, dpi=dpi, timeout=timeout)
        except tesseract_lib.EngineFailed:
            return ""
    import pytesseract
    from PIL import Image

    try:
        return pytesseract.image_to_string(Image.fromarray(img), lang=languages,
                                           config=f"--psm 6 --dpi {dpi}", timeout=timeout)
    except (RuntimeError, pytesseract.TesseractError):
        return ""


def with_stamp_text(text: str, readings: list[str]) -> str:
    """A page's OCR text with its stamps' text at the end, one line per stamp line."""
    lines = [line for reading in readings for line in reading.splitlines() if line.strip()]
    if not lines:
        return text
    return (text.rstrip("\n") + "\n" if text.strip() else "") + "\n".join(lines) + "\n"
