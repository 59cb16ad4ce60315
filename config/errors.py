"""Every failure a user can cause, with its exit status and what to do, in French.

``ExitCode`` is the one list of the command's exit statuses (README, "Codes de sortie");
``AiguillageError`` is the base of every error of ours that ends a command: it carries its
``exit_code`` and a message that says what to do. The command line (cli/main.py) prints that
message on one line and returns the code; never a traceback. This module is in ``config`` (the
lowest layer) so that every package may raise these errors.
"""

from __future__ import annotations

import errno
from enum import IntEnum


class ExitCode(IntEnum):
    """Exit statuses of ``aiguillage``; each failure kind has its own."""

    OK = 0
    FAILED = 1               # an operation refused (inbox), an altered audit log, an unknown document
    USAGE = 2                # wrong arguments, or a bad setting / configuration file
    MISSING_TOOL = 3         # a program (tesseract, poppler) or a Tesseract language is not installed
    STORAGE_UNAVAILABLE = 4  # the storage server cannot be reached, or keeps failing
    STORAGE_CREDENTIALS = 5  # the storage server refuses the credentials
    MODEL = 6                # the classification model is missing or unusable
    STORAGE_ERROR = 7        # any other storage failure (a refused request, an unusable data folder)
    DISK_FULL = 8            # no space left on a local disk
    FILE_ACCESS = 9          # a local file or folder cannot be read or written (rights, read-only)
    INTERRUPTED = 130        # stopped by Ctrl-C (SIGINT)

    @property
    def meaning(self) -> str:
        return _MEANING[self][0]

    @property
    def fix(self) -> str:
        return _MEANING[self][1]


# (meaning, what to do), in French: for messages and the README's table.
_MEANING: dict[ExitCode, tuple[str, str]] = {
    ExitCode.OK: ("tout a été traité (la quarantaine compte comme traitée)", "rien"),
    ExitCode.FAILED: ("opération refusée (document pris par un autre, introuvable, déjà traité), "
                      "journal d'audit altéré ; ou un défaut du programme (avec sa trace)",
                      "lire la ligne affichée : elle dit pourquoi ; un défaut : le signaler avec sa trace"),
    ExitCode.USAGE: ("erreur d'utilisation ou de configuration",
                     "corriger l'argument, le fichier ou la variable nommés dans le message"),
    ExitCode.MISSING_TOOL: ("programme ou langue Tesseract manquant",
                            "installer le paquet Debian nommé (make run le fait)"),
    ExitCode.STORAGE_UNAVAILABLE: ("serveur de stockage injoignable ou en erreur",
                                   "vérifier que le serveur tourne et le réglage storage.s3.endpoint, "
                                   "puis relancer la même commande"),
    ExitCode.STORAGE_CREDENTIALS: ("identifiants refusés par le serveur de stockage",
                                   "vérifier storage.s3.access_key / storage.s3.secret_key "
                                   "(ou storage.s3.secrets_file) et les droits de la clé"),
    ExitCode.MODEL: ("modèle de classement absent ou inutilisable",
                     "lancer « aiguillage train » (ou installer le paquet nommé)"),
    ExitCode.STORAGE_ERROR: ("autre échec du stockage (requête refusée, dossier de données inutilisable)",
                             "lire la ligne affichée ; détails dans AIGUILLAGE_HOME/logs/aiguillage.log"),
    ExitCode.DISK_FULL: ("disque plein", "libérer de la place (AIGUILLAGE_HOME, dossier temporaire) puis relancer"),
    ExitCode.FILE_ACCESS: ("fichier ou dossier local inaccessible (droits, lecture seule)",
                           "vérifier les droits sur le chemin nommé et sur AIGUILLAGE_HOME"),
    ExitCode.INTERRUPTED: ("interrompu (Ctrl-C)", "relancer la même commande : elle reprend où elle en était"),
}


class AiguillageError(Exception):
    """A failure a user can cause and fix: ``exit_code`` says which kind, the message (in
    French, because staff read it) what went wrong and, with ``fix``, what to do."""

    exit_code: ExitCode = ExitCode.FAILED
    fix: str | None = None  # what to do, when the message itself does not say it

    def __init__(self, message: str = "", *, fix: str | None = None):
        super().__init__(message)
        if fix is not None:
            self.fix = fix

    def user_message(self) -> str:
        """One line for the terminal: the message, then what to do."""
        text = str(self) or self.exit_code.meaning
        if self.fix and self.fix not in text:
            text = f"{text} : {self.fix}"
        return text


class DiskFull(AiguillageError):
    exit_code = ExitCode.DISK_FULL
    fix = ExitCode.DISK_FULL.fix


class FileAccessError(AiguillageError):
    exit_code = ExitCode.FILE_ACCESS
    fix = ExitCode.FILE_ACCESS.fix


DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


def is_disk_full(exc: BaseException | None) -> bool:
    return isinstance(exc, OSError) and exc.errno in DISK_FULL_ERRNOS


# The system's refusals in French words (never the library's English).
ERRNO_WORDS = {errno.EACCES: "accès refusé", errno.EPERM: "opération non permise",
               errno.EROFS: "système de fichiers en lecture seule", errno.ENOENT: "fichier ou dossier introuvable",
               errno.ENOTDIR: "un des dossiers du chemin n'en est pas un", errno.EISDIR: "c'est un dossier",
               errno.EIO: "erreur d'entrée-sortie du disque", errno.EMFILE: "trop de fichiers ouverts",
               errno.ENFILE: "trop de fichiers ouverts", errno.ELOOP: "trop de liens symboliques",
               errno.ENAMETOOLONG: "nom de fichier trop long", errno.ENOSPC: "disque plein",
               errno.EDQUOT: "disque plein"}


def system_reason(exc: OSError) -> str:
    """The system's refusal in French words, with the path."""
    where = f" ({exc.filename})" if exc.filename else ""
    return ERRNO_WORDS.get(exc.errno, f"erreur système n°{exc.errno}") + where


class ConfigError(AiguillageError):
    """A setting, taxonomy, routing rule or registry that cannot be used.

    The message names the file, the key and what is wrong, in French, because staff read it.
    """

    exit_code = ExitCode.USAGE

    def __init__(self, source: str, key: str | None, problem: str):
        self.source = source
        self.key = key
        self.problem = problem
        where = f"{source} : clé « {key} »" if key else source
        super().__init__(f"Configuration invalide : {where} : {problem}")
