"""A report record (``Report.to_dict()``) → the rows of each resource, in field order.

Pure functions over the record dict, so the build loop stays a loop. A report's id is a
fingerprint of what it says — agency, year and every printed cell's value — so the same report
read from an HTML page and from its PDF attachment gets the same id (and is kept once); a report
whose agency or year is unknown is identified by its file's bytes instead.
"""

from __future__ import annotations

import hashlib
from typing import Any

from xxgk.form import MONEY_COLUMNS
from xxgk.output.columns import wide_keys
from xxgk.output.jsonout import dumps

Row = tuple[Any, ...]
ID_LENGTH = 16


def _cells(record: dict[str, Any]):
    for table, data in (record.get("tables") or {}).items():
        for row, cols in ((data or {}).get("rows") or {}).items():
            for column, cell in cols.items():
                yield table, row, column, cell


def _printed(cell: dict[str, Any]) -> str:
    value = cell.get("value")
    return (cell.get("raw") or "").strip() if value is None else str(value)


def content_id(record: dict[str, Any]) -> str | None:
    """The fingerprint of agency + year + every cell's value; None when agency or year is unknown."""
    meta = record.get("meta") or {}
    if not meta.get("agency") or meta.get("year") is None:
        return None
    lines = sorted(f"{t}\t{r}\t{c}\t{_printed(cell)}" for t, r, c, cell in _cells(record))
    text = "\n".join([str(meta["agency"]), str(meta["year"]), *lines])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:ID_LENGTH]


def bytes_id(sha256: str) -> str:
    return sha256[:ID_LENGTH]


def _split(value: Any, money: bool) -> tuple[int | None, str | None]:
    """``value`` (counts) and ``amount`` (money cells of the form, as exact decimal text):
    one of the two, or neither."""
    if value is None or isinstance(value, bool):
        return None, None
    if money or not isinstance(value, int):
        return None, str(value)
    return value, None


_NO_SOURCE: dict[str, Any] = {}


def _box(src: dict[str, Any]) -> str | None:
    box = src.get("box")
    return ",".join(f"{v:g}" for v in box) if box else None


def cell_rows(record: dict[str, Any], rid: str) -> list[Row]:
    """The ``cells`` rows of a report (the hot loop of a build: kept flat)."""
    out = []
    money = MONEY_COLUMNS
    for table, data in (record.get("tables") or {}).items():
        for row, cols in ((data or {}).get("rows") or {}).items():
            for column, cell in cols.items():
                v = cell.get("value")
                value: int | None
                amount: str | None
                if v.__class__ is int and (row, column) not in money:
                    value, amount = v, None
                else:
                    value, amount = _split(v, (row, column) in money)
                s = cell.get("source") or _NO_SOURCE
                out.append(
                    (
                        rid,
                        table,
                        row,
                        column,
                        cell.get("raw", ""),
                        value,
                        amount,
                        cell.get("unit"),
                        s.get("page"),
                        s.get("line"),
                        s.get("column"),
                        s.get("table"),
                        s.get("row"),
                        s.get("col"),
                        _box(s) if "box" in s else None,
                    )
                )
    return out


def _json(value: Any) -> str | None:
    return None if value is None else dumps(value)


def finding_rows(record: dict[str, Any], rid: str) -> list[Row]:
    out = []
    for seq, f in enumerate(record.get("findings") or (), start=1):
        src = f.get("source") or {}
        out.append(
            (
                rid,
                seq,
                f["rule"],
                f.get("severity"),
                f.get("table"),
                f.get("row"),
                f.get("column"),
                f.get("message"),
                f.get("message_en"),
                _json(f.get("numbers") or {}),
                _json(f.get("suggestion")),
                src.get("page"),
                src.get("line"),
            )
        )
    return out


def section_rows(record: dict[str, Any], rid: str) -> list[Row]:
    return [
        (rid, seq, s.get("key"), s.get("title"), s.get("text"))
        for seq, s in enumerate(record.get("sections") or (), start=1)
    ]


def wide_row(record: dict[str, Any], rid: str, table: str) -> Row | None:
    """One row of ``wide_<table>``, or None when the report has no such table."""
    data = (record.get("tables") or {}).get(table)
    if not data:
        return None
    meta, rows = record.get("meta") or {}, data.get("rows") or {}
    values: list[Any] = []
    for r, c in wide_keys(table):
        cell = rows.get(r, _NO_SOURCE).get(c)
        v = None if cell is None else cell.get("value")
        if v is None or (v.__class__ is int and (r, c) not in MONEY_COLUMNS):
            values.append(v)
        else:
            values.append(_split(v, (r, c) in MONEY_COLUMNS)[1])
    return (rid, meta.get("agency"), meta.get("year"), data.get("edition"), *values)


def severities(record: dict[str, Any]) -> dict[str, int]:
    """Findings by severity."""
    out = {"error": 0, "warning": 0, "info": 0}
    for f in record.get("findings") or ():
        severity = f.get("severity", "info")
        out[severity] = out.get(severity, 0) + 1
    return out
