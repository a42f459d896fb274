"""The intermediate document every reader produces and the extractor consumes.

A :class:`Document` is a sequence of :class:`Line` s in reading order. A line is
either plain text (``cells is None`` — the extractor splits it by the text layout:
tabs, pipes, one cell per line, spaces) or a grid row whose cells the reader
already knows (HTML ``<tr>``, DOCX table row, a PDF row rebuilt from positions).

Readers put each merged (row/col-spanned) cell **once**, at its first row and
column, with ``span`` set; an empty cell (``&nbsp;``, blank) is a fragment with
``text == ""``. Readers never interpret labels or numbers; they only keep text and
where it was found.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xxgk.model import Source


@dataclass(slots=True)
class Fragment:
    """One cell of a grid row (or a piece of text) and where it was found."""

    text: str
    source: Source
    span: tuple[int, int] = (1, 1)  # (rowspan, colspan) as printed


@dataclass(slots=True)
class Line:
    text: str
    source: Source
    cells: list[Fragment] | None = None  # None: a plain text line

    @property
    def is_row(self) -> bool:
        return self.cells is not None


@dataclass(slots=True)
class Document:
    lines: list[Line]
    path: str | None = None
    format: str = "text"  # text | html | docx | doc | pdf | ocr | xlsx
    # Cells a reader is unsure of (OCR): id(fragment) is not stable, so keep sources.
    low_confidence: list[tuple[Source, str, float]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # reader remarks worth a finding

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)
