"""Review and publication: submissions, reviews and comments, finding marks, published
versions and the public full-text index (the web app, part 2).

* ``submission``: one unit's annual report for one year — its state in the workflow
  (draft → submitted → returned | approved → published → corrected), the working version.
* ``submission_version``: the Report JSON of each version, who saved it and when; a published
  version (``published_at`` set) is never written again; a correction is a new version with its
  更正说明 (``correction_note``).
* ``submission_step``: every step of the workflow (who, when, from which state to which).
* ``review_comment``: a reviewer's comment on a section or a cell, tied to the return step.
* ``finding_mark``: a finding confirmed or dismissed (with the reason), keyed by its fingerprint.
* ``report_text``: the public side — one row per published version, its text for search
  (SQLite: FTS5 with the trigram tokenizer; PostgreSQL: a pg_trgm GIN index).
"""

from __future__ import annotations

STEPS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE submission (
            unit_code TEXT NOT NULL REFERENCES unit(code),
            year INTEGER NOT NULL,
            state TEXT NOT NULL,
            version INTEGER NOT NULL,
            published_version INTEGER,
            updated_by TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (unit_code, year))""",
        "CREATE INDEX submission_year ON submission (year, unit_code)",
        """CREATE TABLE submission_version (
            unit_code TEXT NOT NULL,
            year INTEGER NOT NULL,
            version INTEGER NOT NULL,
            report TEXT NOT NULL,
            saved_by TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            published_by TEXT,
            published_at TEXT,
            correction_note TEXT,
            PRIMARY KEY (unit_code, year, version),
            FOREIGN KEY (unit_code, year) REFERENCES submission (unit_code, year))""",
        """CREATE TABLE submission_step (
            id {serial},
            unit_code TEXT NOT NULL,
            year INTEGER NOT NULL,
            version INTEGER NOT NULL,
            action TEXT NOT NULL,
            from_state TEXT,
            to_state TEXT NOT NULL,
            note TEXT,
            actor TEXT NOT NULL,
            at TEXT NOT NULL)""",
        "CREATE INDEX submission_step_unit ON submission_step (unit_code, year, id)",
        """CREATE TABLE review_comment (
            id {serial},
            unit_code TEXT NOT NULL,
            year INTEGER NOT NULL,
            version INTEGER NOT NULL,
            step_id INTEGER NOT NULL,
            section_key TEXT,
            table_name TEXT,
            row_key TEXT,
            column_key TEXT,
            body TEXT NOT NULL,
            author TEXT NOT NULL,
            created_at TEXT NOT NULL)""",
        "CREATE INDEX review_comment_unit ON review_comment (unit_code, year, step_id)",
        """CREATE TABLE finding_mark (
            unit_code TEXT NOT NULL,
            year INTEGER NOT NULL,
            fingerprint TEXT NOT NULL,
            rule TEXT NOT NULL,
            table_name TEXT,
            row_key TEXT,
            column_key TEXT,
            numbers TEXT NOT NULL,
            mark TEXT NOT NULL,
            reason TEXT,
            marked_by TEXT NOT NULL,
            marked_at TEXT NOT NULL,
            PRIMARY KEY (unit_code, year, fingerprint))""",
        """CREATE TABLE report_text (
            id {serial},
            unit_code TEXT NOT NULL,
            year INTEGER NOT NULL,
            version INTEGER NOT NULL,
            unit_name TEXT NOT NULL,
            title TEXT NOT NULL,
            published_at TEXT NOT NULL,
            correction_note TEXT,
            latest INTEGER NOT NULL,
            body TEXT NOT NULL,
            UNIQUE (unit_code, year, version))""",
        # the list reads the short columns only: ``body`` (long) is the last column
        "CREATE INDEX report_text_latest ON report_text (latest, year DESC, unit_code)",
        "{sqlite_only}CREATE VIRTUAL TABLE report_text_fts USING fts5(body, content='report_text', content_rowid='id', tokenize='trigram')",
        "{postgres_only}CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public",
        "{postgres_only}CREATE INDEX report_text_body ON report_text USING gin (body public.gin_trgm_ops)",
    ),
)
