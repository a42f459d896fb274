"""Tokens of a table's region → the rows it prints, anchored on the form's labels.

Rows are found by their labels, never by line positions. A row's cells are the
tokens after its label:

* when the label shares its line with other cells (tab rows, grid rows, PDF rows),
  the row is that line — a following line with no label (``定”`` wrapped from
  ``3. 危及“三安全一稳``) is a continuation, not cells;
* when the label stands alone on its line (one cell per line: seeds 002, 003, 004),
  the cells are the following tokens up to the next label.

Unknown text after a row's cells starts an *unknown* row; if it carries numbers they
are reported (``label-unknown``), never added to a neighbouring row.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from xxgk.extract.labels import BLOCK, COLUMN, FOREIGN, HEADER, ROW, Lexicon
from xxgk.extract.tokens import Piece, Token

Lines = list[tuple[int, tuple[Piece, ...]]]  # (line index, its pieces) of each line that has some


@dataclass(slots=True)
class PrintedRow:
    key: str | None  # the form's row key; None for a label the form does not have
    label: Token
    tokens: list[Token] = field(default_factory=list)
    block: str | None = None  # active table: the block label in effect
    repaired: str | None = None  # a damaged label read as this row (:mod:`.repair`)


@dataclass(slots=True)
class Collected:
    rows: list[PrintedRow] = field(default_factory=list)
    votes: dict[str | None, Counter] = field(default_factory=dict)  # block → edition votes
    header_lines: list[int] = field(default_factory=list)
    labels: int = 0  # how many of the table's own labels were seen
    # block → filled cells printed where no row was open (labels displaced from their cells)
    orphans: dict[str | None, list[Token]] = field(default_factory=dict)


class _Collector:
    """Walks a region's lines once, keeping the row being filled."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.out = Collected()
        self.current: PrintedRow | None = None
        self.block: str | None = None

    def line(self, index: int, pieces: tuple[Piece, ...]) -> None:
        multi = len(pieces) >= 2
        opened = False
        first_text = True
        match_label = self.lex.match
        for piece in pieces:
            if piece.cell_like:
                if self.current is not None:  # Piece.at(), inlined: it runs once per cell
                    self.current.tokens.append(
                        Token(piece.text, index, piece.column, piece.fragment_source)
                    )
                elif piece.text:
                    self.orphan(piece, index)
                continue
            match = match_label(piece.text)
            if match is None:
                self._unknown(piece, index, multi, first_text)
            elif match.kind is ROW:
                self._open(match.key, piece, index, match.repaired)
                opened = True
            else:
                self._label(match, index)
            first_text = False
        if opened and multi and self.current is not None and self.current.tokens:
            self.current = None  # the row was this line; a label-only line stays open

    def orphan(self, piece: Piece, index: int) -> None:
        self.out.orphans.setdefault(self.block, []).append(piece.at(index))

    def label_line(self, index: int, piece: Piece) -> None:
        """:meth:`line` for a line that prints one label and nothing else (seeds 002–004)."""
        match = self.lex.match(piece.text)
        if match is None:
            self._unknown(piece, index, False, True)
        elif match.kind is ROW:
            self._open(match.key, piece, index, match.repaired)
        else:
            self._label(match, index)

    def _open(self, key: str, piece: Piece, index: int, repaired: str | None = None) -> None:
        self.current = PrintedRow(key, piece.at(index), [], self.block, repaired)
        self.out.rows.append(self.current)
        self.out.labels += 1

    def _unknown(self, piece: Piece, index: int, multi: bool, first: bool) -> None:
        cur = self.current
        if multi and first and cur is not None and self._continues(cur, piece):
            return  # the middle of a label wrapped in its cell, printed beside the row's cells
        if multi and not first and cur is not None:
            cur.tokens.append(piece.at(index))  # text among a row's cells: an unparsed cell
        elif (multi and first) or (cur is not None and any(t.text for t in cur.tokens)):
            self.current = PrintedRow(None, piece.at(index))
            self.out.rows.append(self.current)
        # else: a label wrapped onto the next line before any cell — ignore

    def _continues(self, cur: PrintedRow, piece: Piece) -> bool:
        """``1.申请人无正当理由逾期不补`` / ``正、行政机关不再处理其政府信  4 0 …``: text that
        continues the open row's label (no cell read yet) and still names the same row."""
        if cur.key is None or cur.tokens:
            return False
        match = self.lex.match(cur.label.text + piece.text)
        return match is not None and match.kind is ROW and match.key == cur.key

    def _label(self, match, index: int) -> None:
        self.current = None
        if match.kind == BLOCK:
            self.block = match.key
            self.out.labels += 1
        elif match.kind in (HEADER, COLUMN):
            self.out.header_lines.append(index)
            self.out.labels += 1
            if len(match.editions) == 1:
                votes = self.out.votes.setdefault(self.block, Counter())
                votes[next(iter(match.editions))] += 1


def collect(lex: Lexicon, lines: Lines) -> Collected:
    """The rows printed in ``lines`` (a table's region)."""
    walker = _Collector(lex)
    tokens: list[Token] | None = None  # the current row's tokens, kept in a local
    for index, pieces in lines:
        if len(pieces) == 1:  # most lines of seeds 002–004: a lone cell or a lone label
            p = pieces[0]
            if p.cell_like:
                if tokens is not None:  # Piece.at(), inlined: it runs once per cell
                    tokens.append(Token(p.text, index, p.column, p.fragment_source))
                elif p.text:
                    walker.orphan(p, index)
                continue
            walker.label_line(index, p)
        else:
            walker.line(index, pieces)
        tokens = walker.current.tokens if walker.current is not None else None
    return walker.out


def count_labels(lex: Lexicon, lines: Lines) -> Collected:
    """What :func:`collect` finds apart from the rows — the header lines and how many
    labels — at a fraction of its cost: all table 四 needs (it prints no row labels)."""
    out = Collected()
    match_label = lex.match
    for index, pieces in lines:
        for piece in pieces:
            match = None if piece.cell_like else match_label(piece.text)
            if match is None:
                continue
            if match.kind in (HEADER, COLUMN):
                out.header_lines.append(index)
                out.labels += 1
            elif match.kind in (ROW, BLOCK):
                out.labels += 1
    return out


def appeals_data(lex: Lexicon, lines: Lines, header_lines: list[int]) -> list[Token]:
    """Table 四 prints one line of 15 cells under its headers: the tokens after the last
    header line, on lines without labels."""
    return _cells_after(lex, lines, max(header_lines, default=-1))


def appeals_in_reading_order(lex: Lexicon, lines: Lines, header_lines: list[int]) -> list[Token]:
    """Every cell printed after table 四's first header line, header labels skipped: what
    ``pdftotext`` without ``-layout`` leaves when it reads the header cells and the data
    cells of each column group in turn (``… 总计 0 1 3 0 4 结果 维持 0 …``)."""
    return _cells_after(lex, lines, min(header_lines, default=-1) - 1, skip_labels=True)


def _cells_after(lex: Lexicon, lines: Lines, after: int, skip_labels: bool = False) -> list[Token]:
    out: list[Token] = []
    for index, pieces in lines:
        if index <= after:
            continue
        for p in pieces:
            if p.cell_like:
                continue
            m = lex.match(p.text)
            if m is not None and not (skip_labels and m.kind in (HEADER, COLUMN, FOREIGN)):
                return out  # another table's labels: table 四 is over
        out.extend(p.at(index) for p in pieces if p.cell_like)
    return out
