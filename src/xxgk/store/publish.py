"""The public side's queries: published versions and their full-text search
(table ``report_text`` in :mod:`xxgk.store.schema.review`).

Search is a substring match over the report's text (its unit, title and sections):
SQLite answers it from an FTS5 index with the trigram tokenizer, PostgreSQL from a pg_trgm
GIN index; both fall back to a scan for terms shorter than three characters. ``%``, ``_`` and
``\\`` are taken out of a term (they would be wildcards).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from xxgk.store.db import Store

EXCERPT = 40  # characters either side of the first hit
TRIGRAM = 3


@dataclass(frozen=True)
class Published:
    unit: str
    year: int
    version: int
    unit_name: str
    title: str
    published_at: str
    correction_note: str | None
    latest: bool
    excerpt: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "year": self.year,
            "version": self.version,
            "unit_name": self.unit_name,
            "title": self.title,
            "published_at": self.published_at,
            "correction_note": self.correction_note,
            "latest": self.latest,
            "excerpt": self.excerpt,
        }


_COLUMNS = "unit_code, year, version, unit_name, title, published_at, correction_note, latest"


def add_published(
    *,
    store: Store,
    unit: str,
    year: int,
    version: int,
    unit_name: str,
    title: str,
    body: str,
    published_at: str,
    correction_note: str | None,
) -> None:
    """Index one newly published version (inside the caller's transaction); it becomes the
    latest of its unit-year."""
    store.execute(
        "UPDATE report_text SET latest = 0 WHERE unit_code = ? AND year = ?", (unit, year)
    )
    row = store.one(
        "INSERT INTO report_text (unit_code, year, version, unit_name, title, body, published_at,"
        " correction_note, latest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
        (unit, year, version, unit_name, title, body, published_at, correction_note),
    )
    if not store.postgres:
        assert row is not None
        store.execute("INSERT INTO report_text_fts (rowid, body) VALUES (?, ?)", (row[0], body))


def clean_term(term: str) -> str:
    return "".join(ch for ch in term if ch not in "%_\\").strip()


def _where(
    store: Store,
    *,
    year: int | None,
    unit: str | None,
    units: Sequence[str] | None,
    term: str,
) -> tuple[str, list[Any]]:
    clauses: list[str] = ["latest = 1"]
    params: list[Any] = []
    if year is not None:
        clauses.append("year = ?")
        params.append(year)
    if unit:
        clauses.append("(unit_code = ? OR unit_name LIKE ?)")
        params += [unit, f"%{clean_term(unit)}%"]
    if units is not None:
        clauses.append(
            "unit_code IN (SELECT value FROM json_each(?))"
            if not store.postgres
            else "unit_code = ANY(?)"
        )
        params.append(_json_list(units) if not store.postgres else list(units))
    if term:
        if store.postgres:
            clauses.append("body ILIKE ?")
        elif len(term) >= TRIGRAM:
            clauses.append("id IN (SELECT rowid FROM report_text_fts WHERE body LIKE ?)")
        elif term.isascii():  # shorter than a trigram (the index finds nothing): scan
            clauses.append("body LIKE ?")
        else:  # no letter case to fold: a plain substring scan is cheaper than LIKE
            clauses.append("instr(body, ?) > 0")
            params.append(term)
            return " AND ".join(clauses), params
        params.append(f"%{term}%")
    return " AND ".join(clauses), params


def _json_list(items: Sequence[str]) -> str:
    import json

    return json.dumps(list(items), ensure_ascii=False)


def search(
    *,
    store: Store,
    q: str | None = None,
    year: int | None = None,
    unit: str | None = None,
    units: Sequence[str] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Published], int]:
    """The latest published version of each unit-year matching the filters (newest year
    first, then unit code), one page of them, and how many match in all."""
    term = clean_term(q or "")
    where, params = _where(store, year=year, unit=unit, units=units, term=term)
    excerpt, extra = _excerpt(store, term)
    # with a search term, one pass gives the page and the total (a window count); without
    # one, the total comes from the index alone and the page reads only its rows
    counted = ", count(*) OVER ()" if term else ""
    rows = store.all(
        f"SELECT {_COLUMNS}, {excerpt}{counted} FROM report_text WHERE {where}"
        " ORDER BY year DESC, unit_code LIMIT ? OFFSET ?",
        [*extra, *params, limit, offset],
    )
    if rows and term:
        return [_published(r) for r in rows], int(rows[0][-1])
    total = store.one(f"SELECT count(*) FROM report_text WHERE {where}", params)
    return [_published(r) for r in rows], int(total[0]) if total else 0


def _excerpt(store: Store, term: str) -> tuple[str, list[Any]]:
    """The SQL of the text around the first hit (from the start when only a case-insensitive
    match was found)."""
    if not term:
        return "NULL", []
    find = "strpos(body, ?)" if store.postgres else "instr(body, ?)"
    start = "greatest" if store.postgres else "max"
    return f"substr(body, {start}(1, {find} - {EXCERPT}), {2 * EXCERPT + len(term)})", [term]


def versions(*, store: Store, unit: str, year: int) -> list[Published]:
    """Every published version of one unit-year, oldest first."""
    rows = store.all(
        f"SELECT {_COLUMNS}, NULL FROM report_text WHERE unit_code = ? AND year = ?"
        " ORDER BY version",
        (unit, year),
    )
    return [_published(r) for r in rows]


def years(*, store: Store) -> list[int]:
    return [
        int(r[0])
        for r in store.all(
            "SELECT DISTINCT year FROM report_text WHERE latest = 1 ORDER BY year DESC"
        )
    ]


def _published(row: Sequence[Any]) -> Published:
    return Published(
        unit=row[0],
        year=int(row[1]),
        version=int(row[2]),
        unit_name=row[3],
        title=row[4],
        published_at=row[5],
        correction_note=row[6],
        latest=bool(row[7]),
        excerpt=row[8],
    )
