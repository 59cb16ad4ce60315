"""Why an input cannot be processed. Each kind has a plain-French reason for the quarantine."""

from __future__ import annotations

from config.errors import AiguillageError, ExitCode


class UnreadableInput(Exception):
    """The file cannot be read as a document: it goes to quarantine with ``reason``."""

    kind = "unreadable"

    def __init__(self, reason: str, kind: str | None = None):
        super().__init__(reason)
        self.reason = reason
        if kind:
            self.kind = kind


class OcrFailed(Exception):
    """Tesseract failed or timed out on a page."""

    def __init__(self, page: int, reason: str):
        super().__init__(f"page {page} : {reason}")
        self.page = page
        self.reason = reason


class ToolMissing(AiguillageError):
    """A required program (tesseract, pdftoppm) is not installed: the run stops (exit 3)."""

    exit_code = ExitCode.MISSING_TOOL

    def __init__(self, program: str, package: str, message: str | None = None):
        self.program, self.package = program, package
        super().__init__(message or f"programme « {program} » introuvable : installez le paquet Debian {package} "
                         "(make run le fait)")


class LanguageMissing(ToolMissing):
    """A Tesseract language of ``ocr.languages`` is not installed: the run stops before any
    work (exit 3) rather than sending every scan to quarantine."""

    def __init__(self, missing: list[str], languages: str):
        packages = " ".join(f"tesseract-ocr-{lang.lower().replace('_', '-')}" for lang in missing)
        super().__init__("tesseract", packages,
                         f"langue(s) Tesseract {', '.join(missing)} introuvable(s) (réglage ocr.languages : "
                         f"« {languages} ») : installez le(s) paquet(s) Debian {packages}, ou corrigez le réglage")
