"""Shared fixtures of the ledger tests: a fresh ledger on SQLite and on PostgreSQL.

The PostgreSQL ledger lives in a schema of its own per test (``search_path`` in the URL),
so tests can run in parallel. Without ``XXGK_TEST_PG_URL`` the postgres case *fails* in CI
(``CI`` set) and is skipped, with the reason shown, elsewhere.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from xxgk.ledger.book import Ledger

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def pg_url() -> str:
    url = os.environ.get("XXGK_TEST_PG_URL")
    if url:
        return url
    message = "XXGK_TEST_PG_URL is not set (run scripts/test, or: export XXGK_TEST_PG_URL=$(bash scripts/start-postgres))"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def with_schema(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}"


def make_target(backend: str, tmp_path) -> Iterator[str]:
    """A database target string for ``backend``: a file path, or a URL with a fresh schema."""
    if backend == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    import psycopg

    url = pg_url()
    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield with_schema(url, schema)
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=BACKENDS)
def db_target(request, tmp_path) -> Iterator[str]:
    yield from make_target(request.param, tmp_path)


@pytest.fixture
def ledger(db_target) -> Iterator[Ledger]:
    book = Ledger.init(db_target, agency="示例市司法局")
    yield book
    book.close()
