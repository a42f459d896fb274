"""Ledger benchmark: the year's tables from 1,000,000 requests, and the due list of 100,000
open requests, on SQLite and (when a URL is given) PostgreSQL.

    python benchmarks/ledger_bench.py [--requests 1000000] [--open 100000] [--pg URL]

``--pg`` defaults to ``XXGK_TEST_PG_URL``; the PostgreSQL run uses a throw-away schema.
Generating and bulk-inserting the rows (executemany / COPY in one transaction) is timed
separately and not counted; the figures that matter are ``report`` and ``due``, each the
best of three runs from a freshly opened ledger (a new CLI process does the same work).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import tempfile
import time
import uuid
from pathlib import Path

from xxgk import form
from xxgk.ledger import model as m
from xxgk.ledger.book import Ledger, event_row
from xxgk.ledger.calendar import Calendar
from xxgk.ledger.store import EVENT_COLUMNS, REQUEST_COLUMNS

YEAR = 2024
TODAY = dt.date(2025, 1, 15)


def generate(n: int, n_open: int, seed: int = 7) -> tuple[list[tuple], list[tuple]]:
    """Cached request rows and their events: received mid-2023..2025-01; ``n_open`` still open."""
    rng = random.Random(seed)
    cal = Calendar()
    start = dt.date(2023, 7, 1).toordinal()
    span = dt.date(2025, 1, 10).toordinal() - start
    types, outcomes = form.APPLICANT_TYPES, m.OUTCOMES
    requests, events = [], []
    open_ids = set(rng.sample(range(n), n_open))
    for i in range(n):
        rid = f"B{i:07d}"
        received = dt.date.fromordinal(start + rng.randrange(span))
        kind = types[rng.randrange(6)] if rng.random() < 0.4 else "natural_person"
        events.append(
            event_row(m.Event(rid, m.RECEIVED, received, {"applicant_type": kind}, "bench", "t"))
        )
        if i in open_ids:
            due = cal.nth_after(received, m.ANSWER_DAYS)
            notice = cal.nth_after(received, m.CORRECTION_NOTICE_DAYS)
            warn = "; ".join(due.warnings) or None
            requests.append(
                (
                    rid,
                    kind,
                    None,
                    None,
                    None,
                    received.isoformat(),
                    m.OPEN,
                    None,
                    None,
                    due.day.isoformat(),
                    notice.day.isoformat(),
                    None,
                    warn,
                )
            )
            continue
        answered = received + dt.timedelta(days=rng.randrange(1, 40))
        outcome = outcomes[rng.randrange(len(outcomes))] if rng.random() < 0.5 else "granted"
        events.append(
            event_row(m.Event(rid, m.ANSWERED, answered, {"outcome": outcome}, "bench", "t"))
        )
        requests.append(
            (
                rid,
                kind,
                None,
                None,
                None,
                received.isoformat(),
                m.CLOSED,
                outcome,
                answered.isoformat(),
                None,
                None,
                None,
                None,
            )
        )
    return requests, events


def load(target: str, requests: list[tuple], events: list[tuple]) -> float:
    book = Ledger.init(target)
    t0 = time.perf_counter()
    unit = book.unit
    with book.store.transaction() as s:
        s.bulk_insert("requests", ("unit_code", *REQUEST_COLUMNS), [(unit, *r) for r in requests])
        s.bulk_insert("events", ("unit_code", *EVENT_COLUMNS), [(unit, *e) for e in events])
    if book.store.postgres:
        book.store.execute("VACUUM ANALYZE requests")
    else:
        book.store.execute("ANALYZE")
        book.store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    book.close()
    return time.perf_counter() - t0


def best_of(fn, runs: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def measure(name: str, target: str, requests: list[tuple], events: list[tuple]) -> None:
    loaded = load(target, requests, events)
    print(
        f"[{name}] bulk insert {len(requests):,} requests + {len(events):,} events: {loaded:.1f} s (not counted)"
    )

    def report():
        book = Ledger(target)
        try:
            return book.report(YEAR)
        finally:
            book.close()

    def due():
        book = Ledger(target)
        try:
            return book.due(TODAY)
        finally:
            book.close()

    t_report, rep = best_of(report)
    table = rep.table("requests")
    print(
        f"[{name}] report --year {YEAR}: {t_report:.3f} s  "
        f"(new_received {table.value('new_received', 'total'):,}, carried_over {table.value('carried_over', 'total'):,}, "
        f"answered {table.value('total', 'total'):,}, carried_forward {table.value('carried_forward', 'total'):,})"
    )
    t_due, items = best_of(due)
    overdue = sum(1 for i in items if i.overdue)
    print(
        f"[{name}] due --today {TODAY}: {t_due:.3f} s  ({len(items):,} deadlines, {overdue:,} overdue)"
    )


def pg_target(url: str) -> tuple[str, str]:
    import psycopg

    schema = "bench_" + uuid.uuid4().hex[:8]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}", schema


def drop_schema(url: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--open", type=int, default=100_000)
    parser.add_argument("--pg", default=os.environ.get("XXGK_TEST_PG_URL"))
    parser.add_argument("--only", choices=("sqlite", "postgresql"), help="Run one backend only.")
    args = parser.parse_args()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    t0 = time.perf_counter()
    requests, events = generate(args.requests, args.open)
    print(
        f"generated {len(requests):,} requests ({args.open:,} open) in {time.perf_counter() - t0:.1f} s (not counted)"
    )
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory() as tmp:
            measure("sqlite", str(Path(tmp) / "bench.db"), requests, events)
    if args.only == "sqlite":
        return
    if args.pg:
        target, schema = pg_target(args.pg)
        try:
            measure("postgresql", target, requests, events)
        finally:
            drop_schema(args.pg, schema)
    else:
        print("[postgresql] skipped: give --pg URL or set XXGK_TEST_PG_URL")


if __name__ == "__main__":
    main()
