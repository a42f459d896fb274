"""The review workflow's queries (tables in :mod:`xxgk.store.schema.review`): submissions,
their versions and steps, review comments, finding marks.

The workflow itself — which step is allowed when — lives in :mod:`xxgk.office.submission`
and :mod:`xxgk.office.marks`; these are the reads and writes they share with the web app.
Writes run inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from xxgk.store.db import Store


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# ---------------------------------------------------------------------- submissions
_SUBMISSION = "unit_code, year, state, version, published_version, updated_by, updated_at"


def get_submission(*, store: Store, unit: str, year: int, lock: bool = False) -> tuple | None:
    suffix = store.for_update() if lock else ""
    return store.one(
        f"SELECT {_SUBMISSION} FROM submission WHERE unit_code = ? AND year = ?{suffix}",
        (unit, year),
    )


def year_submissions(*, store: Store, year: int) -> list[tuple]:
    return store.all(
        f"SELECT {_SUBMISSION} FROM submission WHERE year = ? ORDER BY unit_code", (year,)
    )


def put_submission(
    *,
    store: Store,
    unit: str,
    year: int,
    state: str,
    version: int,
    published_version: int | None,
    by: str,
    at: str,
    new: bool,
) -> None:
    if new:
        store.execute(
            f"INSERT INTO submission ({_SUBMISSION}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (unit, year, state, version, published_version, by, at),
        )
        return
    store.execute(
        "UPDATE submission SET state = ?, version = ?, published_version = ?, updated_by = ?,"
        " updated_at = ? WHERE unit_code = ? AND year = ?",
        (state, version, published_version, by, at, unit, year),
    )


# ---------------------------------------------------------------------- versions
_VERSION = (
    "unit_code, year, version, report, saved_by, saved_at, published_by, published_at,"
    " correction_note"
)


def get_version(*, store: Store, unit: str, year: int, version: int) -> tuple | None:
    return store.one(
        f"SELECT {_VERSION} FROM submission_version WHERE unit_code = ? AND year = ?"
        " AND version = ?",
        (unit, year, version),
    )


def list_versions(*, store: Store, unit: str, year: int) -> list[tuple]:
    return store.all(
        f"SELECT {_VERSION} FROM submission_version WHERE unit_code = ? AND year = ?"
        " ORDER BY version",
        (unit, year),
    )


def insert_version(
    *,
    store: Store,
    unit: str,
    year: int,
    version: int,
    report: str,
    by: str,
    at: str,
    correction_note: str | None = None,
) -> None:
    store.execute(
        "INSERT INTO submission_version (unit_code, year, version, report, saved_by, saved_at,"
        " correction_note) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (unit, year, version, report, by, at, correction_note),
    )


def update_draft(
    *, store: Store, unit: str, year: int, version: int, report: str, by: str, at: str
) -> None:
    """Overwrite an unpublished version's report (a published one is never touched)."""
    store.execute(
        "UPDATE submission_version SET report = ?, saved_by = ?, saved_at = ?"
        " WHERE unit_code = ? AND year = ? AND version = ? AND published_at IS NULL",
        (report, by, at, unit, year, version),
    )


def mark_published(*, store: Store, unit: str, year: int, version: int, by: str, at: str) -> None:
    store.execute(
        "UPDATE submission_version SET published_by = ?, published_at = ?"
        " WHERE unit_code = ? AND year = ? AND version = ? AND published_at IS NULL",
        (by, at, unit, year, version),
    )


# ---------------------------------------------------------------------- steps
_STEP = "id, unit_code, year, version, action, from_state, to_state, note, actor, at"


def add_step(
    *,
    store: Store,
    unit: str,
    year: int,
    version: int,
    action: str,
    from_state: str | None,
    to_state: str,
    note: str | None,
    by: str,
    at: str,
) -> int:
    row = store.one(
        "INSERT INTO submission_step (unit_code, year, version, action, from_state, to_state,"
        " note, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (unit, year, version, action, from_state, to_state, note, by, at),
    )
    assert row is not None
    return int(row[0])


def list_steps(*, store: Store, unit: str, year: int) -> list[tuple]:
    return store.all(
        f"SELECT {_STEP} FROM submission_step WHERE unit_code = ? AND year = ? ORDER BY id",
        (unit, year),
    )


# ---------------------------------------------------------------------- comments
_COMMENT = (
    "id, unit_code, year, version, step_id, section_key, table_name, row_key, column_key,"
    " body, author, created_at"
)


def add_comments(*, store: Store, rows: Sequence[Sequence[Any]]) -> None:
    """Rows of (unit, year, version, step_id, section, table, row, column, body, author, at)."""
    store.executemany(
        "INSERT INTO review_comment (unit_code, year, version, step_id, section_key, table_name,"
        " row_key, column_key, body, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def list_comments(*, store: Store, unit: str, year: int) -> list[tuple]:
    return store.all(
        f"SELECT {_COMMENT} FROM review_comment WHERE unit_code = ? AND year = ? ORDER BY id",
        (unit, year),
    )


# ---------------------------------------------------------------------- finding marks
_MARK = (
    "unit_code, year, fingerprint, rule, table_name, row_key, column_key, numbers, mark,"
    " reason, marked_by, marked_at"
)


def put_mark(*, store: Store, row: Sequence[Any]) -> None:
    """Insert or replace one mark: ``row`` in the column order of ``finding_mark``."""
    store.execute(
        "DELETE FROM finding_mark WHERE unit_code = ? AND year = ? AND fingerprint = ?",
        (row[0], row[1], row[2]),
    )
    store.execute(
        f"INSERT INTO finding_mark ({_MARK}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row
    )


def delete_mark(*, store: Store, unit: str, year: int, fingerprint: str) -> None:
    store.execute(
        "DELETE FROM finding_mark WHERE unit_code = ? AND year = ? AND fingerprint = ?",
        (unit, year, fingerprint),
    )


def list_marks(*, store: Store, unit: str | None, year: int) -> list[tuple]:
    if unit is None:
        return store.all(
            f"SELECT {_MARK} FROM finding_mark WHERE year = ? ORDER BY unit_code, fingerprint",
            (year,),
        )
    return store.all(
        f"SELECT {_MARK} FROM finding_mark WHERE unit_code = ? AND year = ? ORDER BY fingerprint",
        (unit, year),
    )
