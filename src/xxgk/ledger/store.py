"""Where the ledger lives: one SQLite file by default, PostgreSQL when given a URL.

* SQLite: WAL journal, foreign keys on, every write in ``BEGIN IMMEDIATE`` (one writer at a
  time, others wait up to 30 s — two officers writing at once lose nothing).
* PostgreSQL (``postgresql://…``, needs ``psycopg``): every write in a transaction that
  locks the request row (``SELECT … FOR UPDATE``) before re-folding its events.
* Migrations are numbered steps (:data:`MIGRATIONS`); ``schema_version`` records the last
  one applied, and opening a ledger applies the missing ones in one transaction.

**Events are the source of truth.** The ``requests`` row carries a *cache* of what the events
fold to (``received_on``, ``applicant_type``, ``state``, ``outcome``, ``answered_on`` and the
running deadlines), rewritten in the same transaction as every event append, so the year's
tables are one ``GROUP BY`` and the due list one indexed scan. The cached deadlines are
recomputed for every open request whenever the local calendar table changes.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from xxgk.errors import StoreError, missing_extra

DEFAULT_DB = "xxgk.db"
ENV_DB = "XXGK_DB"

REQUEST_COLUMNS: tuple[str, ...] = (
    "id",
    "applicant_type",
    "applicant",
    "channel",
    "description",
    "received_on",
    "state",
    "outcome",
    "answered_on",
    "answer_due",
    "correction_due",
    "reply_due",
    "warnings",
)
EVENT_COLUMNS: tuple[str, ...] = (
    "request_id",
    "kind",
    "on_date",
    "data",
    "recorded_by",
    "recorded_at",
)

# Each step is a list of statements; {serial} is the dialect's auto-increment primary key.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE requests (
            id TEXT PRIMARY KEY,
            applicant_type TEXT NOT NULL,
            applicant TEXT, channel TEXT, description TEXT,
            received_on TEXT NOT NULL,
            state TEXT NOT NULL,
            outcome TEXT, answered_on TEXT,
            answer_due TEXT, correction_due TEXT, reply_due TEXT, warnings TEXT)""",
        """CREATE TABLE events (
            id {serial},
            request_id TEXT NOT NULL REFERENCES requests(id),
            kind TEXT NOT NULL, on_date TEXT NOT NULL, data TEXT NOT NULL,
            recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL)""",
        "CREATE INDEX events_request ON events (request_id, id)",
        "CREATE INDEX requests_year ON requests (received_on, answered_on, applicant_type, outcome)",
        "CREATE INDEX requests_open ON requests (answer_due) WHERE state <> 'closed'",
        """CREATE TABLE calendar_days (
            day TEXT PRIMARY KEY, workday INTEGER NOT NULL, note TEXT,
            recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL)""",
        """CREATE TABLE appeals (
            id TEXT PRIMARY KEY,
            request_id TEXT NOT NULL REFERENCES requests(id),
            kind TEXT NOT NULL, filed_on TEXT NOT NULL,
            result TEXT, decided_on TEXT,
            recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
            decided_by TEXT, decided_at TEXT)""",
        "CREATE INDEX appeals_year ON appeals (filed_on, decided_on)",
    ),
    (  # 2: the due list reads open requests from the index alone (no table look-ups), and
        # the year's GROUP BY applicant_type, outcome streams in index order (no sort)
        "CREATE INDEX requests_group ON requests (applicant_type, outcome, received_on, answered_on)",
        "DROP INDEX requests_open",
        """CREATE INDEX requests_open ON requests (answer_due, id, reply_due, correction_due, warnings, state)
            WHERE state <> 'closed'""",
    ),
)


def resolve(target: str | os.PathLike[str] | None) -> str:
    """``--db`` → ``XXGK_DB`` → ``xxgk.db`` in the current directory."""
    if target is None:
        target = os.environ.get(ENV_DB) or DEFAULT_DB
    return os.fspath(target)


