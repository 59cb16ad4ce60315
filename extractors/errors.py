"""Why an input cannot be processed. Each kind has a plain-French reason for the quarantine."""

from __future__ import annotations


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


class ToolMissing(Exception):
    """A required program (tesseract, pdftoppm) is not installed."""

    exit_code = 3

    def __init__(self, program: str, package: str):
        super().__init__(f"programme « {program} » introuvable : installez le paquet Debian {package} "
                         "(make run le fait)")
