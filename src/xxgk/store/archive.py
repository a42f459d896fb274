"""The content-addressed archive: every fetched or collected byte, stored once by sha256,
and the log of every HTTP request (tables in :mod:`xxgk.store.schema.office`)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from xxgk.store.db import Store


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def put_blob(*, store: Store, content: bytes) -> str:
    """Store ``content`` once; returns its sha256."""
    digest = sha256(content)
    if store.one("SELECT 1 FROM archive_blob WHERE sha256 = ?", (digest,)) is None:
        store.execute(
            "INSERT INTO archive_blob (sha256, size, content, stored_at) VALUES (?, ?, ?, ?)",
            (digest, len(content), content, now()),
        )
    return digest


def get_blob(*, store: Store, digest: str) -> bytes | None:
    row = store.one("SELECT content FROM archive_blob WHERE sha256 = ?", (digest,))
    return None if row is None else bytes(row[0])


@dataclass(frozen=True)
class Fetched:
    """One logged HTTP request."""

    url: str
    http_status: int | None
    sha256: str | None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    final_url: str | None = None
    error: str | None = None
    unit_code: str | None = None


def log_fetch(*, store: Store, fetched: Fetched) -> None:
    f = fetched
    store.execute(
        "INSERT INTO fetch_log (url, unit_code, fetched_at, http_status, sha256, content_type,"
        " etag, last_modified, final_url, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            f.url,
            f.unit_code,
            now(),
            f.http_status,
            f.sha256,
            f.content_type,
            f.etag,
            f.last_modified,
            f.final_url,
            f.error,
        ),
    )


def last_fetch(*, store: Store, url: str) -> Fetched | None:
    """The last successful (200) fetch of ``url``: for a conditional GET."""
    row = store.one(
        "SELECT url, http_status, sha256, content_type, etag, last_modified, final_url"
        " FROM fetch_log WHERE url = ? AND http_status = 200 AND sha256 IS NOT NULL"
        " ORDER BY id DESC LIMIT 1",
        (url,),
    )
    return None if row is None else Fetched(*row)


def fetch_count(*, store: Store) -> int:
    row = store.one("SELECT count(*) FROM fetch_log")
    return int(row[0]) if row else 0
