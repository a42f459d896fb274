"""Placing a row's cells by where they are printed, when an empty cell left no mark.

``pdftotext -layout`` prints each table row as one line, its cells apart by spaces: an
empty cell is only a wider gap (``4  0   0   30        37    71``: six numbers for seven
columns). The character grid it lays a line on is not the same all down a table: rows of
one block of the table share it, but a row under a wrapped label or in another group may
sit several characters off (measured on LibreOffice PDFs: columns 4–9 characters apart
from one group of rows to the next).

So a short row is placed only by its **neighbours**: the nearest complete row above it and
the nearest below it (all cells printed, on one spaced line). A neighbour *fits* when it
puts every printed cell of the row within :data:`TOLERANCE` of its own columns (absolute
positions), one cell per column, in order; the row is placed when at least one neighbour
fits and all that fit agree (a neighbour on another grid does not fit: its columns are
characters off). The columns left over are the empty cells. Otherwise nothing is placed:
the row is reported, never guessed.
"""

from __future__ import annotations

import bisect

from xxgk.extract.tokens import Token

TOLERANCE = 1.0  # characters: one grid's centred numbers of 1–4 digits lie ±0.5 apart


def _centre(tok: Token) -> float:
    return tok.column + len(tok.text) / 2


def on_one_text_line(tokens: list[Token], lines) -> bool:
    """All on one plain text line that is split by spaces (no tabs or pipes)."""
    if not tokens or len({t.line for t in tokens}) != 1 or tokens[0].fragment_source is not None:
        return False
    line = lines[tokens[0].line]
    return line.cells is None and "\t" not in line.text and "|" not in line.text


class Layout:
    """The complete rows of one table printed on spaced lines: their cells' centres."""

    def __init__(self) -> None:
        self.rows: dict[int, list[tuple[int, list[float]]]] = {}  # columns → (line, centres)

    def learn(self, tokens: list[Token]) -> None:
        if all(t.text for t in tokens):
            rows = self.rows.setdefault(len(tokens), [])
            bisect.insort(rows, (tokens[0].line, [_centre(t) for t in tokens]))

    def place(self, tokens: list[Token], columns: int) -> list[Token] | None:
        """``columns`` tokens (blanks where nothing is printed), or None when not certain."""
        rows = self.rows.get(columns, [])
        if not tokens or len(tokens) >= columns or not rows:
            return None
        line = tokens[0].line
        at = bisect.bisect_left(rows, (line, []))
        neighbours = [rows[i][1] for i in (at - 1, at) if 0 <= i < len(rows)]
        fits = [(p, c) for c in neighbours if (p := _assign(tokens, c)) is not None]
        if not fits or any(p != fits[0][0] for p, _c in fits[1:]):
            return None
        placed, centres = fits[0]
        by_column = dict(zip(placed, tokens, strict=True))
        return [
            by_column.get(c) or Token("", line, max(1, round(centres[c]))) for c in range(columns)
        ]


def _assign(tokens: list[Token], centres: list[float]) -> tuple[int, ...] | None:
    """The column of each token by the neighbour's centres, or None when one is off."""
    out: list[int] = []
    for tok in tokens:
        x = _centre(tok)
        column = min(range(len(centres)), key=lambda c: abs(centres[c] - x))
        if abs(centres[column] - x) > TOLERANCE or (out and column <= out[-1]):
            return None
        out.append(column)
    return tuple(out)
