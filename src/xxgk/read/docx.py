"""Word ``.docx`` → Document, reading ``word/document.xml`` directly with lxml.

python-docx repeats a merged cell in every grid position it covers; reports are
full of merged cells (the requests table's group labels, the 2021 active table's
3-column value spans), so this reader walks ``w:body`` itself, in document order:

* ``w:p`` → a plain Line (runs' ``w:t``, ``w:tab`` as a tab, breaks as a new line);
* ``w:tbl`` → one row Line per ``w:tr``; a cell with ``w:gridSpan`` is emitted once
  with its colspan, a ``w:vMerge`` continuation cell is not emitted at all (its
  rowspan is added to the cell that started the merge); ``w:gridBefore`` skips
  grid columns; a cell's paragraphs are joined like a broken label.

A ``.docx`` is a zip, read through :mod:`xxgk.read.ziplimits`: ``document.xml``
must be stored or deflated, and its inflated size is capped (64 MB) whatever the
header says — judged by size, not by compression ratio.
"""

from __future__ import annotations

from lxml import etree

from xxgk.document import Document, Fragment, Line
from xxgk.errors import UnreadableSource, UnsupportedFormat
from xxgk.model import Source
from xxgk.read import ziplimits
from xxgk.read.grid import MAX_SPAN, join_broken, row_line

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT_XML = "word/document.xml"
MAX_XML_BYTES = ziplimits.MAX_MEMBER_BYTES  # inflated document.xml
_CONTAINERS = frozenset(
    {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}smartTag", f"{W}hyperlink"}
)


def _document_xml(data: bytes, path: str | None) -> bytes:
    """The inflated ``word/document.xml``, refusing corrupt zips and zip bombs
    (:mod:`xxgk.read.ziplimits`: stored/deflate only, capped inflated size)."""
    archive = ziplimits.open_archive(data, path, "DOCX")
    try:
        info = archive.getinfo(DOCUMENT_XML)
    except KeyError:
        raise UnsupportedFormat(
            "a zip archive that is not a Word document (no word/document.xml)", path=path
        ) from None
    return ziplimits.read_member(archive, info, path, "DOCX", limit=MAX_XML_BYTES)


