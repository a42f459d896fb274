"""SQLite: a database a user can open in Datasette or any SQL tool (documented in docs/sqlite.md).

Tables: ``reports`` (one row per report), ``cells`` (one row per printed cell), ``sections``,
``findings``, ``errors`` (inputs that could not be read), ``labels`` (the form's printed label of
every cell key, for joins) and the view ``report_cells`` (cells with agency, year and label).
Cell, section and finding rows reference ``reports(id)`` with foreign keys.

Rows are inserted as records arrive and committed in batches; indexes are built once at the
end, which is several times faster than maintaining them during a bulk load. A ``value`` is
stored as a number for SQL arithmetic; ``value_text`` keeps money exact (``8827.8344``).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from xxgk.errors import cannot_write
from xxgk.output.columns import labels
from xxgk.output.jsonout import dumps
from xxgk.output.records import is_error

SCHEMA = """
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    file TEXT,
    agency TEXT,
    agency_from TEXT,
    compiler TEXT,
    year INTEGER,
    year_from TEXT,
    edition TEXT,
    title TEXT,
    format TEXT,
    valid INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    extra TEXT
);
CREATE TABLE cells (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    table_key TEXT NOT NULL,
    row_key TEXT NOT NULL,
    column_key TEXT NOT NULL,
    raw TEXT NOT NULL,
    value NUMERIC,
    value_text TEXT,
    unit TEXT,
    source TEXT,
    PRIMARY KEY (report_id, table_key, row_key, column_key)
);
CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    title TEXT,
    text TEXT
);
CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    table_key TEXT,
    row_key TEXT,
    column_key TEXT,
    message TEXT,
    message_en TEXT,
    numbers TEXT,
    suggestion TEXT,
    source TEXT
);
CREATE TABLE errors (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    error TEXT NOT NULL,
    type TEXT NOT NULL
);
CREATE TABLE labels (
    table_key TEXT NOT NULL,
    row_key TEXT NOT NULL,
    column_key TEXT NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (table_key, row_key, column_key)
);
CREATE VIEW report_cells AS
    SELECT r.id AS report_id, r.file, r.agency, r.year, r.edition,
           c.table_key, c.row_key, c.column_key, l.label, c.raw, c.value, c.unit
    FROM cells c
    JOIN reports r ON r.id = c.report_id
    LEFT JOIN labels l USING (table_key, row_key, column_key);
"""

INDEXES = """
CREATE INDEX cells_key ON cells (table_key, row_key, column_key);
CREATE INDEX sections_report ON sections (report_id);
CREATE INDEX findings_report ON findings (report_id);
CREATE INDEX findings_rule ON findings (rule);
CREATE INDEX reports_agency_year ON reports (agency, year);
"""

COMMIT_EVERY = 500


def _json(value: Any) -> str | None:
    return None if value is None else dumps(value)


def _number(value: Any) -> Any:
    return value if value is None or isinstance(value, int) else str(value)


class SqliteSink:
    """Writes records into a new database at ``path`` (an existing file is replaced)."""

    def __init__(self, path: str) -> None:
        target = Path(path)
        if target.is_dir():
            raise cannot_write(path, IsADirectoryError(21, "is a directory"))
        target.unlink(missing_ok=True)
        try:
            self.db = sqlite3.connect(path)
        except sqlite3.Error as exc:
            raise cannot_write(path, str(exc)) from None
        self.db.execute("PRAGMA journal_mode = OFF")  # a fresh file: nothing to roll back to
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.executescript(SCHEMA)
        rows = [t for name in ("active", "requests", "appeals") for t in labels(name)]
        self.db.executemany("INSERT INTO labels VALUES (?, ?, ?, ?)", rows)
        self.pending = 0

    def write(
        self, record: dict[str, Any] | None, text: str | None = None, prepared: Rows | None = None
    ) -> None:
        """Insert one record; ``prepared`` (from :func:`prepare`, made in a batch worker) saves
        the parent the work of building the rows."""
        rows = (
            prepared if prepared is not None else (prepare(record) if record is not None else None)
        )
        if rows is None:
            return
        if "error" in rows:
            self.db.execute(
                "INSERT INTO errors (file, error, type) VALUES (?, ?, ?)", rows["error"]
            )
        else:
            self._insert(rows)
        self.pending += 1
        if self.pending >= COMMIT_EVERY:
            self.db.commit()
            self.pending = 0

    def _insert(self, rows: Rows) -> None:
        cur = self.db.execute(
            "INSERT INTO reports (file, agency, agency_from, compiler, year, year_from, edition, title,"
            " format, valid, errors, warnings, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows["report"],
        )
        rid = cur.lastrowid
        self.db.executemany(
            "INSERT INTO cells VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(rid, *r) for r in rows["cells"]],
        )
        self.db.executemany(
            "INSERT INTO sections (report_id, key, title, text) VALUES (?, ?, ?, ?)",
            [(rid, *r) for r in rows["sections"]],
        )
        self.db.executemany(
            "INSERT INTO findings (report_id, rule, severity, table_key, row_key, column_key, message,"
            " message_en, numbers, suggestion, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(rid, *r) for r in rows["findings"]],
        )

    def close(self) -> None:
        self.db.executescript(INDEXES)
        self.db.commit()
        self.db.execute("PRAGMA journal_mode = DELETE")
        self.db.close()


META_COLUMNS = (
    "file",
    "agency",
    "agency_from",
    "compiler",
    "year",
    "year_from",
    "edition",
    "title",
    "format",
)
Rows = dict[str, Any]


def prepare(record: dict[str, Any]) -> Rows:
    """A record as the rows this sink inserts (without the report id, which the database assigns).
    Pure and picklable, so batch workers do this work and the parent only inserts."""
    if is_error(record):
        return {"error": (record["file"], record["error"], record["type"])}
    meta = record.get("meta") or {}
    findings = record.get("findings") or []
    counts = [sum(1 for f in findings if f["severity"] == s) for s in ("error", "warning")]
    report = (*(meta.get(k) for k in META_COLUMNS), int(bool(record.get("valid"))), *counts)
    return {
        "report": (*report, _json(meta.get("extra") or None)),
        "cells": _cell_rows(record),
        "sections": [
            (s["key"], s.get("title"), s.get("text")) for s in record.get("sections") or ()
        ],
        "findings": [_finding_row(f) for f in findings],
    }


def _cell_rows(record: dict[str, Any]) -> list[tuple[Any, ...]]:
    out = []
    for table, data in (record.get("tables") or {}).items():
        for row, cols in ((data or {}).get("rows") or {}).items():
            for column, cell in cols.items():
                value = cell.get("value")
                text = None if value is None else str(value)
                raw, unit, source = cell.get("raw", ""), cell.get("unit"), _json(cell.get("source"))
                out.append((table, row, column, raw, _number(value), text, unit, source))
    return out


def _finding_row(f: dict[str, Any]) -> tuple[Any, ...]:
    return (
        f["rule"],
        f["severity"],
        f.get("table"),
        f.get("row"),
        f.get("column"),
        f.get("message"),
        f.get("message_en"),
        _json(f.get("numbers") or {}),
        _json(f.get("suggestion")),
        _json(f.get("source")),
    )


def read_json(text: str | None) -> Any:
    """Decode a JSON column (numbers, suggestion, source) as written by this module."""
    return None if text is None else json.loads(text)
