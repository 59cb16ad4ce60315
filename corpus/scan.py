"""Scanner simulation: rasterise a PDF, then degrade each page like a tired office scanner.

Degradations: greyed or tinted paper, skew (±3°), quarter-turn rotations, noise and specks,
blur, "REÇU LE ..." stamps in red or blue, JPEG artefacts, sometimes fax-like binarisation.
All randomness comes from the ``random.Random`` passed in, so output is reproducible.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from pdf2image import convert_from_bytes
from PIL import Image, ImageDraw, ImageFont

STAMP_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


@dataclass
class PageScan:
    image: np.ndarray  # H x W x 3 uint8 (RGB) or H x W (grey)
    rotation: int = 0  # quarter-turn applied (degrees counter-clockwise), to be undone by readers
    skew: float = 0.0
    stamp: str = ""


def rasterise(pdf: bytes, dpi: int) -> list[np.ndarray]:
    return [np.asarray(im.convert("RGB")) for im in convert_from_bytes(pdf, dpi=dpi)]


def _stamp_layer(rng: random.Random, text_lines: list[str], dpi: int, color: tuple[int, int, int]) -> Image.Image:
    size = int(dpi * 0.16)
    font = ImageFont.truetype(str(STAMP_FONT), size) if STAMP_FONT.is_file() else ImageFont.load_default()
    widths = [font.getbbox(t)[2] for t in text_lines]
    pad = size // 2
    w, h = max(widths) + 2 * pad, len(text_lines) * int(size * 1.5) + 2 * pad
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    alpha = rng.randint(170, 230)
    d.rectangle((2, 2, w - 3, h - 3), outline=color + (alpha,), width=max(2, size // 8))
    for i, t in enumerate(text_lines):
        d.text(((w - widths[i]) // 2, pad + i * int(size * 1.5)), t, font=font, fill=color + (alpha,))
    return layer.rotate(rng.uniform(-20, 20), expand=True, resample=Image.BICUBIC)


def add_stamp(rng: random.Random, img: np.ndarray, lines: list[str], dpi: int) -> np.ndarray:
    color = rng.choice(((200, 30, 40), (30, 60, 170), (150, 20, 90)))
    layer = _stamp_layer(rng, lines, dpi, color)
    base = Image.fromarray(img).convert("RGBA")
    H, W = img.shape[:2]
    x = rng.randint(W // 3, max(W // 3, W - layer.width - 10))
    y = rng.randint(10, max(10, H // 3 - layer.height // 2))
    base.alpha_composite(layer, (x, y))
    return np.asarray(base.convert("RGB"))


def _skew(img: np.ndarray, angle: float) -> np.ndarray:
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    border = (255, 255, 255) if img.ndim == 3 else 255
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                          borderValue=border)


def _noise(nrng: np.random.Generator, shape: tuple[int, int], sigma: float) -> np.ndarray:
    """Gaussian noise from a tiled, randomly offset 512-pixel patch (fast at 300 DPI)."""
    tile = (nrng.standard_normal((512, 512), dtype=np.float32) * sigma).astype(np.int16)
    reps = (shape[0] // 512 + 2, shape[1] // 512 + 2)
    big = np.tile(tile, reps)
    oy, ox = int(nrng.integers(0, 512)), int(nrng.integers(0, 512))
    return big[oy:oy + shape[0], ox:ox + shape[1]]


def degrade(rng: random.Random, img: np.ndarray, dpi: int, *, stamp: list[str] | None = None,
            allow_rotation: bool = True, strength: float | None = None) -> PageScan:
    """One scanned page from a clean RGB raster."""
    nrng = np.random.default_rng(rng.getrandbits(32))
    strength = rng.uniform(0.2, 1.0) if strength is None else strength
    out = img
    stamp_text = ""
    if stamp:
        out = add_stamp(rng, out, stamp, dpi)
        stamp_text = "\n".join(stamp)
    colour = rng.random() < 0.35 or bool(stamp)
    if not colour:
        out = cv2.cvtColor(out, cv2.COLOR_RGB2GRAY)
    if rng.random() < 0.5:  # greyed paper
        out = cv2.convertScaleAbs(out, alpha=rng.uniform(0.8, 0.98))
    if colour and rng.random() < 0.4:  # yellowed paper
        out = out.copy()
        out[..., 2] = cv2.convertScaleAbs(out[..., 2], alpha=rng.uniform(0.88, 0.97))
    angle = round(rng.uniform(-3, 3) * strength, 2)
    if abs(angle) > 0.05:
        out = _skew(out, angle)
    else:
        angle = 0.0
    if rng.random() < 0.5:
        k = rng.choice((3, 3, 5))
        out = cv2.GaussianBlur(out, (k, k), 0)
    noise = _noise(nrng, out.shape[:2], rng.uniform(2, 12) * strength)
    f = out.astype(np.int16)
    f += noise[..., None] if f.ndim == 3 else noise
    n_specks = int(out.shape[0] * out.shape[1] * 0.0002 * strength)
    ys = nrng.integers(0, out.shape[0], n_specks)
    xs = nrng.integers(0, out.shape[1], n_specks)
    f[ys, xs] = int(nrng.integers(0, 90))
    out = np.clip(f, 0, 255).astype(np.uint8)
    if not colour and rng.random() < 0.15:  # fax-like
        out = np.where(out > rng.randint(150, 190), 255, 0).astype(np.uint8)
    elif rng.random() < 0.6:
        ok, enc = cv2.imencode(".jpg", out if out.ndim == 2 else cv2.cvtColor(out, cv2.COLOR_RGB2BGR),
                               [cv2.IMWRITE_JPEG_QUALITY, rng.randint(25, 70)])
        dec = cv2.imdecode(enc, cv2.IMREAD_UNCHANGED)
        out = dec if dec.ndim == 2 else cv2.cvtColor(dec, cv2.COLOR_BGR2RGB)
    rotation = 0
    if allow_rotation and rng.random() < 0.12:
        rotation = rng.choice((90, 180, 270))
        out = np.ascontiguousarray(np.rot90(out, rotation // 90))
    return PageScan(out, rotation, angle, stamp_text)


def blank_page(rng: random.Random, dpi: int) -> np.ndarray:
    """The back of a sheet through a duplex scanner: paper grey, noise, a few specks."""
    nrng = np.random.default_rng(rng.getrandbits(32))
    h, w = int(11.69 * dpi), int(8.27 * dpi)
    f = np.full((h, w), int(rng.uniform(225, 250)), np.int16) + _noise(nrng, (h, w), rng.uniform(1, 5))
    n = int(h * w * 0.00003)
    f[nrng.integers(0, h, n), nrng.integers(0, w, n)] = int(nrng.integers(60, 160))
    return np.clip(f, 0, 255).astype(np.uint8)


def to_pil(arr: np.ndarray) -> Image.Image:
    return Image.fromarray(arr, "L" if arr.ndim == 2 else "RGB")


def images_to_file(images: list[np.ndarray], fmt: str, dpi: int) -> bytes:
    """Write pages as an image-only PDF, a multi-page TIFF, or a PNG/JPEG (first page only)."""
    pils = [to_pil(a) for a in images]
    buf = io.BytesIO()
    if fmt == "pdf":
        from corpus.pdfimages import images_pdf
        return images_pdf(pils, dpi)
    if fmt == "tiff":
        pils = [p if p.mode == "1" else p.convert("L") for p in pils]
        pils[0].save(buf, "TIFF", save_all=True, append_images=pils[1:], compression="jpeg", quality=60,
                     dpi=(dpi, dpi))
    elif fmt == "png":
        pils[0].save(buf, "PNG", dpi=(dpi, dpi), optimize=False)
    elif fmt == "jpeg":
        pils[0].save(buf, "JPEG", quality=80, dpi=(dpi, dpi))
    else:
        raise ValueError(fmt)
    return buf.getvalue()