def is_postgres(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


class Store:
    """A connection to one ledger database, with transactions and migrations."""

    def __init__(
        self, target: str | os.PathLike[str] | None = None, *, create: bool = False
    ) -> None:
        self.target = resolve(target)
        self.postgres = is_postgres(self.target)
        self.conn = self._connect_pg() if self.postgres else self._connect_sqlite(create)
        self.migrate()

    # ------------------------------------------------------------------ connections
    def _connect_sqlite(self, create: bool) -> Any:
        path = Path(self.target)
        if not create and not path.exists():
            raise StoreError(
                f"no ledger here (run: xxgk ledger init --db {self.target})", path=self.target
            )
        try:
            conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the ledger: {exc}", path=self.target) from None
        return conn

    def _connect_pg(self) -> Any:
        try:
            import psycopg
        except ImportError:
            raise missing_extra("postgres", "a PostgreSQL ledger") from None
        try:
            return psycopg.connect(self.target, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {str(exc).strip()}") from None

    def close(self) -> None:
        self.conn.close()

    # ------------------------------------------------------------------ SQL
    def sql(self, statement: str) -> str:
        """Our SQL uses ``?`` placeholders; psycopg wants ``%s``."""
        return statement.replace("?", "%s") if self.postgres else statement

    def execute(self, statement: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self.conn.execute(self.sql(statement), tuple(params))
        except Exception as exc:
            raise self._error(exc) from None

    def all(self, statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self.execute(statement, params).fetchall())

    def one(self, statement: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        return self.execute(statement, params).fetchone()

    def executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        try:
            if self.postgres:
                with self.conn.cursor() as cur:
                    cur.executemany(self.sql(statement), rows)
            else:
                self.conn.executemany(statement, rows)
        except Exception as exc:
            raise self._error(exc) from None

    def _error(self, exc: Exception) -> Exception:
        if isinstance(exc, StoreError):
            return exc
        if is_unique_violation(exc):
            return DuplicateKey(str(exc).strip().splitlines()[0])
        return StoreError(
            f"database error: {str(exc).strip().splitlines()[0]}", path=_display(self.target)
        )

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """All or nothing. SQLite takes the write lock at once (``BEGIN IMMEDIATE``)."""
        self.execute("BEGIN" if self.postgres else "BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.execute("ROLLBACK")
            raise
        self.execute("COMMIT")

    def lock_request(self, request_id: str) -> tuple[Any, ...] | None:
        """Lock a request row for this transaction (PostgreSQL; SQLite's lock is the file)."""
        suffix = " FOR UPDATE" if self.postgres else ""
        return self.one("SELECT id FROM requests WHERE id = ?" + suffix, (request_id,))

    # ------------------------------------------------------------------ migrations
    def version(self) -> int:
        self.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = self.one("SELECT max(version) FROM schema_version")
        return int(row[0]) if row and row[0] is not None else 0

    def migrate(self) -> int:
        """Apply the missing migration steps; returns the schema version."""
        with self.transaction():
            current = self.version()
            serial = (
                "BIGSERIAL PRIMARY KEY" if self.postgres else "INTEGER PRIMARY KEY AUTOINCREMENT"
            )
            for number, step in enumerate(MIGRATIONS[current:], start=current + 1):
                for statement in step:
                    self.execute(statement.replace("{serial}", serial))
                self.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
        return len(MIGRATIONS)

    # ------------------------------------------------------------------ bulk
    def bulk_insert(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> None:
        """Insert many rows (inside the caller's transaction): COPY on PostgreSQL."""
        if not rows:
            return
        names = ", ".join(columns)
        if not self.postgres:
            marks = ", ".join("?" for _ in columns)
            self.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
            return
        try:
            with self.conn.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        except Exception as exc:
            raise self._error(exc) from None


class DuplicateKey(StoreError):
    """A primary key that already exists (turned into a LedgerError by the caller)."""


def is_unique_violation(exc: Exception) -> bool:
    if isinstance(exc, sqlite3.IntegrityError):
        return "UNIQUE" in str(exc)
    return type(exc).__name__ == "UniqueViolation"


def _display(target: str) -> str:
    """A database name for messages, without a password."""
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", target)
