"""PDF with a text layer → Document, via pypdfium2 (PDFium; Apache-2.0/BSD).

The text order of a PDF breaks tables apart: page markers (``- 5 -``) land between
rows, a narrow group cell prints its label one character per line
(``三、`` / ``本`` / ``年`` …), long labels wrap onto lines of their own. So rows are
rebuilt from *positions*, per page:

1. characters and their boxes come from PDFium's text page (ToUnicode maps decode
   the Chinese fonts; Kangxi radicals and compatibility ideographs some fonts map
   to are folded to the ordinary characters);
2. the table rules (path segments, axis-aligned, any length ≥ 2 pt) are grouped into
   tables; their x and y positions give a grid, and a missing rule between two grid
   cells means the cells are merged — exactly the HTML rowspan/colspan grid;
3. each character goes to the merged cell under its centre; a cell's lines are
   joined like a broken label (:func:`xxgk.read.grid.join_broken`);
4. text outside tables becomes plain lines (by y, with tabs at wide gaps, which is
   how a table drawn without rules still splits into cells); page markers are
   dropped;
5. a table continued on the next page continues the row sequence; the empty top
   part of a merged cell split by the page break is not a new cell.

Pages without a text layer go to OCR (``xxgk[ocr]``). Limits: :data:`MAX_PAGES`
pages and :data:`TIME_BUDGET` seconds per file (see docs/formats.md).
"""

from __future__ import annotations

import bisect
import ctypes
import re
import time
import unicodedata
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from xxgk.document import Document, Fragment, Line
from xxgk.errors import UnreadableSource, UnsupportedFormat
from xxgk.model import Source
from xxgk.read.grid import join_broken, row_line

MAX_PAGES = 300
TIME_BUDGET = 120.0  # seconds of reading per file (OCR included)
MIN_RULE = 2.0  # pt: shorter segments are the ends of thin filled rectangles
SNAP = 1.6  # pt: rules closer than this are one rule (double borders, thin rectangles)
MIN_CELL = 3.0  # pt: grid positions closer than this hold no character: one position
_MARKER = re.compile(
    r"^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$"
)
_TEXT_PAGE_MIN_CHARS = 8  # a page with fewer characters and an image is a scan


def _fold_char(ch: str) -> str:
    """Kangxi radicals (⼀ U+2F00…) and CJK compatibility ideographs → ordinary characters."""
    code = ord(ch)
    if 0x2F00 <= code <= 0x2FDF or 0x2E80 <= code <= 0x2EFF or 0xF900 <= code <= 0xFAFF:
        return unicodedata.normalize("NFKC", ch)
    return ch


@dataclass(slots=True)
class Char:
    """A character (or an OCR text piece) and its box, top-down coordinates."""

    ch: str
    x0: float
    top: float
    x1: float
    bottom: float
    score: float = 1.0  # OCR confidence; 1.0 for a text layer

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


