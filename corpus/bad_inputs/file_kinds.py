"""Kinds that are no document at all, links and special files, odd names."""

from __future__ import annotations

import gzip
import os
import random
import zipfile

from PIL import Image

from corpus.bad_inputs.builders import (
    good_pdf,
    letter_grey,
)
from corpus.bad_inputs.registry import HANDLED, QUARANTINED, kind

# --- not a document at all ---

@kind("empty", ".pdf", QUARANTINED, "0 octet")
def _empty(p): p.write_bytes(b"")


@kind("one-byte", ".pdf", QUARANTINED, "a single '%'")
def _one_byte(p): p.write_bytes(b"%")


@kind("random-bytes", ".pdf", QUARANTINED, "64 KiB of random bytes")
def _random(p): p.write_bytes(random.Random(13).randbytes(64 << 10))


@kind("text-as-pdf", ".pdf", QUARANTINED, "a plain UTF-8 text named .pdf")
def _text(p): p.write_text("Madame, Monsieur,\nVoici ma lettre en texte brut, pas un PDF.\n" * 20, encoding="utf-8")


@kind("html-as-pdf", ".pdf", QUARANTINED, "an HTML page (a web 'download' saved as .pdf)")
def _html(p):
    p.write_text("<!DOCTYPE html><html><head><title>Erreur 404</title></head><body><h1>Page introuvable</h1>"
                 "<p>Le document demandé n'existe pas.</p></body></html>\n", encoding="utf-8")


@kind("gif-named-png", ".png", QUARANTINED, "a GIF image: a format the pipeline does not take")
def _gif(p): Image.fromarray(letter_grey(100)).convert("P").save(p, "GIF")


@kind("zip-named-pdf", ".pdf", QUARANTINED, "a ZIP archive holding a letter PDF: its header shows a few bytes in")
def _zip_pdf(p):
    with zipfile.ZipFile(p, "w", zipfile.ZIP_STORED) as z:
        z.writestr("lettre.pdf", good_pdf("zip-pdf"))


@kind("zip-named-zip", ".zip", QUARANTINED, "a ZIP archive holding a letter PDF; a folder walk skips .zip, "
      "so the test names it on the command line")
def _zip_zip(p):
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("lettre.pdf", good_pdf("zip-zip"))


@kind("gzip-named-pdf", ".pdf", QUARANTINED, "a gzip of a letter PDF, named .pdf")
def _gzip(p): p.write_bytes(gzip.compress(good_pdf("gzip"), mtime=0))


# --- links and special files ---

@kind("symlink-etc-hostname", ".pdf", QUARANTINED, "a symbolic link to /etc/hostname: never followed")
def _symlink(p): os.symlink("/etc/hostname", p)


@kind("dangling-symlink", ".pdf", QUARANTINED, "a symbolic link to nothing")
def _dangling(p): os.symlink(p.parent / "absent-nulle-part.pdf", p)


@kind("fifo", ".pdf", QUARANTINED, "a named pipe: opening it to read would block for ever")
def _fifo(p): os.mkfifo(p)



# --- names ---

def _long_name(prefix: str) -> bytes:
    head = prefix.encode() + "très-long-nom-é".encode("latin-1") + b"\xff\xfe-"  # not UTF-8
    return head + b"x" * (250 - len(head) - 4) + b".pdf"


@kind("long-non-utf8-name", ".pdf", HANDLED, "a good letter whose 250-byte name is not UTF-8 (Latin-1 é, "
      "bytes FF FE)", filename=_long_name)
def _long(p): p.write_bytes(good_pdf("nom-long"))


@kind("leading-dash-name", ".pdf", HANDLED, "a good letter whose name starts with '-' (looks like an option)",
      filename=lambda prefix: ("-" + prefix + "commence-par-un-tiret.pdf").encode())
def _dash(p): p.write_bytes(good_pdf("tiret"))
