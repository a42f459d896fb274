"""What a rendered report prints, independent of the output format.

Every writer asks this module for the title, the sections in the form's order, the
text of each value cell and the provenance stamp (xxgk version + data checksum), so
that DOCX, HTML, PDF and Markdown print the same words.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from xxgk import form
from xxgk.model import Cell, Report, Table
from xxgk.render import layout

GENERATOR = "xxgk"


def version() -> str:
    from xxgk import __version__

    return __version__


def edition(report: Report, table: Table | None = None) -> str:
    """The edition to print a table in: the table's own, the report's, or the year's."""
    if table is not None and table.edition in form.EDITIONS:
        return table.edition
    if report.meta.edition in form.EDITIONS:
        return report.meta.edition
    if report.meta.year:
        return form.edition_for_year(report.meta.year)
    return form.EDITIONS[-1]


def table_grid(report: Report, name: str) -> layout.Grid:
    """The grid table ``name`` is printed in: its edition's, with a 2021 table 三's single
    2019 （六）其他处理 row (``other``, read as requests-other-single) kept, not dropped."""
    data = report.table(name)
    single = (
        data is not None
        and "other" in data.rows
        and not any(key.startswith("other.") for key in data.rows)
    )
    return layout.grid(name, edition(report, data), single_other=single)


def title(report: Report) -> str:
    """The report's title line; the parser reads agency and year from it."""
    meta = report.meta
    if meta.title:
        return meta.title
    year = f"{meta.year}年" if meta.year else ""
    return f"{meta.agency or ''}{year}政府信息公开工作年度报告"


def number_text(value: int | Decimal) -> str:
    """A number as an officer writes it: no exponent, no trailing ``.0`` added."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def cell_text(report: Report, table: Table | None, key: tuple[str, str]) -> str:
    """What to print in a value cell: the printed ``raw`` of a parsed cell, the
    canonical number of a cell made from data, with a unit the form does not print."""
    cell = table.cell(*key) if table is not None else None
    if cell is None:
        return ""
    text = _cell_raw(cell)
    form_unit = form.FORM_UNITS.get((edition(report, table), *key))
    if cell.unit and cell.unit != form_unit and cell.unit not in text and text:
        text += cell.unit
    return text


def _cell_raw(cell: Cell) -> str:
    if cell.value is None:
        return cell.raw.strip()
    if not cell.raw or cell.raw == str(cell.value):
        return number_text(cell.value)
    return cell.raw.strip()


@dataclass(frozen=True)
class Part:
    """One of the six sections as printed: heading, paragraphs, the table it holds."""

    key: str
    heading: str
    paragraphs: tuple[str, ...]
    table: str | None


def parts(report: Report) -> list[Part]:
    """The six sections in the form's order; missing ones print their form heading.
    A table the report does not have (``None``) is not printed: render what is there."""
    out = []
    for sec in form.SECTIONS:
        printed = report.section(sec.key)
        heading = printed.title.strip() if printed and printed.title.strip() else sec.heading
        text = printed.text if printed else ""
        paragraphs = tuple(p.strip() for p in text.splitlines() if p.strip())
        table = sec.table if sec.table and report.table(sec.table) is not None else None
        out.append(Part(sec.key, heading, paragraphs, table))
    return out


def canonical_data(report: Report) -> dict[str, Any]:
    """The data a rendering prints, without provenance: what the checksum covers."""
    meta = report.meta
    tables = {
        name: None
        if t is None
        else {r: {c: _cell_raw(cell) for c, cell in cols.items()} for r, cols in t.rows.items()}
        for name, t in report.tables.items()
    }
    return {
        "meta": {
            "agency": meta.agency,
            "year": meta.year,
            "edition": meta.edition,
            "title": title(report),
        },
        "tables": tables,
        "sections": [
            {"key": p.key, "heading": p.heading, "text": "\n".join(p.paragraphs)}
            for p in parts(report)
        ],
    }


def checksum(report: Report) -> str:
    """sha256 of the canonical data JSON (sorted keys, compact, UTF-8)."""
    data = json.dumps(
        canonical_data(report), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def stamp(report: Report) -> str:
    """One line recording who made the file from which data."""
    return f"{GENERATOR} {version()}; data sha256:{checksum(report)}"
