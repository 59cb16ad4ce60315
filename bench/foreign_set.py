"""The foreign evaluation set: mail that our generator did not write, rendered as the scanning
station would see it.

The documents under ``bench/foreign/`` were written by people (helpers) who read only SPEC.md
and the landlord's own account, never ``corpus/``, the model or the extractors; each is a JSON
file: its pages' text, a style (serif, sans, mono or handwriting) and its labels (type,
urgency, fields as SPEC.md normalises them). Nothing here is ever trained on.

This module only lays them out and scans them: pages drawn with reportlab (a line starting
with ">>" is right-aligned; handwriting styles use Debian's handwriting fonts, installed by
``make bench-setup``), then put through the corpus scanner simulation (``corpus.scan``:
grey or yellowed paper, skew, noise, blur, JPEG, « REÇU LE » stamps, quarter turns). A share
of supplier documents stays born-digital, as vendors send them. Some files hold several
documents with no separator sheet between them, and a few are not documents at all (noise,
blank, black pages, photographs), to measure separation and quarantine.

Rendering is deterministic for a seed and cached: the truths have the same shape as the
generated corpus's (``corpus/files.py``), so ``bench/accuracy.py`` measures both alike.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent / "foreign"
BLIND_ROOT = Path(__file__).resolve().parent / "blind"  # written later by other helpers; never read to write a rule
RENDER_VERSION = "2"  # 2: a letter the font lacks is written without its accent, not left out
DPI = 300
FONT_DIRS = (Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts/opentype"))
FONTS = {
    "serif": ("dejavu/DejaVuSerif.ttf", "liberation/LiberationSerif-Regular.ttf", "freefont/FreeSerif.ttf"),
    "sans": ("dejavu/DejaVuSans.ttf", "liberation/LiberationSans-Regular.ttf", "freefont/FreeSans.ttf"),
    "mono": ("dejavu/DejaVuSansMono.ttf", "liberation/LiberationMono-Regular.ttf", "freefont/FreeMono.ttf"),
    "handwriting": ("fifthhorseman/dkg.ttf", "breip/Breip.ttf", "femkeklaver/femkeklaver.ttf",
                    "humor-sans/Humor-Sans.ttf", "ecolier-court/Ecolier-court.ttf"),
}
BAD_KINDS = ("noise", "noise", "blank", "blank", "black", "black", "photo", "photo")


def load_documents(root: Path = ROOT) -> list[dict]:
    docs = []
    for f in sorted(root.glob("*/*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        d["group"] = f.parent.name
        docs.append(d)
    return docs


def _font(style: str, rng: random.Random) -> tuple[str, str]:
    """A registered reportlab font name and its file for ``style`` (falls back to sans)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    choices = [str(base / rel) for rel in FONTS.get(style, FONTS["sans"]) for base in FONT_DIRS
               if (base / rel).is_file()]
    if not choices:
        choices = [str(base / rel) for rel in FONTS["sans"] for base in FONT_DIRS if (base / rel).is_file()]
    path = rng.choice(choices)
    name = "F-" + Path(path).stem
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, path))
    return name, path


def _runs(line: str, font: str) -> list[tuple[str, str]]:
    """The line as (text, font) runs a hand would write: a letter the font has no glyph for
    (Humor Sans has no accented letter, several hands no « € ») is written without its accent
    (« MÈRE » as « MERE », never « MRE »), « œ » as « oe », and what has no such form in the
    sans font (« € »)."""
    import unicodedata

    from reportlab.pdfbase import pdfmetrics

    glyphs = pdfmetrics.getFont(font).face.charToGlyph
    runs: list[tuple[str, str]] = []
    for ch in line:
        use, text = font, ch
        if ord(ch) not in glyphs and not ch.isspace():
            base = unicodedata.normalize("NFD", ch)[0]
            text = {"œ": "oe", "Œ": "OE"}.get(ch, base)
            if not all(ord(c) in glyphs for c in text):
                use, text = _font("sans", random.Random(0))[0], ch
        if runs and runs[-1][1] == use:
            runs[-1] = (runs[-1][0] + text, use)
        else:
            runs.append((text, use))
    return runs


