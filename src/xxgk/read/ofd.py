"""OFD (GB/T 33190, the national fixed-layout format) → Document.

An OFD file is a zip: ``OFD.xml`` names the document root (``Doc_0/Document.xml``), which
lists the pages (``Pages/Page_N/Content.xml``) and the templates pages draw on. A page's
content is layers of objects positioned in millimetres, top-down:

* ``TextObject`` — ``Boundary="x y w h"``, ``Size`` (font size), optional ``CTM``; each
  ``TextCode`` gives ``X``/``Y`` (the baseline, relative to the boundary) and ``DeltaX``
  (advances between characters, ``g N d`` repeating ``d`` N times);
* ``PathObject`` — ``AbbreviatedData`` (``M x y``, ``L x y``, ``C`` close, curves…),
  relative to its boundary: the table rules are its straight segments.

Characters become :class:`~xxgk.read.pdf.Char` boxes and rules :class:`~xxgk.read.pdf.Rule` s
in points, and the PDF reader's :class:`~xxgk.read.pdf.PageReader` rebuilds tables from
them — the same grid, merged cells and cross-page continuation — so the same report in OFD
gives the same cells as in PDF. Zip members are read through :mod:`xxgk.read.ziplimits`.
"""

from __future__ import annotations

import posixpath
import re

from lxml import etree

from xxgk.document import Document, Line
from xxgk.errors import UnreadableSource
from xxgk.read import ziplimits
from xxgk.read.pdf import MIN_RULE, Char, PageReader, Rule, merge_rules

OFD = "{http://www.ofdspec.org/2016}"
PT_PER_MM = 72 / 25.4
MAX_PAGES = 300
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class _Package:
    """The zip and the XML parts read from it, within one inflated-size budget."""

    def __init__(self, data: bytes, path: str | None) -> None:
        self.path = path
        self.archive = ziplimits.open_archive(data, path, "OFD")
        self.budget = ziplimits.Budget()
        self.names = {info.filename.lower(): info for info in self.archive.infolist()}

    def xml(self, name: str) -> etree._Element:
        info = self.names.get(name.lstrip("/").lower())
        if info is None:
            raise UnreadableSource(f"corrupt OFD ({name} is missing)", path=self.path)
        data = ziplimits.read_member(self.archive, info, self.path, "OFD", budget=self.budget)
        try:
            return etree.fromstring(data, parser=_PARSER)
        except (etree.XMLSyntaxError, ValueError):
            raise UnreadableSource(
                f"corrupt OFD ({name} is not well-formed XML)", path=self.path
            ) from None


def _resolve(base_dir: str, loc: str) -> str:
    """A ``BaseLoc`` relative to the part that names it (or absolute, from the root)."""
    loc = loc.strip().replace("\\", "/")
    joined = loc.lstrip("/") if loc.startswith("/") else posixpath.join(base_dir, loc)
    return posixpath.normpath(joined)


def _numbers(text: str | None) -> list[float]:
    values = []
    for m in _NUMBER.findall(text or ""):
        try:
            value = float(m)
        except ValueError:
            continue
        values.append(value if abs(value) < 1e7 else 0.0)  # inf / absurd: not a position
    return values


def _matrix(text: str | None) -> Matrix:
    v = _numbers(text)
    return (v[0], v[1], v[2], v[3], v[4], v[5]) if len(v) == 6 else _IDENTITY


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _boundary(el: etree._Element) -> tuple[float, float]:
    v = _numbers(el.get("Boundary"))
    return (v[0], v[1]) if len(v) >= 2 else (0.0, 0.0)


# --------------------------------------------------------------------------- text


def deltas(text: str | None, count: int) -> list[float | None]:
    """``DeltaX``/``DeltaY``: ``count`` advances, ``g N d`` expanded; missing ones None."""
    out: list[float | None] = []
    tokens = (text or "").split()
    i = 0
    while i < len(tokens) and len(out) < count:
        if tokens[i] == "g" and i + 2 < len(tokens):
            repeat, value = _numbers(tokens[i + 1]), _numbers(tokens[i + 2])
            if repeat and value:
                out.extend([value[0]] * max(0, min(int(repeat[0]), count - len(out))))
            i += 3
        else:
            value = _numbers(tokens[i])
            if value:
                out.append(value[0])
            i += 1
    return out + [None] * (count - len(out))


def _advance(ch: str, size: float) -> float:
    return size * (0.5 if ch.isascii() else 1.0)


def text_chars(obj: etree._Element) -> list[Char]:
    """The characters of one TextObject, as boxes in points on the page."""
    bx, by = _boundary(obj)
    size = (_numbers(obj.get("Size")) or [3.5])[0]
    ctm = _matrix(obj.get("CTM"))
    scale = abs(ctm[3]) or 1.0
    out: list[Char] = []
    x = y = 0.0
    for code in obj.iterfind(f"{OFD}TextCode"):
        text = code.text or ""
        x = (_numbers(code.get("X")) or [x])[0]
        y = (_numbers(code.get("Y")) or [y])[0]
        dx, dy = deltas(code.get("DeltaX"), len(text)), deltas(code.get("DeltaY"), len(text))
        for i, ch in enumerate(text):
            if not ch.isspace():
                out.append(_char(ch, ctm, bx, by, x, y, size, scale))
            step = dx[i]
            x += step if step is not None else _advance(ch, size)
            y += dy[i] or 0.0
    return out


