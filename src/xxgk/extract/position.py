"""Placing a row's cells by where they are printed, when an empty cell left no mark.

``pdftotext -layout`` prints each table row as one line, its cells apart by spaces: an
empty cell is only a wider gap (``4  0   0   30        37    71``: six numbers for seven
columns). The label's width varies from row to row (CJK characters are not as wide as the
grid pdftotext lays text on), but between the numbers there are only digits and spaces, so
the *distances* between a row's cells are the same in every row of the table.

The table's complete rows (all cells printed on one line) give each column's centre
relative to the row's last cell. A short row is placed when exactly one choice of column
for its last cell puts every printed cell within :data:`TOLERANCE` of a distinct column's
centre; the columns left over are its empty cells. When columns are evenly spaced, a row
whose first or last cell is empty fits shifted by a column too: then the reading whose
cells sit where the complete rows printed theirs (absolute positions; pdftotext keeps them
within a character or so) wins, if every other reading is at least a column off. Otherwise
nothing is placed (the row is reported, never guessed).
"""

from __future__ import annotations

from statistics import median

from xxgk.extract.tokens import Token

TOLERANCE = 1.0  # characters: centred numbers of 1–4 digits print their centres ±0.5 apart


def _centre(tok: Token) -> float:
    return tok.column + len(tok.text) / 2


def on_one_text_line(tokens: list[Token], lines) -> bool:
    """All on one plain text line that is split by spaces (no tabs or pipes)."""
    if not tokens or len({t.line for t in tokens}) != 1 or tokens[0].fragment_source is not None:
        return False
    line = lines[tokens[0].line]
    return line.cells is None and "\t" not in line.text and "|" not in line.text


class Layout:
    """Column centres learned from one table's complete rows, per column count."""

    def __init__(self) -> None:
        self.samples: dict[int, list[list[float]]] = {}
        self.absolute: dict[int, list[float]] = {}  # the last column's centre, per row

    def learn(self, tokens: list[Token]) -> None:
        if all(t.text for t in tokens):
            last = _centre(tokens[-1])
            self.samples.setdefault(len(tokens), []).append([_centre(t) - last for t in tokens])
            self.absolute.setdefault(len(tokens), []).append(last)

    def offsets(self, columns: int) -> list[float] | None:
        rows = self.samples.get(columns)
        if not rows or len(rows) < 2:
            return None
        return [median(r[c] for r in rows) for c in range(columns)]

    def place(self, tokens: list[Token], columns: int) -> list[Token] | None:
        """``columns`` tokens (blanks where nothing is printed), or None when not certain."""
        offsets = self.offsets(columns)
        if offsets is None or not tokens or len(tokens) >= columns:
            return None
        gaps = [b - a for a, b in zip(offsets, offsets[1:], strict=False)]
        if min(gaps) <= 2 * TOLERANCE:
            return None
        found = [p for p in (_assign(tokens, offsets, k) for k in range(columns)) if p]
        if len(found) > 1:  # evenly spaced columns: the shifted reading fits as well
            found = self._by_absolute(found, offsets, min(gaps))
        if len(found) != 1:
            return None
        placed, base = found[0]
        line = tokens[-1].line
        return [
            placed.get(c) or Token("", line, max(1, round(base + offsets[c])))
            for c in range(columns)
        ]

    def _by_absolute(self, found, offsets: list[float], gap: float):
        """The one reading whose columns sit where the complete rows printed them (within
        :data:`TOLERANCE` × 2), when every other reading is at least a column off."""
        last = median(self.absolute[len(offsets)])
        errors = sorted((abs(base + offsets[-1] - last), i) for i, (_p, base) in enumerate(found))
        best, second = errors[0][0], errors[1][0]
        if best <= 2 * TOLERANCE and second >= best + gap - 2 * TOLERANCE:
            return [found[errors[0][1]]]
        return []


def _assign(
    tokens: list[Token], offsets: list[float], anchor: int
) -> tuple[dict[int, Token], float] | None:
    """Tokens by column when the last token sits in column ``anchor``, or None."""
    base = _centre(tokens[-1]) - offsets[anchor]
    out: dict[int, Token] = {}
    for tok in tokens:
        at = _centre(tok) - base
        column = min(range(len(offsets)), key=lambda c: abs(offsets[c] - at))
        if abs(offsets[column] - at) > TOLERANCE or column in out:
            return None
        out[column] = tok
    return out, base