def page_chars(textpage: pdfium.PdfTextPage, height: float) -> list[Char]:
    """Every visible character of a page, top-down coordinates (pt)."""
    raw = textpage.raw
    n = pdfium_c.FPDFText_CountChars(raw)
    rect = pdfium_c.FS_RECTF()
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    codes = _codes(raw, n)
    out = []
    for i in range(n):
        code = codes[i]
        if code <= 32 or code in (0xA0, 0x3000, 0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
            continue
        if not get_box(raw, i, ctypes.byref(rect)):
            continue
        out.append(
            Char(
                _fold_char(chr(code)),
                rect.left,
                height - rect.top,
                rect.right,
                height - rect.bottom,
            )
        )
    return out


def _codes(raw, n: int) -> list[int]:
    """The page's UTF-16 code units, one per character index (one call, not one per char);
    per-character calls only when a surrogate pair breaks the one-to-one mapping."""
    buffer = (ctypes.c_ushort * (n + 1))()
    written = pdfium_c.FPDFText_GetText(raw, 0, n, buffer)
    codes = list(buffer[: max(written - 1, 0)])
    if len(codes) != n or any(0xD800 <= c <= 0xDFFF for c in codes):
        return [pdfium_c.FPDFText_GetUnicode(raw, i) for i in range(n)]
    return codes


# --------------------------------------------------------------------------- rules → grids


@dataclass(slots=True)
class Rule:
    horizontal: bool
    pos: float  # y for horizontal rules, x for vertical (top-down)
    lo: float
    hi: float


def page_rules(page: pdfium.PdfPage, height: float) -> list[Rule]:
    """Axis-aligned segments of every path object on the page (raw PDFium calls: a ruled
    table is hundreds of path objects, and wrapper objects per path cost more than the work)."""
    c = pdfium_c
    rules: list[Rule] = []
    m = c.FS_MATRIX()
    raw = page.raw
    for k in range(c.FPDFPage_CountObjects(raw)):
        obj = c.FPDFPage_GetObject(raw, k)
        if c.FPDFPageObj_GetType(obj) == c.FPDF_PAGEOBJ_PATH and c.FPDFPageObj_GetMatrix(obj, m):
            _path_rules(obj, m, height, rules)
    return merge_rules(rules)


def _path_rules(obj, m, height: float, rules: list[Rule]) -> None:
    """The straight segments of one path object, in top-down page coordinates."""
    c = pdfium_c
    x, y = ctypes.c_float(), ctypes.c_float()
    start = previous = None
    for i in range(c.FPDFPath_CountSegments(obj)):
        seg = c.FPDFPath_GetPathSegment(obj, i)
        c.FPDFPathSegment_GetPoint(seg, x, y)
        point = (
            m.a * x.value + m.c * y.value + m.e,
            height - (m.b * x.value + m.d * y.value + m.f),
        )
        kind = c.FPDFPathSegment_GetType(seg)
        if kind == c.FPDF_SEGMENT_MOVETO or previous is None:
            start = point
        elif kind == c.FPDF_SEGMENT_LINETO:
            _add_rule(rules, previous, point)
        previous = point
        if start is not None and c.FPDFPathSegment_GetClose(seg):
            _add_rule(rules, point, start)


def merge_rules(rules: list[Rule]) -> list[Rule]:
    """One rule per printed line: positions within :data:`SNAP` and touching or overlapping
    spans are merged (each cell drawn as its own rectangle gives every border twice)."""
    out: list[Rule] = []
    for horizontal in (True, False):
        same = sorted((r for r in rules if r.horizontal == horizontal), key=lambda r: r.pos)
        groups: list[list[Rule]] = []
        for r in same:
            if groups and r.pos - groups[-1][-1].pos <= SNAP:
                groups[-1].append(r)
            else:
                groups.append([r])
        for group in groups:
            pos = sum(r.pos for r in group) / len(group)
            spans = sorted((r.lo, r.hi) for r in group)
            lo, hi = spans[0]
            for a, b in spans[1:]:
                if a <= hi + SNAP:
                    hi = max(hi, b)
                else:
                    out.append(Rule(horizontal, pos, lo, hi))
                    lo, hi = a, b
            out.append(Rule(horizontal, pos, lo, hi))
    return out


def _add_rule(rules: list[Rule], a: tuple[float, float], b: tuple[float, float]) -> None:
    (x0, y0), (x1, y1) = a, b
    if abs(y0 - y1) < 0.5 and abs(x1 - x0) >= MIN_RULE:
        rules.append(Rule(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) < 0.5 and abs(y1 - y0) >= MIN_RULE:
        rules.append(Rule(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def _snap(values: list[float]) -> list[float]:
    """Cluster close positions into one (their mean)."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= SNAP:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(group) / len(group) for group in out]


def _without_slivers(positions: list[float]) -> list[float]:
    """Rules that miss each other by a point or two (a cell drawn a little right of its
    neighbour) make a grid column no character fits in: a column narrower than
    :data:`MIN_CELL` is not a column, its two positions are one (their mean; each rule
    stays within :data:`SNAP` of it, so it is still found there)."""
    out: list[float] = []
    for p in positions:
        if out and p - out[-1] < MIN_CELL:
            out[-1] = (out[-1] + p) / 2
        else:
            out.append(p)
    return out


def table_groups(rules: list[Rule]) -> list[list[Rule]]:
    """Rules that touch each other form one table."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, r in enumerate(rules) if r.horizontal]
    vs = [i for i, r in enumerate(rules) if not r.horizontal]
    for i in hs:
        h = rules[i]
        for j in vs:
            v = rules[j]
            if h.lo - SNAP <= v.pos <= h.hi + SNAP and v.lo - SNAP <= h.pos <= v.hi + SNAP:
                parent[find(i)] = find(j)
    groups: dict[int, list[Rule]] = {}
    for i in range(len(rules)):
        groups.setdefault(find(i), []).append(rules[i])
    return [
        g
        for g in groups.values()
        if sum(r.horizontal for r in g) >= 2 and sum(not r.horizontal for r in g) >= 2
    ]


@dataclass
class Grid:
    """A ruled table: grid positions and the merged cell each grid position belongs to."""

    xs: list[float]
    ys: list[float]
    root: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    extent: dict[tuple[int, int], tuple[int, int]] = field(
        default_factory=dict
    )  # root → (last row, last col)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def contains(self, c: Char) -> bool:
        return self.xs[0] <= c.cx <= self.xs[-1] and self.ys[0] <= c.cy <= self.ys[-1]

    def locate(self, c: Char) -> tuple[int, int]:
        i = min(max(bisect.bisect_right(self.ys, c.cy) - 1, 0), len(self.ys) - 2)
        j = min(max(bisect.bisect_right(self.xs, c.cx) - 1, 0), len(self.xs) - 2)
        return self.root[(i, j)]

    def cell_box(self, root: tuple[int, int]) -> tuple[float, float, float, float]:
        last_i, last_j = self.extent[root]
        return (self.xs[root[1]], self.ys[root[0]], self.xs[last_j + 1], self.ys[last_i + 1])


def _spans_at(rules: list[Rule], positions: list[float]) -> list[list[tuple[float, float]]]:
    """For each grid position, the spans of the rules drawn there."""
    return [
        [(r.lo - SNAP, r.hi + SNAP) for r in rules if abs(r.pos - p) <= SNAP] for p in positions
    ]


def _covers(spans: list[tuple[float, float]], at: float) -> bool:
    return any(lo <= at <= hi for lo, hi in spans)


def build_grid(rules: list[Rule]) -> Grid | None:
    """Grid positions from the rules; grid cells with no rule between them are merged."""
    hs = [r for r in rules if r.horizontal]
    vs = [r for r in rules if not r.horizontal]
    ys, xs = (
        _without_slivers(_snap([r.pos for r in hs])),
        _without_slivers(_snap([r.pos for r in vs])),
    )
    if len(xs) < 2 or len(ys) < 2:
        return None
    grid = Grid(xs, ys)
    v_spans, h_spans = _spans_at(vs, xs), _spans_at(hs, ys)
    parent = {(i, j): (i, j) for i in range(len(ys) - 1) for j in range(len(xs) - 1)}

    def find(k: tuple[int, int]) -> tuple[int, int]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i in range(len(ys) - 1):
        mid_y = (ys[i] + ys[i + 1]) / 2
        for j in range(len(xs) - 1):
            mid_x = (xs[j] + xs[j + 1]) / 2
            if j + 2 < len(xs) and not _covers(v_spans[j + 1], mid_y):
                _union(parent, find, (i, j), (i, j + 1))
            if i + 2 < len(ys) and not _covers(h_spans[i + 1], mid_x):
                _union(parent, find, (i, j), (i + 1, j))
    for key in parent:
        root = find(key)
        grid.root[key] = root
        last = grid.extent.get(root, root)
        grid.extent[root] = (max(last[0], key[0]), max(last[1], key[1]))
    return grid


def _union(parent, find, a: tuple[int, int], b: tuple[int, int]) -> None:
    ra, rb = find(a), find(b)
    if ra != rb:
        first, second = min(ra, rb), max(ra, rb)  # the top-left position is the root
        parent[second] = first


# --------------------------------------------------------------------------- text → lines


def text_lines(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into printed lines (centres within half a line), each sorted by x."""
    lines: list[list[Char]] = []
    for c in sorted(chars, key=lambda c: c.cy):
        if lines and c.cy - lines[-1][0].cy < 0.5 * max(c.bottom - c.top, 1.0):
            lines[-1].append(c)
        else:
            lines.append([c])
    return [sorted(line, key=lambda c: c.x0) for line in lines]


def line_text(line: list[Char], tab_gap: float | None = None) -> str:
    """A line's text: a space at a gap of ¼ em, a tab at ``tab_gap`` (in em)."""
    out = [line[0].ch]
    for prev, c in zip(line, line[1:], strict=False):
        em = max(c.bottom - c.top, 1.0)
        gap = c.x0 - prev.x1
        if tab_gap is not None and gap > tab_gap * em:
            out.append("\t")
        elif gap > 0.25 * em:
            out.append(" ")
        out.append(c.ch)
    return "".join(out)


_PARAGRAPH_START = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])"
)


def join_wrapped(lines: list[list[Char]]) -> list[list[Char]]:
    """Paragraph lines wrapped at the right margin, joined back into one line each.

    A line continues the one above when that one runs to the page's right margin, this
    one starts no further right than the line above it started, the two are a line apart
    and neither has a column gap (a table without rules) nor starts a numbered heading."""
    if not lines:
        return lines
    right = max(line[-1].x1 for line in lines)
    out = [lines[0]]
    above = lines[0]  # the physical line above, not the joined paragraph
    for line in lines[1:]:
        em = max(above[-1].bottom - above[-1].top, 1.0)
        if (
            above[-1].x1 >= right - 1.5 * em
            and line[0].x0 <= above[0].x0 + 0.5 * em
            and line[0].top - above[-1].bottom < em
            and "\t" not in line_text(above, tab_gap=2.0) + line_text(line, tab_gap=2.0)
            and not _PARAGRAPH_START.match(line_text(line[:6]))
        ):
            out[-1] = out[-1] + line
        else:
            out.append(line)
        above = line
    return out


def _box(chars: list[Char]) -> tuple[float, float, float, float]:
    return (
        min(c.x0 for c in chars),
        min(c.top for c in chars),
        max(c.x1 for c in chars),
        max(c.bottom for c in chars),
    )


def is_marker(text: str) -> bool:
    """``- 5 -``, ``第 5 页``, ``第5页 共12页``, ``5/12`` — page furniture, not report text."""
    return bool(_MARKER.match(text.strip()))


# --------------------------------------------------------------------------- pages


@dataclass
class _Continuation:
    """The last table of the previous page, to continue it on the next one."""

    xs: list[float]
    open_cells: dict[int, Fragment]  # grid column → cell that reached the page's last grid row


class PageReader:
    """Turns pages (characters + rules) into Lines, carrying tables across page breaks.
    Used for text-layer PDF pages and, with OCR pieces as characters, for scans."""

    LOW_CONFIDENCE = 0.8

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.carry: _Continuation | None = None
        self.low_confidence: list[tuple[Source, str, float]] = []

    def page(self, rules: list[Rule], number: int, chars: list[Char]) -> list[Line]:
        grids = [g for g in (build_grid(group) for group in table_groups(rules)) if g]
        grids.sort(key=lambda g: g.ys[0])
        in_table: list[list[Char]] = [[] for _ in grids]
        loose: list[Char] = []
        for c in chars:
            k = next((i for i, g in enumerate(grids) if g.contains(c)), None)
            (loose if k is None else in_table[k]).append(c)
        items: list[tuple[float, Line]] = []
        for line in join_wrapped(text_lines(loose)):
            text = line_text(line, tab_gap=2.0)
            if not is_marker(text):
                source = Source(page=number, box=_box(line), file=self.path)
                self.note_confidence(line, source, text)
                items.append((line[0].top, Line(text, source)))
        carry = self.carry
        self.carry = None
        for k, grid in enumerate(grids):
            rows = self.table_rows(grid, in_table[k], number, carry if k == 0 else None)
            items.extend(rows)
        items.sort(key=lambda item: item[0])
        return [line for _y, line in items]

    def table_rows(
        self, grid: Grid, chars: list[Char], number: int, carry: _Continuation | None
    ) -> list[tuple[float, Line]]:
        by_cell: dict[tuple[int, int], list[Char]] = {}
        for c in chars:
            by_cell.setdefault(grid.locate(c), []).append(c)
        continued = carry is not None and _same_columns(carry.xs, grid.xs)
        fragments: dict[tuple[int, int], Fragment] = {}
        carried: dict[tuple[int, int], Fragment] = {}  # roots that continue a cell of the last page
        for root in sorted(set(grid.root.values())):
            last_i, last_j = grid.extent[root]
            span = (last_i - root[0] + 1, last_j - root[1] + 1)
            text = join_broken(line_text(line) for line in text_lines(by_cell.get(root, [])))
            if continued and root[0] == 0 and not text and root[1] in carry.open_cells:  # type: ignore[union-attr]
                start = carry.open_cells[root[1]]  # type: ignore[union-attr]
                start.span = (start.span[0] + span[0], start.span[1])
                carried[root] = start
                continue
            source = Source(page=number, box=grid.cell_box(root), file=self.path)
            self.note_confidence(by_cell.get(root, []), source, text)
            fragments[root] = Fragment(text, source, span)
        self.carry = self.continuation(grid, {**fragments, **carried})
        rows: list[tuple[float, Line]] = []
        for i in range(len(grid.ys) - 1):
            cells = [f for root, f in sorted(fragments.items()) if root[0] == i]
            if cells:
                box = (grid.xs[0], grid.ys[i], grid.xs[-1], grid.ys[i + 1])
                rows.append(
                    (grid.ys[i], row_line(cells, Source(page=number, box=box, file=self.path)))
                )
        return rows

    def note_confidence(self, chars: list[Char], source: Source, text: str) -> None:
        score = min((c.score for c in chars), default=1.0)
        if score < self.LOW_CONFIDENCE:
            self.low_confidence.append((source, text, round(score, 3)))

    def continuation(self, grid: Grid, fragments: dict[tuple[int, int], Fragment]) -> _Continuation:
        """Cells spanning more than one grid row that reach the bottom of this page part."""
        bottom = len(grid.ys) - 2
        open_cells = {}
        for root, fragment in fragments.items():
            last_i, _last_j = grid.extent[root]
            if last_i == bottom and (root[0] < bottom or fragment.span[0] > 1):
                open_cells[root[1]] = fragment
        return _Continuation(grid.xs, open_cells)


def _same_columns(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= 2 * SNAP for x, y in zip(a, b, strict=True))


# --------------------------------------------------------------------------- document


def _open(data: bytes, path: str | None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if (
            getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD
            or "password" in str(exc).lower()
        ):
            raise UnreadableSource(
                "PDF is password-protected; save an unprotected copy first", path=path
            ) from None
        raise UnreadableSource(
            "corrupt or truncated PDF (PDFium cannot open it)", path=path
        ) from None


def _has_image(page: pdfium.PdfPage) -> bool:
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def read(data: bytes, path: str | None = None) -> Document:
    pdf = _open(data, path)
    try:
        n = len(pdf)
        if n > MAX_PAGES:
            raise UnreadableSource(
                f"PDF has {n} pages; the limit is {MAX_PAGES} (an annual report has a few dozen)",
                path=path,
            )
        return _read_pages(pdf, n, path)
    except UnsupportedFormat as exc:  # the OCR extra is missing: name the file
        if exc.path is None:
            raise UnsupportedFormat(exc.message, path=path) from None
        raise
    finally:
        pdf.close()


def _read_pages(pdf: pdfium.PdfDocument, n: int, path: str | None) -> Document:
    started = time.monotonic()
    reader = PageReader(path)
    lines: list[Line] = []
    doc = Document(lines, path=path, format="pdf")
    scanned = 0
    for index in range(n):
        if time.monotonic() - started > TIME_BUDGET:
            raise UnreadableSource(
                f"reading stopped after {TIME_BUDGET:.0f} s at page {index + 1} of {n}", path=path
            )
        page = pdf[index]
        textpage = page.get_textpage()
        try:
            chars = page_chars(textpage, page.get_height())
            if len(chars) < _TEXT_PAGE_MIN_CHARS and _has_image(page):
                from xxgk.read.ocr import ocr_pdf_page

                lines.extend(ocr_pdf_page(page, index + 1, reader))
                scanned += 1
            else:
                lines.extend(reader.page(page_rules(page, page.get_height()), index + 1, chars))
        finally:
            textpage.close()
            page.close()
    doc.low_confidence.extend(reader.low_confidence)
    if scanned:
        doc.format = "ocr" if scanned == n else "pdf"
        doc.notes.append(f"{scanned} of {n} pages had no text layer and were read by OCR")
    return doc
