"""The supervising office: the fetched archive, collected reports, conflicts, versions,
exemptions and per-kind deadlines (``xxgk office``).

* ``archive_blob`` — every fetched or collected byte, content-addressed by sha256.
* ``fetch_log`` — one row per HTTP request: URL, time, status, the blob, ETag/Last-Modified.
* ``office_report`` — a report collected for a unit-year: where it came from (file or URL),
  its publication date and where that date came from, the parsed year/edition/agency, error
  and warning counts, the Report JSON, a hash of its cells and texts, and its ``version`` per
  source (a re-fetch that finds other content adds version 2, keeping version 1).
* ``office_cell`` / ``office_section`` — the report's cells and section texts, for roll-ups,
  comparisons and similarity without re-reading JSON.
* ``office_conflict`` — two different reports for one unit-year.
* ``office_change`` — a report changed after publication (same source, other content).
* ``office_unmatched`` — a file or page that matched no unit, or several (never guessed).
* ``office_exemption`` — a unit excused for a year, with a note.
* ``office_deadline`` — the deadline (``MM-DD`` of the next year) per unit kind, for the whole
  store (``scope`` ``''``) or for the units under one office (``scope`` = its code).
"""

from __future__ import annotations

STEPS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE archive_blob (
            sha256 TEXT PRIMARY KEY,
            size {bigint} NOT NULL,
            content {blob} NOT NULL,
            stored_at TEXT NOT NULL)""",
        """CREATE TABLE fetch_log (
            id {serial},
            url TEXT NOT NULL,
            unit_code TEXT,
            fetched_at TEXT NOT NULL,
            http_status INTEGER,
            sha256 TEXT REFERENCES archive_blob(sha256),
            content_type TEXT, etag TEXT, last_modified TEXT,
            final_url TEXT, error TEXT)""",
        "CREATE INDEX fetch_log_url ON fetch_log (url, id)",
        """CREATE TABLE office_report (
            id {serial},
            unit_code TEXT NOT NULL REFERENCES unit(code),
            year INTEGER NOT NULL,
            source TEXT NOT NULL,
            source_kind TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            sha256 TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            text_hash TEXT NOT NULL DEFAULT '',
            table_hashes TEXT NOT NULL DEFAULT '',
            is_report INTEGER NOT NULL,
            report_year INTEGER,
            edition TEXT, agency TEXT, format TEXT, title TEXT,
            published_date TEXT, published_from TEXT NOT NULL DEFAULT 'unknown',
            errors INTEGER NOT NULL DEFAULT 0,
            warnings INTEGER NOT NULL DEFAULT 0,
            problem TEXT,
            report_json TEXT,
            collected_at TEXT NOT NULL,
            UNIQUE (unit_code, year, source, version))""",
        "CREATE INDEX office_report_year ON office_report (year, unit_code)",
        """CREATE TABLE office_cell (
            report_id {bigint} NOT NULL REFERENCES office_report(id),
            table_name TEXT NOT NULL, row_key TEXT NOT NULL, column_key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (report_id, table_name, row_key, column_key))""",
        # both covering (value included): compare reads one cell of many reports, roll-up
        # every cell of many reports, neither touching the table
        "CREATE INDEX office_cell_key ON office_cell"
        " (table_name, row_key, column_key, report_id, value)",
        "CREATE INDEX office_cell_report ON office_cell"
        " (report_id, table_name, row_key, column_key, value)",
        """CREATE TABLE office_section (
            report_id {bigint} NOT NULL REFERENCES office_report(id),
            section_key TEXT NOT NULL, text TEXT NOT NULL,
            PRIMARY KEY (report_id, section_key))""",
        """CREATE TABLE office_conflict (
            unit_code TEXT NOT NULL REFERENCES unit(code),
            year INTEGER NOT NULL,
            report_a {bigint} NOT NULL REFERENCES office_report(id),
            report_b {bigint} NOT NULL REFERENCES office_report(id),
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (unit_code, year, report_a, report_b))""",
        """CREATE TABLE office_change (
            unit_code TEXT NOT NULL REFERENCES unit(code),
            year INTEGER NOT NULL,
            source TEXT NOT NULL,
            old_report {bigint} NOT NULL REFERENCES office_report(id),
            new_report {bigint} NOT NULL REFERENCES office_report(id),
            kind TEXT NOT NULL,
            detected_at TEXT NOT NULL,
            PRIMARY KEY (old_report, new_report))""",
        """CREATE TABLE office_unmatched (
            year INTEGER NOT NULL,
            source TEXT NOT NULL,
            sha256 TEXT,
            reason TEXT NOT NULL,
            candidates TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (year, source))""",
        """CREATE TABLE office_exemption (
            unit_code TEXT NOT NULL REFERENCES unit(code),
            year INTEGER NOT NULL,
            note TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (unit_code, year))""",
        """CREATE TABLE office_deadline (
            scope TEXT NOT NULL,
            kind TEXT NOT NULL,
            month_day TEXT NOT NULL,
            PRIMARY KEY (scope, kind))""",
    ),
)