def _char(
    ch: str, ctm: Matrix, bx: float, by: float, x: float, y: float, size: float, scale: float
) -> Char:
    left, base = _apply(ctm, x, y)
    width, height = _advance(ch, size) * scale, size * scale
    return Char(
        ch,
        (bx + left) * PT_PER_MM,
        (by + base - 0.8 * height) * PT_PER_MM,
        (bx + left + width) * PT_PER_MM,
        (by + base + 0.2 * height) * PT_PER_MM,
    )


# --------------------------------------------------------------------------- rules


def path_rules(obj: etree._Element) -> list[Rule]:
    """The straight segments of one PathObject, in points on the page."""
    bx, by = _boundary(obj)
    ctm = _matrix(obj.get("CTM"))
    data = obj.findtext(f"{OFD}AbbreviatedData") or ""
    rules: list[Rule] = []
    start = here = None
    tokens = data.split()
    i = 0
    while i < len(tokens):
        op, args = tokens[i], _numbers(" ".join(tokens[i + 1 : i + 7]))
        if op in ("M", "S", "L") and len(args) >= 2:
            point = _apply(ctm, args[0], args[1])
            point = ((bx + point[0]) * PT_PER_MM, (by + point[1]) * PT_PER_MM)
            if op == "L" and here is not None:
                _segment(rules, here, point)
            else:
                start = point
            here = point
            i += 3
        elif op == "C":
            if here is not None and start is not None:
                _segment(rules, here, start)
            here = start
            i += 1
        else:  # curves and arcs: not table rules; skip the operator and its numbers
            i += 1
            while i < len(tokens) and _NUMBER.fullmatch(tokens[i]):
                i += 1
            here = None
    return rules


def _segment(rules: list[Rule], a: tuple[float, float], b: tuple[float, float]) -> None:
    (x0, y0), (x1, y1) = a, b
    if abs(y0 - y1) < 0.5 and abs(x1 - x0) >= MIN_RULE:
        rules.append(Rule(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) < 0.5 and abs(y1 - y0) >= MIN_RULE:
        rules.append(Rule(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))


# --------------------------------------------------------------------------- document


def _document_root(package: _Package) -> str:
    root = package.xml("OFD.xml")
    loc = root.findtext(f"{OFD}DocBody/{OFD}DocRoot")
    if not loc:
        raise UnreadableSource("corrupt OFD (OFD.xml names no document)", path=package.path)
    return _resolve("", loc)


def _pages(package: _Package, doc_path: str) -> tuple[list[str], dict[str, str]]:
    """The pages' content parts in page order, and template ID → template part."""
    doc = package.xml(doc_path)
    base = posixpath.dirname(doc_path)
    templates = {
        t.get("ID", ""): _resolve(base, t.get("BaseLoc", ""))
        for t in doc.iterfind(f"{OFD}CommonData/{OFD}TemplatePage")
    }
    pages = [_resolve(base, p.get("BaseLoc", "")) for p in doc.iterfind(f"{OFD}Pages/{OFD}Page")]
    if len(pages) > MAX_PAGES:
        raise UnreadableSource(
            f"OFD has {len(pages)} pages; the limit is {MAX_PAGES}", path=package.path
        )
    return pages, templates


def _objects(part: etree._Element) -> tuple[list[Char], list[Rule]]:
    chars: list[Char] = []
    rules: list[Rule] = []
    for obj in part.iter(f"{OFD}TextObject", f"{OFD}PathObject"):
        if obj.tag == f"{OFD}TextObject":
            chars.extend(text_chars(obj))
        else:
            rules.extend(path_rules(obj))
    return chars, rules


def read(data: bytes, path: str | None = None) -> Document:
    package = _Package(data, path)
    pages, templates = _pages(package, _document_root(package))
    drawn: dict[str, tuple[list[Char], list[Rule]]] = {}  # template part → its objects
    reader = PageReader(path)
    lines: list[Line] = []
    for number, content in enumerate(pages, 1):
        part = package.xml(content)
        chars, rules = _objects(part)
        for ref in part.iterfind(f"{OFD}Template"):
            loc = templates.get(ref.get("TemplateID", ""))
            if loc is not None:
                if loc not in drawn:
                    drawn[loc] = _objects(package.xml(loc))
                chars, rules = drawn[loc][0] + chars, drawn[loc][1] + rules
        lines.extend(reader.page(merge_rules(rules), number, chars))
    if not lines:
        raise UnreadableSource("OFD has no text (a scan without a text layer?)", path=path)
    return Document(lines, path=path, format="ofd")
