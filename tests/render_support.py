"""Shared helpers for the render tests: sample reports and an independent reader of
the table structure in a DOCX's ``word/document.xml`` (not xxgk's own layout code)."""

from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass

from lxml import etree

from xxgk.synth.reports import make_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def sample(edition: str, seed: int = 7):
    return make_report(random.Random(seed), edition)


@dataclass
class XmlCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    vertical: str | None


def docx_tables(data: bytes) -> list[list[XmlCell]]:
    """Every table's anchor cells with spans, decoded from gridSpan / vMerge."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return [_table_cells(t) for t in root.iter(f"{W}tbl")]


def _table_cells(tbl) -> list[XmlCell]:
    anchors: dict[tuple[int, int], XmlCell] = {}
    cells: list[XmlCell] = []
    for r, tr in enumerate(tbl.findall(f"{W}tr")):
        col = 0
        for tc in tr.findall(f"{W}tc"):
            pr = tc.find(f"{W}tcPr")
            span_el = pr.find(f"{W}gridSpan") if pr is not None else None
            span = int(span_el.get(f"{W}val")) if span_el is not None else 1
            vm = pr.find(f"{W}vMerge") if pr is not None else None
            td = pr.find(f"{W}textDirection") if pr is not None else None
            text = "".join(t.text or "" for t in tc.iter(f"{W}t"))
            if vm is not None and vm.get(f"{W}val") != "restart":
                above = anchors[(r - 1, col)]
                above.rowspan += 1
                anchors[(r, col)] = above
            else:
                cell = XmlCell(r, col, 1, span, text, td.get(f"{W}val") if td is not None else None)
                cells.append(cell)
                anchors[(r, col)] = cell
            col += span
    return cells


def find(cells: list[XmlCell], text: str) -> XmlCell:
    hits = [c for c in cells if c.text == text]
    assert len(hits) == 1, (text, hits)
    return hits[0]
