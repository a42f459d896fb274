"""CSV in long format: one line per printed cell — ``file, table, row, column, raw, value, unit``.

Long format because the two editions have different cells; every report fits the same five
columns and a spreadsheet pivot or ``GROUP BY`` rebuilds any table. ``value`` is the exact
number (``8827.8344``, ``-6``) or empty when the cell printed no number. ``xxgk check`` writes
one line per finding instead (:data:`FINDING_HEADER`). Text a spreadsheet would run as a
formula (``=…``, ``+…``, ``@…``) gets a ``'`` in front; numbers, negative ones included, do not
(:mod:`xxgk.output.cells`).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from xxgk.output.cells import csv_row

CELL_HEADER = ("file", "table", "row", "column", "raw", "value", "unit")
FINDING_HEADER = ("file", "rule", "severity", "table", "row", "column", "message")


def _text(rows: list[tuple[Any, ...]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(csv_row(r) for r in rows)
    return buf.getvalue()


def header(command: str = "parse") -> str:
    return _text([FINDING_HEADER if command == "check" else CELL_HEADER])


def _blank(value: Any) -> Any:
    return "" if value is None else value


def cell_rows(report: dict[str, Any]) -> list[tuple[Any, ...]]:
    file = _blank((report.get("meta") or {}).get("file"))
    out = []
    for table, data in (report.get("tables") or {}).items():
        for row, cols in ((data or {}).get("rows") or {}).items():
            for column, cell in cols.items():
                value = _blank(cell.get("value"))
                out.append(
                    (file, table, row, column, cell.get("raw", ""), value, _blank(cell.get("unit")))
                )
    return out


def finding_rows(record: dict[str, Any]) -> list[tuple[Any, ...]]:
    file = _blank(record.get("file") or (record.get("meta") or {}).get("file"))
    return [
        (
            file,
            f["rule"],
            f["severity"],
            _blank(f.get("table")),
            _blank(f.get("row")),
            _blank(f.get("column")),
            f.get("message", ""),
        )
        for f in record.get("findings") or ()
    ]


def render(record: dict[str, Any], command: str = "parse") -> str:
    """The CSV lines (no header) for one report or check record."""
    rows = finding_rows(record) if command == "check" else cell_rows(record)
    return _text(rows)
