"""Files as the pipeline meets them: names any JSON or store takes, and why the system would
not let us read one, in French."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from config.errors import ERRNO_WORDS

_HEX_PATH = "fs-hex:"


def portable_path(path: str) -> str:
    """``path`` as text any JSON or database takes: a file name that is not valid UTF-8 (a
    scanner's Latin-1 name) is carried as the hex of its bytes, and ``local_path`` brings it
    back."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return _HEX_PATH + os.fsencode(path).hex()


def local_path(token: str) -> Path:
    if token.startswith(_HEX_PATH):
        return Path(os.fsdecode(bytes.fromhex(token[len(_HEX_PATH):])))
    return Path(token)


def shown_path(path: str) -> str:
    """A path as people read it: bytes that are not UTF-8 shown as « � »."""
    return os.fsencode(str(local_path(path))).decode("utf-8", "replace")


LINK_REASON = "lien symbolique refusé : déposez le fichier lui-même, pas un lien"
NOT_REGULAR_REASON = "pas un fichier ordinaire (tube, périphérique ou socket) : rien à lire"


def os_reason(exc: OSError) -> str:
    """Why the system would not let us read a file, in French, without its path."""
    reasons = {**ERRNO_WORDS, errno.EACCES: "accès refusé (droits du fichier)",
               errno.EPERM: "accès refusé (droits du fichier)", errno.ENOENT: "fichier disparu pendant la lecture",
               errno.ELOOP: LINK_REASON, errno.EISDIR: "c'est un dossier, pas un fichier",
               errno.EIO: "erreur de lecture du disque"}
    return "fichier illisible : " + reasons.get(exc.errno, "le système refuse de le lire")
