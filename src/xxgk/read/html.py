"""HTML pages, fragments and ``.htm`` files → Document.

Government sites publish most reports as articles with inline ``<table>`` s, in
UTF-8 or GBK, often with a wrong or missing ``charset`` declaration. This reader

* decodes: BOM → strict UTF-8 → the declared charset (GB2312/GBK read as GB18030)
  → GB18030. Strict UTF-8 comes before the declaration because the declaration
  is the thing that lies: GBK text is almost never valid UTF-8, while pages
  declaring ``gb2312`` and serving UTF-8 are common;
* finds the report inside site navigation: starting at ``<body>``, it descends
  into the child holding ≥ 80 % of the text that is not link text, so menus,
  breadcrumbs and footers fall away;
* emits paragraphs as plain Lines and each ``<tr>`` as a row Line whose cells
  keep their grid position (table/row/col) and printed span. ``<br>`` inside a
  cell is joined like any broken label (see :mod:`xxgk.read.grid`); ``&nbsp;``
  cells become empty fragments.

selectolax's Lexbor backend parses a 1 MB page in milliseconds.
"""

from __future__ import annotations

import codecs
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from xxgk import form
from xxgk.chinese import fold, label_key
from xxgk.document import Document, Fragment, Line
from xxgk.errors import NotAReport, UnreadableSource
from xxgk.model import Source
from xxgk.read.container import Page, element_children, find_container
from xxgk.read.grid import GridPlacer, join_broken, parse_span, row_line
from xxgk.read.htmllimits import MAX_DEPTH, TooDeep, check_limits, too_deep

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "template",
    "head",
    "svg",
    "object",
    "select",
)
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
        "body",
        "html",
        "caption",
    ]
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "euc-cn"})
_SPACES = re.compile(r"[ \t\r\n\f\u00a0\u3000]+")
_NON_WORD = re.compile(r"[\W_]+")


