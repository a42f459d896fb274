"""Load on the officer's desk: a store with 100,000 requests, 50 concurrent clients for 60 s on
the request list, the due list, request pages and the API, and two officers registering and
answering requests at the same time — nothing may be lost.

    python benchmarks/desk_load.py [--requests 100000] [--open 5000] [--clients 50]
                                   [--seconds 60] [--think 0.5] [--pg URL]

The server is ``xxgk serve`` (uvicorn, one worker) on 127.0.0.1 in a subprocess, SQLite by
default (``--pg``: PostgreSQL in a throw-away schema). Each client is a closed loop: one
request, then ``--think`` seconds, like an officer clicking through pages; page clients log in
with a session, API clients use a Bearer token. Reported: per kind of page, count, p50, p95,
max latency (ms), also of a static file fetched by the same clients as the reference (the ratio
shows what the desk adds to the web stack's own floor on this machine); errors (any status other than 200/201, or a transport error); and the
writers' check: every request they registered is there with its answer.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ledger_bench import TODAY, drop_schema, generate, pg_target  # noqa: E402

from xxgk import accounts  # noqa: E402
from xxgk.ledger.book import Ledger  # noqa: E402
from xxgk.ledger.store import EVENT_COLUMNS, REQUEST_COLUMNS  # noqa: E402
from xxgk.store import Store  # noqa: E402

UNIT = "320812001"
PASSWORD = "load-test-password-1"
WRITES = 200  # requests each writer registers and answers


def load_store(target: str, n: int, n_open: int) -> list[str]:
    store = Store(target, create=True)
    book = Ledger.init(store, "压力测试单位", unit=UNIT)
    requests, events = generate(n, n_open)
    with store.transaction() as s:
        s.bulk_insert("requests", ("unit_code", *REQUEST_COLUMNS), [(UNIT, *r) for r in requests])
        s.bulk_insert("events", ("unit_code", *EVENT_COLUMNS), [(UNIT, *e) for e in events])
    store.execute("VACUUM ANALYZE requests" if store.postgres else "ANALYZE")
    for name in ("wang", "li", "zhao"):
        accounts.add_user(store=store, name=name, role="officer", unit=UNIT, password=PASSWORD)
    book.close()
    store.close()
    return [r[0] for r in requests]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(target: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "xxgk", "serve", "--db", target, "--port", str(port)]
    with log.open("wb") as sink:  # a file, never a pipe nobody reads (a full pipe stalls it)
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=sink)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return proc
        time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


async def login(client, name: str) -> None:
    page = await client.get("/login")
    token = re.search(r'name="csrf-token" content="([^"]+)"', page.text)
    assert token, "no CSRF token on the login page"
    done = await client.post(
        "/login", data={"name": name, "password": PASSWORD, "csrf_token": token.group(1)}
    )
    assert done.status_code in (200, 303), done.status_code


def paths(ids: list[str], rng: random.Random) -> list[tuple[str, str, bool]]:
    """``(kind, path, api)`` choices, one of each kind per round."""
    rid = ids[rng.randrange(len(ids))]
    day = TODAY.isoformat()
    return [
        ("reference", "/static/app.css", False),  # the floor: a static file under the same load
        ("list page", f"/ledger/requests?today={day}&page={rng.randrange(1, 50)}", False),
        ("due page", f"/ledger/due?today={day}", False),
        ("request page", f"/ledger/requests/{rid}?today={day}", False),
        ("API list", f"/api/ledger/requests?today={day}&state=open", True),
        ("API request", f"/api/ledger/requests/{rid}", True),
        ("API due", f"/api/ledger/due?today={day}", True),
    ]


async def client_loop(base, token, ids, stop, think, results, errors, seed) -> None:
    import httpx

    rng = random.Random(seed)
    api = seed % 2 == 0
    headers = {"Authorization": f"Bearer {token}"} if api else {}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as client:
        if not api:
            await login(client, "zhao")
        await asyncio.sleep(rng.random() * think)
        while time.monotonic() < stop:
            choices = [p for p in paths(ids, rng) if p[2] == api]
            kind, path, _ = choices[rng.randrange(len(choices))]
            t0 = time.perf_counter()
            try:
                r = await client.get(path)
                why = "" if r.status_code == 200 else f"HTTP {r.status_code}"
            except Exception as exc:
                why = type(exc).__name__
            results.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
            if why:
                errors.append(f"{kind}: {why}")
            await asyncio.sleep(think)


async def writer(base, token, prefix, errors) -> list[str]:
    import httpx

    made = []
    async with httpx.AsyncClient(
        base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60
    ) as c:
        for i in range(WRITES):
            rid = f"{prefix}-{i:04d}"
            made.append(rid)
            try:
                r = await c.post(
                    "/api/ledger/requests",
                    json={"id": rid, "applicant_type": "natural_person", "received": "2025-01-06"},
                )
                e = await c.post(
                    f"/api/ledger/requests/{rid}/events",
                    json={"kind": "answered", "on": "2025-01-10", "outcome": "granted"},
                )
            except Exception as exc:  # a transport error is an error, and the request is lost
                errors.append(f"writer {prefix} {rid}: {type(exc).__name__}")
                continue
            if r.status_code != 201 or e.status_code != 201:
                errors.append(f"writer {prefix} {rid}: {r.status_code}/{e.status_code}")
    return made


async def run(base, tokens, ids, clients, seconds, think, writes=True):
    results: dict[str, list[float]] = {}
    errors: list[str] = []
    stop = time.monotonic() + seconds
    loops = [
        client_loop(base, tokens["zhao"], ids, stop, think, results, errors, seed)
        for seed in range(clients)
    ]
    writers = [writer(base, tokens["wang"], "W", errors), writer(base, tokens["li"], "L", errors)]
    if not writes:
        await asyncio.gather(*loops)
        return results, errors, []
    done = await asyncio.gather(*writers, *loops)
    return results, errors, done[0] + done[1]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def service_times(target: str, token: str, ids: list[str], rounds: int) -> dict[str, list[float]]:
    """Each page's own cost: the same paths, one at a time, in this process (no network, no
    other client) — what a request costs the server when the machine is not contended."""
    import warnings

    warnings.filterwarnings("ignore")
    from starlette.testclient import TestClient

    from xxgk.web.app import create_app

    rng = random.Random(1)
    out: dict[str, list[float]] = {}
    with TestClient(create_app(target), headers={"Authorization": f"Bearer {token}"}) as client:
        for _ in range(rounds):
            for kind, path, _api in paths(ids, rng):
                t0 = time.perf_counter()
                r = client.get(path)
                out.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200, (path, r.status_code)
    return out


def check_writes(target: str, made: list[str]) -> str:
    store = Store(target)
    book = Ledger(store, unit=UNIT)
    rows = store.all(
        "SELECT id, state, outcome FROM requests WHERE unit_code = ? AND (id LIKE 'W-%' OR id LIKE 'L-%')",
        (UNIT,),
    )
    answered = {r[0] for r in rows if r[1] == "closed" and r[2] == "granted"}
    events = store.one(
        "SELECT COUNT(*) FROM events WHERE unit_code = ? AND (request_id LIKE 'W-%' OR request_id LIKE 'L-%')",
        (UNIT,),
    )
    book.close()
    store.close()
    lost = sorted(set(made) - answered)
    return f"{len(answered)}/{len(made)} written requests answered, {events[0]} events, lost: {lost[:5] or 'none'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--open", type=int, default=5_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=0.5)
    parser.add_argument("--pg", default=None, help="PostgreSQL URL (default: SQLite)")
    parser.add_argument("--no-writers", action="store_true", help="Readers only.")
    parser.add_argument(
        "--service", type=int, default=100, help="Then N of each page one at a time (0: skip)."
    )
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        schema = None
        if args.pg:
            target, schema = pg_target(args.pg)
        else:
            target = str(Path(tmp) / "desk.db")
        try:
            t0 = time.perf_counter()
            ids = load_store(target, args.requests, args.open)
            print(
                f"store: {args.requests:,} requests ({args.open:,} open), loaded in {time.perf_counter() - t0:.1f} s (not counted)"
            )
            store = Store(target)
            tokens = {n: accounts.issue_token(store=store, name=n) for n in ("wang", "li", "zhao")}
            store.close()
            port = free_port()
            server = start_server(target, port, Path(tmp) / "server.log")
            try:
                results, errors, made = asyncio.run(
                    run(
                        f"http://127.0.0.1:{port}",
                        tokens,
                        ids,
                        args.clients,
                        args.seconds,
                        args.think,
                        not args.no_writers,
                    )
                )
            finally:
                server.terminate()
                server.wait(timeout=20)
            every = [v for vs in results.values() for v in vs]
            print(
                f"{args.clients} clients, {args.seconds:.0f} s, think {args.think} s; {len(every):,} requests ({len(every) / args.seconds:.0f}/s)"
            )
            print(f"{'page':<14} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
            for kind in sorted(results):
                vs = results[kind]
                print(
                    f"{kind:<14} {len(vs):>7} {pct(vs, 0.5):>8.1f} {pct(vs, 0.95):>8.1f} {max(vs):>8.1f}"
                )
            print(
                f"{'all':<14} {len(every):>7} {pct(every, 0.5):>8.1f} {pct(every, 0.95):>8.1f} {max(every):>8.1f}"
            )
            desk = [v for k, vs in results.items() if k != "reference" for v in vs]
            floor = results.get("reference") or [0.0]
            print(
                f"desk p95 {pct(desk, 0.95):.1f} ms = {pct(desk, 0.95) / max(pct(floor, 0.95), 0.001):.1f}x"
                f" the static-file reference's p95 ({pct(floor, 0.95):.1f} ms); load average"
                f" {os.getloadavg()[0]:.1f} at the end"
            )
            reasons: dict[str, int] = {}
            for e in errors:
                reasons[e] = reasons.get(e, 0) + 1
            print(f"errors: {len(errors)}" + (f" {reasons}" if errors else ""))
            print("two writers at once: " + check_writes(target, made))
            if args.service:
                alone = service_times(target, tokens["zhao"], ids, args.service)
                print(f"one request at a time, in process ({args.service} of each):")
                for kind in sorted(alone):
                    vs = alone[kind]
                    print(f"{kind:<14} p50 {pct(vs, 0.5):7.1f} ms  p95 {pct(vs, 0.95):7.1f} ms")
        finally:
            if schema and args.pg:
                drop_schema(args.pg, schema)


if __name__ == "__main__":
    main()
