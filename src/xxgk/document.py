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


class Line:
    """One line of the document: plain text (``cells is None``) or a grid row.

    A text line may be made with only its 1-based ``number``: its :class:`Source` is then
    built the first time it is asked for — most lines of a report never are, and a cell's
    source is built straight from the number (:meth:`at`), so a text report of 300 lines
    does not pay for 300 Source objects."""

    __slots__ = ("_source", "cells", "number", "text")

    def __init__(
        self,
        text: str,
        source: Source | None = None,
        cells: list[Fragment] | None = None,
        number: int | None = None,
    ) -> None:
        self.text = text
        self._source = source
        self.cells = cells
        self.number = number

    @property
    def source(self) -> Source:
        src = self._source
        if src is None:
            src = self._source = Source(self.number, 1)
        return src

    @source.setter
    def source(self, value: Source) -> None:
        self._source = value

    def at(self, column: int) -> Source:
        """The source of a piece that starts at 1-based character ``column`` of this line."""
        src = self._source
        if src is None:
            return Source(self.number, column)
        return Source(src.line, (src.column or 1) - 1 + column, src.page)

    @property
    def is_row(self) -> bool:
        return self.cells is not None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Line):
            return NotImplemented
        return (self.text, self.source, self.cells) == (other.text, other.source, other.cells)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaced

    def __repr__(self) -> str:
        return f"Line(text={self.text!r}, source={self.source!r}, cells={self.cells!r})"


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
