"""The supervising office's queries: collected reports, their cells and texts, conflicts,
changes after publication, unmatched files, exemptions and deadlines (tables in
:mod:`xxgk.store.schema.office`). The behaviour lives in :mod:`xxgk.office`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from xxgk.store.archive import now
from xxgk.store.db import Store


@dataclass(frozen=True)
class StoredReport:
    """One collected report of a unit-year (without its JSON)."""

    id: int
    unit_code: str
    year: int
    source: str
    source_kind: str
    version: int
    sha256: str
    content_hash: str
    text_hash: str
    table_hashes: str  # ``active=…;requests=…`` (tables with a number other than 0)
    is_report: bool
    report_year: int | None
    edition: str | None
    agency: str | None
    format: str | None
    title: str | None
    published_date: str | None
    published_from: str
    errors: int
    warnings: int
    problem: str | None
    collected_at: str


REPORT_COLUMNS = tuple(f.name for f in fields(StoredReport))
_SELECT = "SELECT " + ", ".join(REPORT_COLUMNS) + " FROM office_report"


def _report(row: Sequence[Any]) -> StoredReport:
    values = list(row)
    values[10] = bool(values[10])
    return StoredReport(*values)


def insert_report(
    *,
    store: Store,
    values: dict[str, Any],
    report_json: str | None,
    cells: Iterable[tuple[str, str, str, str]],
    sections: Iterable[tuple[str, str]],
) -> int:
    """Insert one report with its cells and texts (inside the caller's transaction)."""
    names = [c for c in REPORT_COLUMNS if c != "id" and c != "collected_at"]
    cols = ", ".join([*names, "report_json", "collected_at"])
    marks = ", ".join("?" for _ in range(len(names) + 2))
    params = [values.get(n) for n in names]
    params[names.index("is_report")] = int(bool(values.get("is_report")))
    store.execute(
        f"INSERT INTO office_report ({cols}) VALUES ({marks})", [*params, report_json, now()]
    )
    row = store.one(
        "SELECT id FROM office_report WHERE unit_code = ? AND year = ? AND source = ?"
        " AND version = ?",
        (values["unit_code"], values["year"], values["source"], values["version"]),
    )
    assert row is not None
    report_id = int(row[0])
    store.bulk_insert(
        "office_cell",
        ("report_id", "table_name", "row_key", "column_key", "value"),
        [(report_id, *c) for c in cells],
    )
    store.bulk_insert(
        "office_section", ("report_id", "section_key", "text"), [(report_id, *s) for s in sections]
    )
    return report_id


def latest_from_source(*, store: Store, unit: str, year: int, source: str) -> StoredReport | None:
    row = store.one(
        _SELECT + " WHERE unit_code = ? AND year = ? AND source = ? ORDER BY version DESC LIMIT 1",
        (unit, year, source),
    )
    return None if row is None else _report(row)


def current_reports(
    *, store: Store, years: Sequence[int], unit: str | None = None
) -> list[StoredReport]:
    """The latest version from every source of every unit-year in ``years`` (of one unit)."""
    marks = ", ".join("?" for _ in years)
    only = " AND unit_code = ?" if unit is not None else ""
    rows = store.all(
        _SELECT + f" r WHERE year IN ({marks}){only} AND version = (SELECT max(version) FROM"
        " office_report v WHERE v.unit_code = r.unit_code AND v.year = r.year"
        " AND v.source = r.source) ORDER BY unit_code, year, id",
        [*years, *([unit] if unit is not None else [])],
    )
    return [_report(r) for r in rows]


def report_versions(*, store: Store, unit: str, year: int) -> list[StoredReport]:
    rows = store.all(
        _SELECT + " WHERE unit_code = ? AND year = ? ORDER BY source, version", (unit, year)
    )
    return [_report(r) for r in rows]


def report_json(*, store: Store, report_id: int) -> str | None:
    row = store.one("SELECT report_json FROM office_report WHERE id = ?", (report_id,))
    return None if row is None else row[0]


def number(text: str) -> int | Decimal:
    return Decimal(text) if "." in text or "E" in text else int(text)


def cells_of(
    *, store: Store, report_ids: Sequence[int]
) -> dict[int, dict[tuple[str, str, str], int | Decimal]]:
    """``{report_id: {(table, row, column): value}}``."""
    out: dict[int, dict[tuple[str, str, str], int | Decimal]] = {i: {} for i in report_ids}
    for chunk in _chunks(list(report_ids), 500):
        marks = ", ".join("?" for _ in chunk)
        for rid, t, r, c, v in store.all(
            "SELECT report_id, table_name, row_key, column_key, value FROM office_cell"
            f" WHERE report_id IN ({marks})",
            chunk,
        ):
            out[int(rid)][(t, r, c)] = number(v)
    return out


def cell_values(
    *, store: Store, report_ids: Sequence[int], keys: Sequence[tuple[str, str, str]]
) -> dict[int, dict[tuple[str, str, str], int | Decimal]]:
    """Only the cells named in ``keys`` of the given reports."""
    out: dict[int, dict[tuple[str, str, str], int | Decimal]] = {i: {} for i in report_ids}
    wanted = set(keys)
    for t, r, c in wanted:
        for chunk in _chunks(list(report_ids), 500):
            marks = ", ".join("?" for _ in chunk)
            for rid, v in store.all(
                "SELECT report_id, value FROM office_cell WHERE table_name = ? AND row_key = ?"
                f" AND column_key = ? AND report_id IN ({marks})",
                [t, r, c, *chunk],
            ):
                out[int(rid)][(t, r, c)] = number(v)
    return out


def cell_totals(
    *, store: Store, report_ids: Sequence[int]
) -> dict[tuple[str, str, str], tuple[int, int | Decimal]]:
    """``{(table, row, column): (how many reports print it, their sum)}`` — integers summed by
    the database, decimal values (money) exactly in Python."""
    out: dict[tuple[str, str, str], tuple[int, int | Decimal]] = {}
    cast = "BIGINT" if store.postgres else "INTEGER"
    for chunk in _chunks(list(report_ids), 500):
        marks = ", ".join("?" for _ in chunk)
        rows = store.all(
            "SELECT table_name, row_key, column_key, count(*), sum(CASE WHEN value NOT LIKE ?"
            f" THEN CAST(value AS {cast}) END) FROM office_cell WHERE report_id IN ({marks})"
            " GROUP BY table_name, row_key, column_key",
            ["%.%", *chunk],
        )
        for t, r, c, n, total in rows:
            before = out.get((t, r, c), (0, 0))
            out[(t, r, c)] = (before[0] + int(n), before[1] + int(total or 0))
        for t, r, c, v in store.all(
            "SELECT table_name, row_key, column_key, value FROM office_cell"
            f" WHERE report_id IN ({marks}) AND value LIKE ?",
            [*chunk, "%.%"],
        ):
            n, total = out[(t, r, c)]
            out[(t, r, c)] = (n, total + Decimal(v))
    return out


def printers(*, store: Store, report_ids: Sequence[int], key: tuple[str, str, str]) -> set[int]:
    """The reports (of ``report_ids``) that print the cell ``key``."""
    found: set[int] = set()
    for chunk in _chunks(list(report_ids), 500):
        marks = ", ".join("?" for _ in chunk)
        found |= {
            int(r[0])
            for r in store.all(
                "SELECT report_id FROM office_cell WHERE table_name = ? AND row_key = ?"
                f" AND column_key = ? AND report_id IN ({marks})",
                [*key, *chunk],
            )
        }
    return found


def sections_of(*, store: Store, report_ids: Sequence[int]) -> dict[int, dict[str, str]]:
    out: dict[int, dict[str, str]] = {i: {} for i in report_ids}
    for chunk in _chunks(list(report_ids), 500):
        marks = ", ".join("?" for _ in chunk)
        for rid, key, text in store.all(
            f"SELECT report_id, section_key, text FROM office_section WHERE report_id IN ({marks})",
            chunk,
        ):
            out[int(rid)][key] = text
    return out


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ---------------------------------------------------------------- conflicts and changes
def add_conflict(*, store: Store, unit: str, year: int, a: int, b: int) -> None:
    a, b = min(a, b), max(a, b)
    if store.one(
        "SELECT 1 FROM office_conflict WHERE unit_code = ? AND year = ? AND report_a = ?"
        " AND report_b = ?",
        (unit, year, a, b),
    ):
        return
    store.execute(
        "INSERT INTO office_conflict (unit_code, year, report_a, report_b, recorded_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (unit, year, a, b, now()),
    )


def add_change(
    *, store: Store, unit: str, year: int, source: str, old: int, new: int, kind: str
) -> None:
    store.execute(
        "INSERT INTO office_change (unit_code, year, source, old_report, new_report, kind,"
        " detected_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (unit, year, source, old, new, kind, now()),
    )


def changes(*, store: Store, year: int) -> list[tuple[str, str, int, int, str, str]]:
    """``(unit, source, old_report, new_report, kind, detected_at)`` of a year."""
    return [
        (r[0], r[1], int(r[2]), int(r[3]), r[4], r[5])
        for r in store.all(
            "SELECT unit_code, source, old_report, new_report, kind, detected_at FROM office_change"
            " WHERE year = ? ORDER BY unit_code, detected_at",
            (year,),
        )
    ]


# ---------------------------------------------------------------- unmatched
def put_unmatched(
    *, store: Store, year: int, source: str, sha: str | None, reason: str, candidates: str
) -> None:
    store.execute("DELETE FROM office_unmatched WHERE year = ? AND source = ?", (year, source))
    store.execute(
        "INSERT INTO office_unmatched (year, source, sha256, reason, candidates, recorded_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (year, source, sha, reason, candidates, now()),
    )


def clear_unmatched(*, store: Store, year: int, source: str) -> None:
    store.execute("DELETE FROM office_unmatched WHERE year = ? AND source = ?", (year, source))


def unmatched(*, store: Store, year: int) -> list[tuple[str, str, str]]:
    return [
        (r[0], r[1], r[2])
        for r in store.all(
            "SELECT source, reason, candidates FROM office_unmatched WHERE year = ? ORDER BY source",
            (year,),
        )
    ]


# ---------------------------------------------------------------- exemptions, deadlines
def set_exemption(*, store: Store, unit: str, year: int, note: str | None) -> None:
    """Mark (``note``) or unmark (``None``) a unit exempt for a year."""
    store.execute("DELETE FROM office_exemption WHERE unit_code = ? AND year = ?", (unit, year))
    if note is not None:
        store.execute(
            "INSERT INTO office_exemption (unit_code, year, note, recorded_at) VALUES (?, ?, ?, ?)",
            (unit, year, note, now()),
        )


def exemptions(*, store: Store, year: int) -> dict[str, str]:
    return dict(store.all("SELECT unit_code, note FROM office_exemption WHERE year = ?", (year,)))


def set_deadline(*, store: Store, scope: str, kind: str, month_day: str) -> None:
    store.execute("DELETE FROM office_deadline WHERE scope = ? AND kind = ?", (scope, kind))
    store.execute(
        "INSERT INTO office_deadline (scope, kind, month_day) VALUES (?, ?, ?)",
        (scope, kind, month_day),
    )


def deadlines(*, store: Store) -> dict[tuple[str, str], str]:
    return {
        (r[0], r[1]): r[2] for r in store.all("SELECT scope, kind, month_day FROM office_deadline")
    }
