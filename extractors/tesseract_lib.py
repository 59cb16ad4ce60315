"""Tesseract as a library: models loaded once per engine, then page after page.

The ``tesseract`` command loads its models for every page it reads (French and English: about
0.16 s of CPU, a fifth of a page's OCR). Here engines of Tesseract's own C API
(``libtesseract.so.5``, the library the command is built on) are kept in a pool and lent to
one page at a time: the same recognition, the same hOCR and PDF renderers, the same output
byte for byte, without the reload. One engine per concurrent page; each runs on one thread
(OMP_THREAD_LIMIT=1) and the GIL is released while it reads, so page workers in threads or in
processes both use every core.

Tesseract's and Leptonica's messages go to /dev/null: the CLI's output stays clean; failures
come back as return codes and are reported by the caller.
"""

from __future__ import annotations

import atexit
import ctypes
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import numpy as np

# One thread an engine, whatever the environment says: libgomp reads this when libtesseract
# first loads it (nothing else in the pipeline loads it before).
os.environ["OMP_THREAD_LIMIT"] = "1"

_P = ctypes.c_void_p
_S = ctypes.c_char_p
_I = ctypes.c_int
_PROTOTYPES = {
    "TessBaseAPICreate": ([], _P),
    "TessBaseAPIInit3": ([_P, _S, _S], _I),
    "TessBaseAPIEnd": ([_P], None),
    "TessBaseAPIDelete": ([_P], None),
    "TessBaseAPISetVariable": ([_P, _S, _S], _I),
    "TessBaseAPIGetDatapath": ([_P], _S),
    "TessBaseAPISetPageSegMode": ([_P, _I], None),
    "TessBaseAPIClearAdaptiveClassifier": ([_P], None),
    "TessResultRendererBeginDocument": ([_P, _S], _I),
    "TessResultRendererAddImage": ([_P, _P], _I),
    "TessResultRendererEndDocument": ([_P], _I),
    "TessBaseAPISetImage": ([_P, _P, _I, _I, _I, _I], None),
    "TessBaseAPISetSourceResolution": ([_P, _I], None),
    "TessBaseAPIRecognize": ([_P, _P], _I),
    "TessBaseAPIGetUTF8Text": ([_P], _P),
    "TessBaseAPIClear": ([_P], None),
    "TessDeleteText": ([_P], None),
    "TessMonitorCreate": ([], _P),
    "TessMonitorDelete": ([_P], None),
    "TessMonitorSetDeadlineMSecs": ([_P, _I], None),
    "TessHOcrRendererCreate": ([_S], _P),
    "TessPDFRendererCreate": ([_S, _S, _I], _P),
    "TessResultRendererInsert": ([_P, _P], None),
    "TessDeleteResultRenderer": ([_P], None),
}
_RENDERERS = ("hocr", "pdf")


class LibraryUnavailable(Exception):
    """libtesseract cannot be loaded: the ``tesseract`` command is used instead."""


class EngineFailed(Exception):
    """Tesseract could not start (missing language data) or could not read a page."""


_lib = None
_lib_lock = threading.Lock()


def library():
    """The loaded C API (raises LibraryUnavailable)."""
    global _lib
    with _lib_lock:
        if _lib is None:
            try:
                lib = ctypes.CDLL("libtesseract.so.5")
                for name, (args, result) in _PROTOTYPES.items():
                    fn = getattr(lib, name)
                    fn.argtypes, fn.restype = args, result
            except (OSError, AttributeError) as exc:
                raise LibraryUnavailable(str(exc)) from None
            _quiet_leptonica()
            _lib = lib
    return _lib


def available() -> bool:
    try:
        library()
    except LibraryUnavailable:
        return False
    return True


def wanted(engine: str) -> bool:
    """Whether to read with the library: asked for (``ocr.engine``) and loadable; otherwise
    the ``tesseract`` command is run instead."""
    return engine == "library" and available()


def _quiet_leptonica() -> None:
    try:
        lept = ctypes.CDLL("liblept.so.5")
        lept.setMsgSeverity.argtypes, lept.setMsgSeverity.restype = [_I], _I
        lept.setMsgSeverity(6)  # L_SEVERITY_NONE
    except (OSError, AttributeError):
        pass