def decode(data: bytes, path: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` of an HTML page (see module docstring for the order)."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    if data[:200].count(b"\x00") > 20:  # UTF-16 without BOM
        from xxgk.read.text import decode as decode_text

        return decode_text(data, path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for enc in (_declared_charset(data) or "gb18030", "gb18030"):
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("gb18030", errors="replace"), "gb18030"


def _declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:8192])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    return "gb18030" if name in _GB_FAMILY else name


class _Walker:
    """Walks the container in document order, emitting Lines."""

    def __init__(self, path: str | None, page: Page) -> None:
        self.path = path
        self.page = page
        self.depth = 0
        self.lines: list[Line] = []
        self.buffer: list[str] = []
        self.tables = 0

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.buffer)).strip()
        self.buffer = []
        if text:
            self.lines.append(Line(text, Source(line=len(self.lines) + 1, file=self.path)))

    def walk(self, node: LexborNode) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise TooDeep
        child = node.child
        while child is not None:
            self.visit(child)
            child = child.next
        self.depth -= 1

    def visit(self, node: LexborNode) -> None:
        if node.is_text_node:
            self.buffer.append(node.text_content or "")
            return
        if not node.is_element_node:
            return
        tag = node.tag
        if tag == "br":
            self.flush()
        elif tag == "table":
            self.flush()
            self.table(node)
        elif tag in _BLOCK_TAGS:
            self.flush()
            if tag == "p" and _is_leaf_block(node):  # a paragraph of inline runs: one call
                self.buffer.append(node.text(deep=True))
            else:
                self.walk(node)
            self.flush()
        else:
            self.walk(node)

    def table(self, node: LexborNode) -> None:
        if not self.page.is_data_table(node):
            self.walk(node)  # a layout table: read its cells as blocks
            return
        rows = _rows_of(node)
        if not rows:
            return
        index = self.tables
        self.tables += 1
        placer = GridPlacer(len(rows))
        for tr in rows:
            r = placer.next_row()
            cells = [
                self.cell(td, index, r, placer)
                for td in element_children(tr)
                if td.tag in ("td", "th")
            ]
            if cells:
                self.lines.append(
                    row_line(cells, Source(table=index, row=r, col=0, file=self.path))
                )

    def cell(self, td: LexborNode, table: int, row: int, placer: GridPlacer) -> Fragment:
        attrs = td.attributes  # a new dict per call: fetch it once
        col, span = placer.place(parse_span(attrs.get("rowspan")), parse_span(attrs.get("colspan")))
        return Fragment(cell_text(td), Source(table=table, row=row, col=col, file=self.path), span)


_BREAKS = _BLOCK_TAGS | {"br"}  # what splits text into lines or pieces


def _breaks(node: LexborNode) -> list[LexborNode]:
    """``node`` (when a block) and the blocks and ``<br>`` s inside it, in document order."""
    return [n for n in node.traverse() if n.tag in _BREAKS]


def _is_leaf_block(node: LexborNode) -> bool:
    """A block element holding no other block and no ``<br>``."""
    return len(_breaks(node)) == 1


def _rows_of(table: LexborNode) -> list[LexborNode]:
    """The table's own rows (thead/tbody/tfoot included, nested tables excluded)."""
    out = []
    for child in element_children(table):
        if child.tag == "tr":
            out.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            out.extend(c for c in element_children(child) if c.tag == "tr")
    return out


def cell_text(td: LexborNode) -> str:
    """A cell's text: pieces split at ``<br>`` and blocks, joined as a broken label."""
    breaks = _breaks(td)
    if len(breaks) <= 2:
        text = td.text(deep=True)
        if len(breaks) == 1 or _only_text_in(text, breaks[1]):
            return join_broken([_SPACES.sub(" ", text)])  # one piece: Word's <p>
    pieces: list[str] = []
    buffer: list[str] = []

    def visit(node: LexborNode, depth: int = 0) -> None:
        if depth > MAX_DEPTH:
            raise TooDeep
        child = node.child
        while child is not None:
            if child.is_text_node:
                buffer.append(child.text_content or "")
            elif child.is_element_node:
                if child.tag == "br" or child.tag in _BLOCK_TAGS:
                    pieces.append("".join(buffer))
                    buffer.clear()
                if child.tag != "br":
                    visit(child, depth + 1)
                    if child.tag in _BLOCK_TAGS:
                        pieces.append("".join(buffer))
                        buffer.clear()
            child = child.next

    visit(td)
    pieces.append("".join(buffer))
    return join_broken(_SPACES.sub(" ", p) for p in pieces)


def _only_text_in(text: str, block: LexborNode) -> bool:
    """All of a cell's non-blank ``text`` is inside ``block`` (so it is one piece)."""
    return block.tag != "br" and text.strip() == block.text(deep=True).strip()


def _headings(tree: LexborHTMLParser) -> list[str]:
    """Candidate page titles (``<h1>``–``<h3>``, then ``<title>``) that name a report."""
    texts = [_SPACES.sub(" ", n.text(deep=True)).strip() for n in tree.css("h1, h2, h3, title")]
    return [t for t in texts if "报告" in t]


def _title_line(headings: list[str], container: LexborNode, path: str | None) -> Line | None:
    """The page heading when the container left it out (sites print it above the article)."""
    inside = _SPACES.sub(" ", container.text(deep=True))
    if not headings or any(text in inside for text in headings):
        return None
    return Line(headings[0], Source(line=0, file=path))


def _looks_like_report(text: str) -> bool:
    """Some table title or table section heading of the form appears in the text."""
    flat = _NON_WORD.sub("", fold(text[:500_000]))
    titles = [*form.TABLE_TITLES.values()] + [
        t for s in form.SECTIONS if s.table for t in (s.title, *s.variants)
    ]
    return any(label_key(t) in flat for t in titles)


def read(data: bytes, path: str | None = None) -> Document:
    text, _encoding = decode(data, path)
    check_limits(data, text, path)
    tree = LexborHTMLParser(text)
    headings = _headings(tree)
    for tag in _DROP_TAGS:
        for node in tree.tags(tag):
            node.decompose()
    root = tree.body or tree.root
    if root is None:
        raise UnreadableSource("HTML page has no content", path=path)
    page = Page()
    container = find_container(root, page)
    walker = _Walker(path, page)
    try:
        walker.visit(container)
    except TooDeep:
        raise too_deep(path) from None
    walker.flush()
    lines = walker.lines
    title = _title_line(headings, container, path)
    if title is not None:
        lines.insert(0, title)
        for number, line in enumerate(lines, 1):
            if line.cells is None:
                line.source.line = number
    if not _looks_like_report("\n".join(line.text for line in lines)):
        raise NotAReport(
            "no annual report in this HTML page (no section or table of the form found)", path=path
        )
    return Document(lines, path=path, format="html")
