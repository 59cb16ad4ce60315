"""What a generated document is made of, before rendering: blocks of text plus ground truth.

A block is one printed line (``line``), a paragraph the renderer wraps (``para``), a table row
(``row``, cells at fixed fractions of the text width), vertical ``space``, a horizontal ``rule``
or a ``pagebreak``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Block:
    kind: str  # line | para | row | space | rule | pagebreak
    text: str = ""
    size: float = 10.0
    bold: bool = False
    align: str = "left"  # left | right | center
    indent: float = 0.0  # fraction of text width
    cells: tuple[tuple[float, str, str], ...] = ()  # (x fraction, text, align)
    box: bool = False  # draw a frame around (totals, important notices)

    @property
    def plain(self) -> str:
        if self.kind == "row":
            return " ".join(c[1] for c in self.cells if c[1])
        return self.text if self.kind in ("line", "para") else ""


@dataclass
class Letterhead:
    """A company or institution's header, drawn as shapes and text."""

    name: str
    color: tuple[float, float, float]
    shape: str  # circle | square | triangle | bars | none
    tagline: str = ""


@dataclass
class DocContent:
    type: str
    urgent: bool
    fields: dict[str, str]
    blocks: list[Block]
    letterhead: Letterhead | None = None
    family: str = "tenant"  # tenant (a letter), supplier (a business form), official, other
    meta: dict[str, Any] = field(default_factory=dict)  # e.g. Factur-X data for invoices

    @property
    def text(self) -> str:
        lines = []
        for b in self.blocks:
            if b.kind in ("line", "para", "row") and b.plain:
                lines.append(b.plain)
        return "\n".join(lines)


def line(text: str, **kw: Any) -> Block:
    return Block("line", text, **kw)


def para(text: str, **kw: Any) -> Block:
    return Block("para", text, **kw)


def row(*cells: tuple[float, str, str], **kw: Any) -> Block:
    return Block("row", cells=tuple(cells), **kw)


def space(lines: float = 1.0) -> Block:
    return Block("space", size=lines)


def rule() -> Block:
    return Block("rule")


def pagebreak() -> Block:
    return Block("pagebreak")