def _draw(c, runs: list[tuple[str, str]], x: float, y: float, size: float, right_aligned: bool) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widths = [stringWidth(text, font, size) for text, font in runs]
    x = x - sum(widths) if right_aligned else x
    for (text, font), w in zip(runs, widths):
        c.setFont(font, size)
        c.drawString(x, y, text)
        x += w


def render_pdf(doc: dict, rng: random.Random) -> bytes:
    """The document's pages laid out on A4 as written."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    style = doc.get("style", {}).get("font", "sans")
    font, _ = _font(style, rng)
    hand = style == "handwriting"
    size = {"mono": 8.6, "handwriting": 12.5}.get(style, rng.choice((9.5, 10, 10.5)))
    lead = size * (1.5 if hand else 1.28)
    width, height = A4
    left, right, top = 52 + rng.uniform(-8, 12), width - 48, height - 56
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for text in doc["pages"]:
        y = top
        for raw in text.split("\n"):
            aligned_right = raw.startswith(">>")
            line = raw[2:].strip() if aligned_right else raw.rstrip()
            runs = _runs(line, font)
            s = size
            while line and sum(stringWidth(t, f, s) for t, f in runs) > right - left and s > 5:
                s -= 0.25
            c.setFont(font, s)
            if hand:  # a hand does not keep to the line
                c.setFillGray(rng.uniform(0.05, 0.3))
            if aligned_right:
                _draw(c, runs, right, y, s, True)
            else:
                _draw(c, runs, left + (rng.uniform(-3, 3) if hand else 0), y + (rng.uniform(-1.5, 1.5) if hand else 0),
                      s, False)
            y -= lead
            if y < 40:
                break  # the writer kept to a page; a longer page is cut, as the paper would be
        c.showPage()
    c.save()
    return buf.getvalue()


def _stamp(rng: random.Random) -> list[str]:
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    return [f"REÇU LE {day:02d}/{month:02d}/2020", rng.choice(("PATRIMOINE", "COURRIER ARRIVÉE"))]


def scan_pages(pdf: bytes, rng: random.Random) -> list[np.ndarray]:
    from corpus.scan import degrade, rasterise

    out = []
    for i, raster in enumerate(rasterise(pdf, DPI)):
        stamp = _stamp(rng) if i == 0 and rng.random() < 0.3 else None
        out.append(degrade(rng, raster, DPI, stamp=stamp).image)
    return out


def bad_page(kind: str, rng: random.Random) -> np.ndarray:
    """A page that is no document: what a scanner gives with no paper, a photo, pure noise."""
    import cv2

    nrng = np.random.default_rng(rng.getrandbits(32))
    h, w = int(11.69 * DPI), int(8.27 * DPI)
    if kind == "noise":
        return nrng.integers(0, 256, (h, w), dtype=np.uint8)
    if kind == "black":
        return np.clip(nrng.normal(rng.uniform(8, 30), 4, (h, w)), 0, 255).astype(np.uint8)
    if kind == "blank":
        from corpus.scan import blank_page
        return blank_page(rng, DPI)
    small = nrng.normal(128, 60, (12, 9, 3)).clip(0, 255).astype(np.uint8)  # a photograph: smooth colour fields
    photo = cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)
    return np.clip(photo.astype(np.int16) + nrng.normal(0, 6, photo.shape).astype(np.int16), 0, 255).astype(np.uint8)


def _truth(doc: dict, pages: list[int], scanned: bool) -> dict:
    from config.taxonomy import load_taxonomy

    label = doc["label"]
    queue = load_taxonomy().type(label["type"]).queue
    return {"type": label["type"], "queue": queue, "urgent": bool(label.get("urgent")),
            "fields": dict(label.get("fields", {})), "pages": pages, "scanned": scanned, "facturx": False,
            "id": doc["id"], "group": doc["group"]}


def _file_truth(fmt: str, documents: list[dict], page_count: int, bad: str | None = None) -> dict:
    return {"format": fmt, "page_count": page_count, "documents": documents, "separator_pages": [],
            "blank_pages": [], "bad_input": bad}


def build(folder: Path, seed: int = 2026, multi_files: int = 12, root: Path = ROOT) -> dict:
    """Render every document of ``root`` into ``folder``; returns the manifest (files and their truths)."""
    from corpus.scan import images_to_file

    rng = random.Random(seed)
    docs = load_documents(root)
    order = list(range(len(docs)))
    rng.shuffle(order)
    multi_pool = [i for i in order if docs[i]["group"] != "supplier" or rng.random() < 0.5][: multi_files * 3]
    groups = []
    while multi_pool and len(groups) < multi_files:
        n = rng.choice((2, 2, 3))
        groups.append(multi_pool[:n])
        multi_pool = multi_pool[n:]
    in_multi = {i for g in groups for i in g}
    files = []
    folder.mkdir(parents=True, exist_ok=True)

    def write(name: str, data: bytes, truth: dict) -> None:
        (folder / name).write_bytes(data)
        (folder / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
        files.append({"file": name, "truth": f"{name}.truth.json"})

    for i in order:
        if i in in_multi:
            continue
        doc = docs[i]
        pdf = render_pdf(doc, rng)
        pages = list(range(1, len(doc["pages"]) + 1))
        if doc["group"] == "supplier" and rng.random() < 0.35:  # sent as a PDF by the vendor
            write(f"{doc['id']}.pdf", pdf, _file_truth("pdf", [_truth(doc, pages, False)], len(pages)))
            continue
        images = scan_pages(pdf, rng)
        fmt = rng.choice(("pdf", "pdf", "tiff")) if len(images) > 1 else rng.choice(("pdf", "tiff", "jpeg", "png"))
        ext = {"jpeg": "jpg"}.get(fmt, fmt)
        write(f"{doc['id']}.{ext}", images_to_file(images, fmt, DPI),
              _file_truth(fmt, [_truth(doc, pages, True)], len(images)))
    for n, group in enumerate(groups, start=1):
        images, truths = [], []
        for i in group:
            doc = docs[i]
            scanned = scan_pages(render_pdf(doc, rng), rng)
            first = len(images) + 1
            images += scanned
            truths.append(_truth(doc, list(range(first, len(images) + 1)), True))
        write(f"multi-{n:02d}.pdf", images_to_file(images, "pdf", DPI), _file_truth("pdf", truths, len(images)))
    for n, kind in enumerate(BAD_KINDS, start=1):
        fmt = rng.choice(("pdf", "png", "jpeg"))
        ext = {"jpeg": "jpg"}.get(fmt, fmt)
        write(f"pas-un-document-{n:02d}-{kind}.{ext}", images_to_file([bad_page(kind, rng)], fmt, DPI),
              _file_truth(fmt, [], 1, bad=kind))
    manifest = {"seed": seed, "files": files, "documents": len(docs)}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def digest(seed: int, root: Path = ROOT) -> str:
    """Changes whenever a source document, the renderer or the seed changes."""
    h = hashlib.sha256(f"{RENDER_VERSION}:{seed}".encode())
    for f in sorted(root.glob("*/*.json")):
        h.update(f.read_bytes())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:16]


def rendered(cache: Path, seed: int = 2026, root: Path = ROOT, multi_files: int = 12) -> tuple[Path, dict]:
    """The rendered set, from the cache when the sources have not changed."""
    folder = cache / f"{root.name}-{digest(seed, root)}"
    manifest = folder / "manifest.json"
    if manifest.is_file():
        return folder, json.loads(manifest.read_text(encoding="utf-8"))
    return folder, build(folder, seed, multi_files, root)
