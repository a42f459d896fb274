"""The one store: a connection to the xxgk database, SQLite (a file, the default) or PostgreSQL
(a ``postgresql://`` URL), with transactions, bulk inserts and the one migration sequence.

* SQLite: WAL journal, foreign keys on, every write in ``BEGIN IMMEDIATE`` (one writer at a
  time, others wait up to 30 s — two officers writing at once lose nothing).
* PostgreSQL (needs ``psycopg``, extra ``xxgk[postgres]``): autocommit outside transactions;
  rows locked with ``SELECT … FOR UPDATE`` where a write re-reads what it changes.
* SQL is written with ``?`` placeholders; :meth:`Store.sql` turns them into ``%s`` for psycopg.
  Dialect words in migrations are placeholders: ``{serial}`` (auto-increment primary key),
  ``{blob}`` (bytes), ``{now}`` — see :mod:`xxgk.store.migrations`.

Only this package talks to the database (STYLE 15).
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


def resolve(target: str | os.PathLike[str] | None) -> str:
    """``--db`` → ``XXGK_DB`` → ``xxgk.db`` in the current directory."""
    if target is None:
        target = os.environ.get(ENV_DB) or DEFAULT_DB
    return os.fspath(target)


def is_postgres(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


class Store:
    """A connection to one xxgk database, with transactions and migrations.

    Opening applies the missing migration steps. ``create=False`` refuses a SQLite file that
    does not exist yet (``missing`` is the hint printed then)."""

    def __init__(
        self,
        target: str | os.PathLike[str] | None = None,
        *,
        create: bool = False,
        missing: str = "no database here (run: xxgk ledger init --db {target})",
    ) -> None:
        self.target = resolve(target)
        self.postgres = is_postgres(self.target)
        self._missing = missing
        self.conn = self._connect_pg() if self.postgres else self._connect_sqlite(create)
        self.migrate()

    # ------------------------------------------------------------------ connections
    def _connect_sqlite(self, create: bool) -> Any:
        path = Path(self.target)
        if not create and not path.exists():
            raise StoreError(self._missing.format(target=self.target), path=self.target)
        try:
            conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database: {exc}", path=self.target) from None
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

    def for_update(self) -> str:
        """The suffix that locks selected rows for this transaction (PostgreSQL; SQLite's
        lock is the whole file, taken by ``BEGIN IMMEDIATE``)."""
        return " FOR UPDATE" if self.postgres else ""

    def lock_request(self, request_id: str) -> tuple[Any, ...] | None:
        """Lock a request row for this transaction."""
        return self.one("SELECT id FROM requests WHERE id = ?" + self.for_update(), (request_id,))

    # ------------------------------------------------------------------ migrations
    def version(self) -> int:
        self.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = self.one("SELECT max(version) FROM schema_version")
        return int(row[0]) if row and row[0] is not None else 0

    def migrate(self) -> int:
        """Apply the missing migration steps; returns the schema version."""
        from xxgk.store.migrations import MIGRATIONS, dialect

        words = dialect(postgres=self.postgres)
        with self.transaction():
            current = self.version()
            for number, step in enumerate(MIGRATIONS[current:], start=current + 1):
                for statement in step:
                    for word, value in words.items():
                        statement = statement.replace(word, value)
                    self.execute(statement)
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
