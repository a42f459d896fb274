"""Report records (JSON lines, in input order) → the package's files, one record at a time.

What is kept per report while building is a row in a small staging database on disk, never the
report itself, so memory stays flat however many reports there are. De-duplication:

* the same bytes under two names were found before parsing (``same_bytes``; parsed once);
* the same agency, year and cells from another file — an HTML page and its PDF — is the report
  already written (``same_content``): its cells are not written twice, the file is listed among
  the report's sources;
* two reports of the same agency and year that differ are both kept, and both get
  ``conflict = true`` and ``versions`` = how many there are.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xxgk import form
from xxgk.dataset import rows as r
from xxgk.dataset.schema import CELLS, FINDINGS, LABELS, REPORTS, RULES, SECTIONS, SOURCES, wide
from xxgk.dataset.writers import ResourceWriter, index_sql
from xxgk.output.jsonout import loads

STAGE = """
CREATE TABLE source (seq INTEGER PRIMARY KEY, file TEXT UNIQUE, sha256 TEXT, bytes INTEGER,
                     report_id TEXT, status TEXT, same_as TEXT, error TEXT);
CREATE TABLE report (report_id TEXT PRIMARY KEY, seq INTEGER, agency TEXT, year INTEGER,
                     row TEXT);
CREATE INDEX source_report ON source (report_id);
"""
INDEXES = """
CREATE INDEX reports_agency_year ON reports (agency, year);
CREATE INDEX findings_rule ON findings (rule);
CREATE INDEX sources_report ON sources (report_id);
"""


@dataclass(frozen=True, slots=True)
class Input:
    """One input file as hashed before parsing."""

    file: str
    sha256: str | None
    bytes: int | None
    same_as: str | None = None  # an earlier file with the same bytes
    error: str | None = None  # it could not even be read


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    return db


class Builder:
    """Receives records in input order and writes every resource under ``root``."""

    def __init__(self, root: Path, inputs: list[Input]) -> None:
        self.root = root
        self.db = _connect(root / "xxgk.db")
        self.stage = _connect(root / "stage.db")
        self.stage.executescript(STAGE)
        self.stage.executemany(
            "INSERT INTO source (file, sha256, bytes, status, same_as, error) VALUES (?,?,?,?,?,?)",
            [(i.file, i.sha256, i.bytes, _status(i), i.same_as, i.error) for i in inputs],
        )
        self.inputs = {i.file: i for i in inputs if i.same_as is None and i.error is None}
        self.writers = {
            res.name: ResourceWriter(res, root, self.db)
            for res in (CELLS, FINDINGS, SECTIONS, *(wide(t) for t in form.TABLES))
        }
        self.seq = 0

    # ----------------------------------------------------------------- records

    def add(self, record: dict[str, Any]) -> None:
        if record.get("schema") == "xxgk/error/1":
            self._source(record["file"], None, "unreadable", error=record.get("error"))
            return
        file = (record.get("meta") or {}).get("file")
        known = self.inputs.get(file or "")
        sha = known.sha256 if known else None
        rid = r.content_id(record) or r.bytes_id(sha or "")
        if self.stage.execute("SELECT 1 FROM report WHERE report_id = ?", (rid,)).fetchone():
            self._source(file, rid, "same_content")
            return
        self._source(file, rid, "report")
        self._write(record, rid, file, sha)

    def _source(
        self, file: str | None, rid: str | None, status: str, error: str | None = None
    ) -> None:
        self.stage.execute(
            "UPDATE source SET report_id = ?, status = ?, error = ? WHERE file = ?",
            (rid, status, error, file),
        )

    def _write(self, record: dict[str, Any], rid: str, file: str | None, sha: str | None) -> None:
        cells = r.cell_rows(record, rid)
        self.writers["cells"].write(cells)
        self.writers["findings"].write(r.finding_rows(record, rid))
        self.writers["sections"].write(r.section_rows(record, rid))
        for table in form.TABLES:
            row = r.wide_row(record, rid, table)
            if row is not None:
                self.writers[f"wide_{table}"].write([row])
        meta, n = record.get("meta") or {}, r.severities(record)
        report: list[Any] = [rid, *(meta.get(k) for k in REPORTS.names[1:9]), file, sha]
        report += [None, None, bool(record.get("valid")), n["error"], n["warning"], n["info"]]
        report += [len(cells), None, None]
        self.seq += 1
        self.stage.execute(
            "INSERT INTO report VALUES (?, ?, ?, ?, ?)",
            (
                rid,
                self.seq,
                meta.get("agency"),
                meta.get("year"),
                json.dumps(report, ensure_ascii=False),
            ),
        )

    # ----------------------------------------------------------------- the end

    def finish(self) -> dict[str, int]:
        """Write the resources that depend on every report → row count of every resource."""
        counts = {name: w.close() for name, w in self.writers.items()}
        self._settle_duplicates()
        counts["reports"] = self._reports()
        counts["sources"] = self._sources()
        counts["rules"] = self._static(RULES, _rule_rows())
        counts["labels"] = self._static(LABELS, _label_rows())
        self.db.executescript(INDEXES + index_sql(CELLS))
        self.db.commit()
        self.db.execute("PRAGMA journal_mode = DELETE")
        self.db.close()
        self.stage.close()
        (self.root / "stage.db").unlink()
        return counts

    def _settle_duplicates(self) -> None:
        """A file with the same bytes as another is whatever that one became."""
        self.stage.execute(
            "UPDATE source SET report_id = (SELECT o.report_id FROM source o WHERE o.file = source.same_as),"
            " error = (SELECT o.error FROM source o WHERE o.file = source.same_as),"
            " status = CASE WHEN (SELECT o.report_id FROM source o WHERE o.file = source.same_as)"
            " IS NULL THEN 'unreadable' ELSE 'same_bytes' END WHERE same_as IS NOT NULL"
        )

    def _versions(self) -> dict[tuple[Any, Any], int]:
        query = "SELECT agency, year, count(*) FROM report WHERE agency IS NOT NULL AND year IS NOT NULL GROUP BY agency, year"
        return {(a, y): n for a, y, n in self.stage.execute(query)}

    def _reports(self) -> int:
        versions, writer = self._versions(), ResourceWriter(REPORTS, self.root, self.db)
        query = "SELECT report_id, agency, year, row FROM report ORDER BY seq"
        for rid, agency, year, text in self.stage.execute(query):  # streamed, never all held
            row = json.loads(text)
            files = [
                f
                for (f,) in self.stage.execute(
                    "SELECT file FROM source WHERE report_id = ? ORDER BY seq", (rid,)
                )
            ]
            n = versions.get((agency, year), 1)
            row[11], row[12], row[18], row[19] = files, len(files), n, n > 1
            writer.write([tuple(row)])
        return writer.close()

    def _sources(self) -> int:
        writer = ResourceWriter(SOURCES, self.root, self.db)
        query = (
            "SELECT file, sha256, bytes, report_id, status, same_as, error FROM source ORDER BY seq"
        )
        for row in self.stage.execute(query):
            writer.write([row])
        return writer.close()

    def _static(self, res: Any, rows: list[tuple[Any, ...]]) -> int:
        writer = ResourceWriter(res, self.root, self.db)
        writer.write(rows)
        return writer.close()


def _status(i: Input) -> str | None:
    if i.error is not None:
        return "unreadable"
    return "same_bytes" if i.same_as else None


def _rule_rows() -> list[tuple[Any, ...]]:
    from xxgk.rules import RULES as REGISTRY

    return [
        (rule.id, rule.severity, rule.phase, rule.ref, rule.title, rule.zh, rule.en)
        for rule in sorted(REGISTRY.values(), key=lambda x: x.id)
    ]


def _label_rows() -> list[tuple[Any, ...]]:
    from xxgk.output.columns import labels, wide_keys

    out = []
    for table in form.TABLES:
        keyed = dict(zip(wide_keys(table), labels(table), strict=True))
        for (row, column), (_, _, _, label) in keyed.items():
            eds = [ed for ed in form.EDITIONS if (row, column) in form.cell_keys(table, ed)]
            out.append((table, row, column, label, ",".join(eds)))
    return out


def consume(lines: Any, root: Path, inputs: list[Input]) -> dict[str, int]:
    """Every JSON line of ``lines`` into a package under ``root`` → row counts."""
    builder = Builder(root, inputs)
    for line in lines:
        if line.strip():
            builder.add(loads(line))
    return builder.finish()