class Engine:
    """One TessBaseAPI with its languages loaded. Not shared between threads: see ``engine``."""

    def __init__(self, languages: str):
        self.lib = library()
        self.languages = languages
        self.handle = self.lib.TessBaseAPICreate()
        self.lib.TessBaseAPISetVariable(self.handle, b"debug_file", os.devnull.encode())
        if self.lib.TessBaseAPIInit3(self.handle, None, languages.encode()) != 0:
            self.close()
            raise EngineFailed(f"langues Tesseract « {languages} » introuvables : installez les "
                               "paquets tesseract-ocr-<langue> (make run le fait)")
        self.datapath = self.lib.TessBaseAPIGetDatapath(self.handle)

    def render(self, image: np.ndarray, outbase: Path, outputs: tuple[str, ...], psm: int, dpi: int,
               timeout: float) -> None:
        """Read an 8-bit grey image into ``outbase``.hocr / .pdf, as ``tesseract IMAGE outbase
        --psm psm --dpi dpi hocr pdf`` would (the same renderers: the same files); the image is
        handed over in memory. Raise EngineFailed on an error or when ``timeout`` passes."""
        lib, h = self.lib, self.handle
        first = None
        try:
            for kind in outputs:
                if kind not in _RENDERERS:
                    raise ValueError(f"sortie Tesseract inconnue : {kind}")
                r = (lib.TessHOcrRendererCreate(str(outbase).encode()) if kind == "hocr"
                     else lib.TessPDFRendererCreate(str(outbase).encode(), self.datapath, 0))
                if first is None:
                    first = r
                else:
                    lib.TessResultRendererInsert(first, r)
            kept = self._recognise(image, psm, dpi, timeout)  # noqa: F841 - alive until rendered
            if first is not None and not (lib.TessResultRendererBeginDocument(first, b"")
                                          and lib.TessResultRendererAddImage(first, h)
                                          and lib.TessResultRendererEndDocument(first)):
                raise EngineFailed("écriture impossible dans le dossier de travail (disque plein ?)")
        finally:
            if first is not None:
                lib.TessDeleteResultRenderer(first)  # closes the files, frees the chain
            lib.TessBaseAPIClear(h)

    def _recognise(self, image: np.ndarray, psm: int, dpi: int, timeout: float) -> np.ndarray:
        lib, h = self.lib, self.handle
        img = np.ascontiguousarray(image, dtype=np.uint8)
        if img.ndim != 2 or img.size == 0:
            raise EngineFailed("image vide ou qui n'est pas en niveaux de gris")
        lib.TessBaseAPIClearAdaptiveClassifier(h)  # a page's result never depends on the one before
        lib.TessBaseAPISetPageSegMode(h, psm)
        lib.TessBaseAPISetVariable(h, b"user_defined_dpi", str(dpi).encode())
        lib.TessBaseAPISetImage(h, img.ctypes.data, img.shape[1], img.shape[0], 1, img.strides[0])
        lib.TessBaseAPISetSourceResolution(h, dpi)
        monitor = lib.TessMonitorCreate()
        try:
            lib.TessMonitorSetDeadlineMSecs(monitor, max(1, int(timeout * 1000)))
            if lib.TessBaseAPIRecognize(h, monitor) != 0:
                raise EngineFailed(f"lecture interrompue : délai de {timeout:g} s dépassé")
        finally:
            lib.TessMonitorDelete(monitor)
        return img  # kept alive by the caller while Tesseract may still look at it

    def text(self, image: np.ndarray, psm: int, dpi: int, timeout: float) -> str:
        """The text of an 8-bit grey image (``tesseract IMAGE - --psm psm``)."""
        lib, h = self.lib, self.handle
        try:
            self._recognise(image, psm, dpi, timeout)
            raw = lib.TessBaseAPIGetUTF8Text(h)
            try:
                return ctypes.string_at(raw).decode("utf-8", errors="replace") if raw else ""
            finally:
                if raw:
                    lib.TessDeleteText(raw)
        finally:
            lib.TessBaseAPIClear(h)

    def close(self) -> None:
        if self.handle:
            self.lib.TessBaseAPIEnd(self.handle)
            self.lib.TessBaseAPIDelete(self.handle)
            self.handle = None


_cpu = [0.0]  # CPU seconds spent inside engines, this process (for the benchmark's split)
_idle: dict[str, list[Engine]] = {}
_all: list[Engine] = []
_pool_lock = threading.Lock()


@contextmanager
def engine(languages: str) -> Iterator[Engine]:
    """An engine with ``languages`` loaded, for the caller alone until the block ends. Engines
    are made on demand (one per page read at the same time) and kept for the next page. No
    malloc_trim after a page: handing Tesseract's freed memory back to the system costs it
    0.065 s a page in page faults when it takes it again (measured), for a peak barely lower."""
    with _pool_lock:
        idle = _idle.setdefault(languages, [])
        e = idle.pop() if idle else None
    started = time.thread_time()  # Tesseract reads in the calling thread: its CPU is this thread's
    try:
        if e is None:
            e = Engine(languages)
            with _pool_lock:
                _all.append(e)
        yield e
    finally:
        with _pool_lock:
            _cpu[0] += time.thread_time() - started
            if e is not None and e.handle:
                _idle.setdefault(languages, []).append(e)


def cpu_seconds() -> float:
    """CPU time spent in Tesseract's engines by this process so far (loading included)."""
    with _pool_lock:
        return _cpu[0]


def engines_loaded() -> int:
    with _pool_lock:
        return len(_all)


@atexit.register
def close_all() -> None:
    """End every idle engine (else Tesseract's caches complain of leaks on stderr at exit). An
    engine still reading (a thread left behind by an interrupted run) is left alone: ending it
    under its reader would crash the process."""
    with _pool_lock:
        engines = [e for idle in _idle.values() for e in idle]
        _idle.clear()
        _all[:] = [e for e in _all if e not in engines]
    for e in engines:
        e.close()


def _after_fork() -> None:
    # A forked worker must not share its parent's engines: start with none.
    global _pool_lock
    _pool_lock = threading.Lock()
    _idle.clear()
    _all.clear()


os.register_at_fork(after_in_child=_after_fork)
