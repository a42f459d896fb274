"""Document lines → tokens: the printed cells of each line, with where they were found.

Each text layout the reports reach us in is split by its own separator:

* **grid rows** (``line.cells`` from the HTML/DOCX/PDF readers): one token per fragment;
* **tabs** (PDF/Word exports, seeds 000 and 003): one token per tab-separated piece.
  A leading tab only introduces the first cell (Word prints a tab before every cell),
  so the empty piece before it is not a cell;
* **pipes** (seeds 002 and 004): ``X |`` is the cell ``X``; the pipes after it
  (``0 | ||``) are span fillers; a lone ``|`` is an empty cell; a line made only of
  pipes (``||``) is a filler. A line with two or more filled pieces is a
  Markdown-like row (``| 规章 | 0 | 0 |``): every piece is a cell;
* **spaces** (PDF text): words are grouped into runs — a run of text words is one
  label token, each number is one token (``减 6`` and ``186 万`` stay together);
  page markers (``- 5 -``) are dropped.

Empty tokens (``""``) are kept: whether they are empty cells or span fillers is
decided later, when the row's cells are fitted to the form's columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from xxgk.chinese import numbering
from xxgk.document import Line
from xxgk.extract.cells import SIGN_WORDS, UNIT_WORDS, is_cell_like, parse_cell
from xxgk.model import Source

_PAGE_MARKER = re.compile(
    r"\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*"
)
_WORD = re.compile(r"\S+")
# A Markdown table's delimiter row (``| --- | :---: |``): layout, not cells.
_MARKDOWN_DELIMITER = re.compile(r"\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-{0,}:?\s*")


@dataclass(slots=True)
class Token:
    """One printed cell or label: ``text`` as printed (stripped), and its place."""

    text: str
    line: int  # index into Document.lines
    column: int  # 1-based character offset in the line (for grid fragments: 0)
    fragment_source: Source | None = None

    def source(self, line_source: Source) -> Source:
        """Where this token was printed, for a Cell or a Finding."""
        if self.fragment_source is not None:
            return self.fragment_source
        return Source(
            line_source.line, (line_source.column or 1) - 1 + self.column, line_source.page
        )


class Piece(NamedTuple):
    """A token without its line: the same line text always splits into the same pieces,
    so text lines share them (cached) and a :class:`Token` is made only for a piece a
    row keeps."""

    text: str
    column: int
    cell_like: bool  # :func:`is_cell_like`, worked out once
    fragment_source: Source | None = None

    def at(self, line: int) -> Token:
        """This piece as printed on line ``line``."""
        return Token(self.text, line, self.column, self.fragment_source)


def is_page_marker(text: str) -> bool:
    return _PAGE_MARKER.fullmatch(text) is not None


def pieces(line: Line) -> tuple[Piece, ...]:
    """The pieces of one document line (``()`` for a blank line or a filler)."""
    if line.cells is not None:
        texts = [f.text.strip() for f in line.cells]
        return tuple(
            Piece(t, 0, is_cell_like(t), f.source) for t, f in zip(texts, line.cells, strict=True)
        )
    return text_pieces(line.text)


@lru_cache(maxsize=16384)
def text_pieces(text: str) -> tuple[Piece, ...]:
    """:func:`pieces` of a plain text line."""
    # tuple.__new__ skips the Python-level Piece.__new__ (half the cost of each piece)
    return tuple(_new(Piece, (t, column, is_cell_like(t), None)) for t, column in split(text))


_new = tuple.__new__


@lru_cache(maxsize=16384)
def split(text: str) -> tuple[tuple[str, int], ...]:
    """``(cell text, column)`` of each token in a text line — the same lines recur in
    every report (``0 |``, ``\t0``), so this is cached."""
    if "\t" in text:
        return tuple(_split_tabs(text))
    if "|" in text:
        return tuple(_split_pipes(text))
    if not text or text.isspace() or is_page_marker(text):
        return ()
    return tuple(_split_spaces(text))


# A token is ``(text, column)``: plain tuples, not Tokens — lines whose numbers differ
# from every earlier report miss the cache, and this runs for each of their tokens.
_Span = tuple[str, int]


def _piece(text: str, start: int, end: int) -> _Span:
    """The token for ``text[start:end]``, stripped, column pointing at its first character."""
    piece = text[start:end]
    stripped = piece.strip()
    if stripped is piece or not stripped:  # nothing to strip (the common case), or empty
        return stripped, start + 1
    return stripped, start + len(piece) - len(piece.lstrip()) + 1


def _split_tabs(text: str) -> list[_Span]:
    if not text.strip():
        return []
    tokens: list[_Span] = []
    start = 0
    for piece in text.split("\t"):
        # _piece(), inlined: ``piece`` already is text[start:end] (tab rows miss the cache)
        stripped = piece.strip()
        if stripped is piece or not stripped:
            tokens.append((stripped, start + 1))
        else:
            tokens.append((stripped, start + len(piece) - len(piece.lstrip()) + 1))
        start += len(piece) + 1
    if text.startswith("\t"):
        tokens.pop(0)  # the tab before the first cell
    if len(tokens) == 1 and " |" in text:  # a pipe cell after a tab: treat as pipes
        return _split_pipes(text)
    return tokens


def _split_pipes(text: str) -> list[_Span]:
    stripped = text.strip()
    if not stripped.strip("|"):
        # only pipes: a lone pipe closes an empty cell; more are span fillers
        return [("", text.index("|") + 1)] if len(stripped) == 1 else []
    if _MARKDOWN_DELIMITER.fullmatch(stripped):
        return []
    pieces: list[tuple[int, int]] = []
    start = 0
    for piece in text.split("|"):
        pieces.append((start, start + len(piece)))
        start += len(piece) + 1
    filled = [p for p in pieces if text[p[0] : p[1]].strip()]
    markdown = (
        bool(filled) and stripped[0] == "|" and stripped[-1] == "|" and stripped.count("|") >= 3
    )
    if len(filled) >= 2 or markdown:  # a Markdown-like row: every piece between pipes is a cell
        if not text[pieces[0][0] : pieces[0][1]].strip():
            pieces = pieces[1:]
        if pieces and not text[pieces[-1][0] : pieces[-1][1]].strip():
            pieces = pieces[:-1]
        return [_piece(text, a, b) for a, b in pieces]
    first = pieces[0]
    if text[first[0] : first[1]].strip() or not filled:
        return [_piece(text, first[0], first[1])]
    return [_piece(text, filled[0][0], filled[0][1])]


def _opens_label(word: str) -> bool:
    """A word that starts a numbered label (``1.属于国家秘密``, ``（七）总计``), not a bare ``3.``."""
    number = numbering(word)
    return bool(number) and len(number) < len(word)


def _split_spaces(text: str) -> list[_Span]:
    """PDF-like text: label runs and number tokens. Every token starts and ends on a word
    (``\\S+``), so it needs no stripping: ``(text[a:b], a + 1)``, not :func:`_piece`."""
    words = [m.span() for m in _WORD.finditer(text)]
    if len(words) == 1:
        return [(text[words[0][0] : words[0][1]], words[0][0] + 1)]
    tokens: list[_Span] = []
    run: tuple[int, int] | None = None  # the current run of label words
    i = 0
    while i < len(words):
        start, end = words[i]
        word = text[start:end]
        nxt = text[words[i + 1][0] : words[i + 1][1]] if i + 1 < len(words) else ""
        if word in SIGN_WORDS and nxt and parse_cell(nxt).kind == "number":
            end = words[i + 1][1]
            i += 1
        elif not is_cell_like(word):
            if run and _opens_label(word):  # ``（三）不予公开 1.属于国家秘密``: two labels
                tokens.append((text[run[0] : run[1]], run[0] + 1))
                run = None
            run = (run[0] if run else start, end)
            i += 1
            continue
        elif (
            parse_cell(word).kind == "number"
            and nxt in UNIT_WORDS
            and parse_cell(word).unit is None
        ):
            end = words[i + 1][1]
            i += 1
        if run:
            tokens.append((text[run[0] : run[1]], run[0] + 1))
            run = None
        tokens.append((text[start:end], start + 1))
        i += 1
    if run:
        tokens.append((text[run[0] : run[1]], run[0] + 1))
    return tokens
