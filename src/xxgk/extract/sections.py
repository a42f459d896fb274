"""The six sections of a report, found by their heading *text*, not their number.

Numbering is unreliable: seed 000 numbers its own items 一…四 before the form's
``二、主动公开政府信息情况``; seed 003 prints ``四、存在的问题及改进措施`` where the form
has 五 (its table 四 is missing). A heading is a short plain line whose label key is
one of the form's section titles or variants (:data:`xxgk.form.SECTIONS`), or starts
with a long one. Two headings of the same section (``五、存在问题`` + ``六、下一步打算``,
both ``problems``) are appended into one :class:`SectionText`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from xxgk import form
from xxgk.document import Document, Line
from xxgk.extract.labels import matching_key
from xxgk.model import SectionText, Source

_MAX_HEADING = 60
_KEYS: dict[str, str] = {k: s.key for s in form.SECTIONS for k in form.Section.keys(s)}
_LONG_KEYS = tuple((k, key) for k, key in _KEYS.items() if len(k) >= 6)
_LONG_FIRST = frozenset(k[0] for k, _ in _LONG_KEYS)
TABLE_OF_SECTION = {s.key: s.table for s in form.SECTIONS if s.table}


@dataclass(slots=True)
class Heading:
    index: int  # line index in the document
    key: str  # form section key
    title: str  # as printed, stripped


@lru_cache(maxsize=8192)
def section_of(text: str) -> str | None:
    """The form section a heading line names, or None."""
    key = matching_key(text)
    if not key:
        return None
    hit = _KEYS.get(key)
    if hit is not None:
        return hit
    if key[0] not in _LONG_FIRST:  # no long key can be a prefix: skip the loop
        return None
    for section_key, section in _LONG_KEYS:
        if key.startswith(section_key) and len(key) <= len(section_key) + 10:
            return section
    return None


def find_headings(doc: Document) -> list[Heading]:
    lines = doc.lines
    # The plain lines' tests in one C-level map (each is a cached call: lines recur); a
    # grid row is None here and tested apart.
    texts = [line.text if line.cells is None else None for line in lines]
    hits = map(_text_heading, texts)
    out = [Heading(index, *hit) for index, hit in enumerate(hits) if hit is not None]
    if None in texts:
        out += _grid_headings(lines)
        out.sort(key=lambda h: h.index)
    return out


def _grid_headings(lines: list[Line]) -> list[Heading]:
    out = []
    for index, line in enumerate(lines):
        if line.cells is None:
            continue
        text = _grid_heading_text(line)
        if text and len(text) <= _MAX_HEADING:
            key = section_of(text)
            if key is not None:
                out.append(Heading(index, key, text))
    return out


@lru_cache(maxsize=16384)
def _text_heading(text: str | None) -> tuple[str, str] | None:
    """``(section key, title)`` when the plain line ``text`` is a section heading."""
    if not text or len(text) > _MAX_HEADING + 20 or "|" in text:
        return None
    text = text.strip()
    key = section_of(text) if text and len(text) <= _MAX_HEADING else None
    return None if key is None else (key, text)


def _grid_heading_text(line) -> str:
    """A grid row is a heading only when it has a single filled cell."""
    filled = [f.text.strip() for f in line.cells if f.text.strip()]
    return filled[0] if len(filled) == 1 else ""


def regions(headings: list[Heading], n_lines: int) -> list[tuple[Heading, int, int]]:
    """``(heading, first line, end line)``: each heading's body runs to the next heading."""
    out = []
    for i, h in enumerate(headings):
        end = headings[i + 1].index if i + 1 < len(headings) else n_lines
        out.append((h, h.index + 1, end))
    return out


def section_texts(doc: Document, spans: list[tuple[Heading, int, int]]) -> list[SectionText]:
    """The sections as printed; table sections keep their title, their text is ``""``."""
    out: dict[str, SectionText] = {}
    for h, start, end in spans:
        text = "" if h.key in TABLE_OF_SECTION else _prose(doc, start, end)
        sec = out.get(h.key)
        if sec is None:
            out[h.key] = SectionText(h.key, h.title, text, _source(doc, h.index))
        elif h.key not in TABLE_OF_SECTION:
            sec.text = "\n".join(p for p in (sec.text, h.title, text) if p)
    for sec in out.values():
        sec.title = sec.title.lstrip("# ") if sec.title.startswith("#") else sec.title
    return list(out.values())


def _prose(doc: Document, start: int, end: int) -> str:
    return "\n".join(t for t in (doc.lines[i].text.strip() for i in range(start, end)) if t)


def _source(doc: Document, index: int) -> Source:
    src = doc.lines[index].source
    return Source(line=src.line, page=src.page, table=src.table, row=src.row, col=src.col)
