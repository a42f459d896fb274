"""Whole-document text layouts that must be undone before lines are split into cells.

**Pipe separator lines** (web-page-to-text converters): every cell on its own line and
a line holding only ``|`` between every two cells, rows included::

    规章
    |
    0
    |
    |          ← two separators with nothing between them: an empty cell
    6

Elsewhere (seeds 002, 004) a lone ``|`` *is* an empty cell and the cells end in
`` |``. A document is in the separator layout when it prints many lone ``|`` lines
and (almost) no other line holds a pipe. Then the separators are dropped, the text
between two of them stays as printed (a header broken over two lines inside its cell,
``商业`` / ``企业``, is matched as a broken label), and two separators with nothing but
blank lines between them become one empty cell.
"""

from __future__ import annotations

import re

from xxgk.document import Document, Fragment, Line

_MIN_SEPARATORS = 12  # a table of this layout prints dozens; a stray ``|`` is not a layout
_OTHER_PIPES_SHARE = 0.05  # lines that hold a pipe besides lone ones, per lone one


def undo(doc: Document) -> Document:
    """``doc`` with its document-level layout undone (the same object when it has none)."""
    lines = doc.lines
    if not _separated(lines):
        return doc
    out = Document(_without_separators(lines), path=doc.path, format=doc.format)
    out.low_confidence, out.notes = doc.low_confidence, doc.notes
    return out


def _is_separator(line: Line) -> bool:
    return line.cells is None and line.text.strip() == "|"


_LONE = re.compile(r"^[ \t]*\|[ \t]*$", re.M)
_PIPED = re.compile(r"^.*\|.*$", re.M)


def _separated(lines: list[Line]) -> bool:
    """Counted with the regex engine on the joined text: this runs on every document."""
    text = "\n".join(line.text for line in lines if line.cells is None)
    if "|" not in text:
        return False
    lone = len(_LONE.findall(text))
    if lone < _MIN_SEPARATORS:
        return False
    return len(_PIPED.findall(text)) - lone <= lone * _OTHER_PIPES_SHARE


def _without_separators(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    filled = True  # something printed since the last separator (none before the first)
    for line in lines:
        if _is_separator(line):
            if not filled:
                out.append(Line("", None, [Fragment("", line.at(1))], line.number))
            filled = False
            continue
        if line.text.strip():
            filled = True
        out.append(line)
    return out