def paragraph_text(p: etree._Element) -> str:
    """A paragraph's text: ``w:t``, tabs and breaks; deleted text (``w:delText``) is skipped."""
    parts: list[str] = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        tag = el.tag
        if tag == f"{W}t":
            parts.append(el.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _int_attr(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return max(0, min(int(el.get(_VAL, default)), MAX_SPAN))
    except ValueError:
        return default


class _Reader:
    def __init__(self, path: str | None) -> None:
        self.path = path
        self.lines: list[Line] = []
        self.tables = 0
        self.columns = _Columns(None)  # the grid of the table being read

    def body(self, node: etree._Element) -> None:
        for child in node:
            tag = child.tag
            if tag == f"{W}p":
                self.paragraph(child)
            elif tag == f"{W}tbl":
                self.table(child)
            elif tag in _CONTAINERS:
                self.body(child)

    def paragraph(self, p: etree._Element) -> None:
        for piece in paragraph_text(p).split("\n"):
            text = piece.strip()
            if text:
                self.lines.append(Line(text, Source(line=len(self.lines) + 1, file=self.path)))

    def table(self, tbl: etree._Element) -> None:
        index = self.tables
        self.tables += 1
        open_merges: dict[int, Fragment] = {}  # grid column → cell whose vMerge is open
        self.columns = _Columns(tbl)
        for r, tr in enumerate(tbl.iterchildren(f"{W}tr")):
            cells = self.row(tr, index, r, open_merges)
            if cells:
                self.lines.append(
                    row_line(cells, Source(table=index, row=r, col=0, file=self.path))
                )

    def row(
        self, tr: etree._Element, table: int, r: int, open_merges: dict[int, Fragment]
    ) -> list[Fragment]:
        col = _int_attr(_grandchild(tr, _TR_PR, _GRID_BEFORE), 0)
        cells: list[Fragment] = []
        columns = self.columns
        for tc in _cells_of(tr):
            span_el, vmerge = _cell_props(tc)
            span = max(1, _int_attr(span_el, 1))
            width = columns.width(col, span)
            if (
                vmerge is not None
                and vmerge.get(_VAL, "continue") == "continue"
                and col in open_merges
            ):
                start = open_merges[col]
                start.span = (start.span[0] + 1, start.span[1])
            elif width == 0:
                pass  # a cell over sliver columns only is invisible
            else:
                source = Source(table=table, row=r, col=columns.index(col), file=self.path)
                fragment = Fragment(self.cell_text(tc), source, (1, width))
                cells.append(fragment)
                for c in range(col, col + span):
                    open_merges.pop(c, None)
                if vmerge is not None:
                    open_merges[col] = fragment
            col += span
        return cells

    def cell_text(self, tc: etree._Element) -> str:
        pieces = [piece for p in tc.iter(f"{W}p") for piece in paragraph_text(p).split("\n")]
        return join_broken(pieces)


class _Columns:
    """The table's grid columns, minus *slivers*: converters (LibreOffice among them) add
    grid columns a few twips wide where widths do not add up; no cell is printed there,
    so they must not count in a span or a column index."""

    SLIVER = 30  # twips (0.5 mm)

    def __init__(self, tbl: etree._Element | None) -> None:
        grid = tbl.iterfind(f"{W}tblGrid/{W}gridCol") if tbl is not None else ()
        widths = [_twips(g.get(f"{W}w")) for g in grid]
        self.prefix = [0]  # kept columns before each grid column
        for w in widths:
            self.prefix.append(self.prefix[-1] + (w is None or w >= self.SLIVER))

    def index(self, col: int) -> int:
        """Kept columns before grid column ``col`` (every column past the grid is kept)."""
        last = len(self.prefix) - 1
        return self.prefix[col] if col <= last else self.prefix[last] + col - last

    def width(self, col: int, span: int) -> int:
        return self.index(col + span) - self.index(col)


def _twips(value: str | None) -> int | None:
    try:
        return int(float(value)) if value else None
    except (ValueError, OverflowError):  # "abc", "1e999…" (inf), "nan"
        return None


_TR_PR, _GRID_BEFORE, _TC_PR = f"{W}trPr", f"{W}gridBefore", f"{W}tcPr"
_GRID_SPAN, _VMERGE, _VAL = f"{W}gridSpan", f"{W}vMerge", f"{W}val"


def _grandchild(el: etree._Element, child: str, grandchild: str) -> etree._Element | None:
    """``el.find("child/grandchild")`` without the path machinery (it is called per cell)."""
    for c in el.iterchildren(child):
        for g in c.iterchildren(grandchild):
            return g
    return None


def _cell_props(tc: etree._Element) -> tuple[etree._Element | None, etree._Element | None]:
    """A cell's first ``w:gridSpan`` and first ``w:vMerge`` (as ``find("w:tcPr/…")``)."""
    span = vmerge = None
    for props in tc.iterchildren(_TC_PR):
        for el in props.iterchildren(_GRID_SPAN, _VMERGE):
            if el.tag == _GRID_SPAN:
                span = span if span is not None else el
            else:
                vmerge = vmerge if vmerge is not None else el
    return span, vmerge


def _cells_of(tr: etree._Element) -> list[etree._Element]:
    """A row's ``w:tc`` s, including those wrapped in content controls."""
    out = []
    for child in tr:
        if child.tag == f"{W}tc":
            out.append(child)
        elif child.tag in _CONTAINERS:
            out.extend(_cells_of(child))
    return out


def read(data: bytes, path: str | None = None, fmt: str = "docx") -> Document:
    xml = _document_xml(data, path)
    try:
        root = etree.fromstring(
            xml, parser=etree.XMLParser(resolve_entities=False, huge_tree=False, no_network=True)
        )
    except etree.XMLSyntaxError:
        raise UnreadableSource(
            "corrupt DOCX (word/document.xml is not well-formed XML)", path=path
        ) from None
    body = root.find(f"{W}body")
    if body is None:
        raise UnreadableSource("DOCX has no document body", path=path)
    reader = _Reader(path)
    reader.body(body)
    return Document(reader.lines, path=path, format=fmt)
