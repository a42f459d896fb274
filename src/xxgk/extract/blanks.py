"""Empty cells printed as blank lines (Word / LibreOffice "save as text").

Those converters print one cell per line and an empty cell as a blank or whitespace-only
line — there the blank line *is* a cell, not a separator. Elsewhere (seed 003) blank
lines separate rows, so a blank line is read as a cell only when a row is short of cells:

* the blank lines between a row's label and its last cell make up exactly the missing
  cells → they are its empty cells;
* empty *last* cells leave blank lines after the row: read only when the row prints
  exactly that many more blank lines after it than the complete row before it in the
  same group of the form (``reference``).

Otherwise the tokens are left as they are: the row is reported, never guessed.
"""

from __future__ import annotations

from xxgk.document import Line
from xxgk.extract.tokens import Token


def one_per_line(lines: list[Line], tokens: list[Token], label: Token) -> bool:
    """The label and each cell on its own plain line, in order."""
    at = [label.line, *(t.line for t in tokens)]
    if not tokens or len(set(at)) != len(at) or at != sorted(at):
        return False
    return all(lines[i].cells is None for i in at)


def trailing_blanks(lines: list[Line], line: int) -> int:
    """How many whitespace-only plain lines follow ``line``."""
    n = 0
    while line + 1 + n < len(lines) and lines[line + 1 + n].cells is None:
        if lines[line + 1 + n].text.strip():
            break
        n += 1
    return n


def blank_cells(
    lines: list[Line], tokens: list[Token], columns: int, label: Token, reference: int | None
) -> list[Token]:
    """``tokens`` with the blank lines that are its empty cells, or ``tokens`` unchanged."""
    if not one_per_line(lines, tokens, label):
        return tokens
    taken = {label.line, *(t.line for t in tokens)}
    gaps = [i for i in range(label.line + 1, tokens[-1].line) if i not in taken]
    if any(lines[i].text.strip() for i in gaps):
        return tokens
    missing = columns - len(tokens) - len(gaps)
    if missing > 0 and reference is not None:
        last = tokens[-1].line
        if trailing_blanks(lines, last) - reference == missing:
            gaps += range(last + 1, last + 1 + missing)
    if len(tokens) + len(gaps) != columns:
        return tokens
    return sorted([*tokens, *(Token("", i, 1) for i in gaps)], key=lambda t: t.line)
