"""XLSX: one sheet per table with one row per report, plus reports, findings, errors and a column
dictionary. Written with openpyxl's write-only mode, so rows stream to disk as they come and a
batch of any size stays in bounded memory.

Sheets: ``reports`` (who/when/edition/valid), ``active`` / ``requests`` / ``appeals`` (columns
``file`` then ``table.row.column`` for every cell of either edition; a report whose table is
absent has no row there), ``findings``, ``errors`` (files that could not be read) and ``columns``
(each ``table.row.column`` with its printed Chinese label). A cell holds the parsed number, or
the printed text when it printed no number (``-``, ``无``); an unprinted cell is empty.
"""

from __future__ import annotations

from typing import Any

from xxgk.errors import cannot_write
from xxgk.output.cells import xlsx_row
from xxgk.output.columns import labels, wide_keys
from xxgk.output.records import is_error

TABLES = ("active", "requests", "appeals")
REPORT_COLUMNS = (
    "file",
    "agency",
    "agency_from",
    "year",
    "year_from",
    "edition",
    "title",
    "format",
)
FINDING_COLUMNS = ("file", "rule", "severity", "table", "row", "column", "message", "message_en")


def _cell(cell: dict[str, Any] | None) -> Any:
    if cell is None:
        return None
    value = cell.get("value")
    return value if value is not None else (cell.get("raw") or None)


class XlsxSink:
    """Streams records into a workbook; the file is written on :meth:`close`."""

    def __init__(self, path: str) -> None:
        from openpyxl import Workbook

        self.path = path
        self.book = Workbook(write_only=True)
        self.sheets = {
            name: self.book.create_sheet(name)
            for name in ("reports", *TABLES, "findings", "errors", "columns")
        }
        self.sheets["reports"].append([*REPORT_COLUMNS, "valid", "errors", "warnings"])
        for name in TABLES:
            self.sheets[name].append(["file", *(f"{name}.{r}.{c}" for r, c in wide_keys(name))])
        self.sheets["findings"].append(list(FINDING_COLUMNS))
        self.sheets["errors"].append(["file", "error", "type"])
        self.sheets["columns"].append(["key", "table", "row", "column", "label"])
        for name in TABLES:
            for table, row, column, label in labels(name):
                self.sheets["columns"].append(
                    [f"{table}.{row}.{column}", table, row, column, label]
                )

    def write(
        self, record: dict[str, Any] | None, text: str | None = None, prepared: Any = None
    ) -> None:
        record = prepared if prepared is not None else record
        if record is None:
            return
        if is_error(record):
            self._append("errors", [record["file"], record["error"], record["type"]])
            return
        meta = record.get("meta") or {}
        findings = record.get("findings") or []
        counts = [sum(1 for f in findings if f["severity"] == s) for s in ("error", "warning")]
        self._append(
            "reports", [meta.get(k) for k in REPORT_COLUMNS] + [bool(record.get("valid")), *counts]
        )
        for name in TABLES:
            self._table_row(meta.get("file"), name, (record.get("tables") or {}).get(name))
        for f in findings:
            self._append("findings", [meta.get("file"), *(f.get(k) for k in FINDING_COLUMNS[1:])])

    def _table_row(self, file: str | None, name: str, table: dict[str, Any] | None) -> None:
        if table is None:
            return
        rows = table.get("rows") or {}
        self._append(name, [file, *(_cell(rows.get(r, {}).get(c)) for r, c in wide_keys(name))])

    def _append(self, name: str, values: list[Any]) -> None:
        """One row; text is always written as text (a leading ``=`` is no formula)."""
        sheet = self.sheets[name]
        sheet.append(xlsx_row(sheet, values))

    def close(self) -> None:
        try:
            self.book.save(self.path)
        except OSError as exc:
            raise cannot_write(self.path, exc) from None
