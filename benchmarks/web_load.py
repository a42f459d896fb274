"""Load on the web app, bounded and on loopback only: start ``xxgk serve`` on a prepared SQLite
(or PostgreSQL) store, run N concurrent clients (httpx, asyncio) for T seconds over the given
targets, and report p50 / p95 / max latency, requests/s and errors per target.

Reusable — targets and setup are parameters::

    python benchmarks/web_load.py --get /check --post-file /api/check=../shared/seeds/004_b5e3c6d34f5d9b8f.txt
    python benchmarks/web_load.py --setup mybench:fill --user wang:officer:320812001 \\
        --get /ledger/requests --get /api/ledger/due?today=2025-03-01 --clients 50 --seconds 60

* ``--setup MODULE:FUNCTION`` — called as ``FUNCTION(store)`` with an open
  :class:`xxgk.store.Store` before the server starts (fill the ledger, add units …);
  MODULE is imported with ``benchmarks/`` on the path.
* ``--user NAME:ROLE[:UNIT]`` — an account created for the run; every request carries its
  API token (``Authorization: Bearer``), so pages and API are reached as that user.
* The reference: ``--reference PATH`` (default a static file) is loaded the same way first, and
  each target's p95 is also given as a ratio to it (same machine, same run).

From Python: ``run(targets, clients=…, seconds=…)`` → the same figures as a dict.
Bounds: at most 200 clients, 300 s, 1,000,000 requests; the server listens on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

MAX_CLIENTS, MAX_SECONDS, MAX_REQUESTS = 200, 300.0, 1_000_000
HOST = "127.0.0.1"


@dataclass
class Target:
    method: str
    path: str
    files: dict[str, tuple[str, bytes]] | None = None
    data: dict[str, str] | None = None
    json: Any = None

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    samples: list[str] = field(default_factory=list)  # the first few errors, to see why

    def error(self, text: str) -> None:
        self.errors += 1
        if len(self.samples) < 5:
            self.samples.append(text[:200])

    def summary(self, seconds: float) -> dict[str, Any]:
        ms = sorted(x * 1000 for x in self.latencies)
        if not ms:
            return {
                "requests": 0,
                "errors": self.errors,
                "statuses": self.statuses,
                "error_samples": self.samples,
            }
        return {
            "requests": len(ms),
            "errors": self.errors,
            "statuses": self.statuses,
            "per_second": round(len(ms) / seconds, 1),
            "p50_ms": round(statistics.median(ms), 1),
            "p95_ms": round(ms[max(0, int(len(ms) * 0.95) - 1)], 1),
            "max_ms": round(ms[-1], 1),
            "error_samples": self.samples,
        }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


# ---------------------------------------------------------------------- the server
def prepare(db: str, setup: str | None, users: list[str]) -> dict[str, str]:
    """Open (create, migrate) the store, run the setup, make the users → their tokens."""
    from xxgk import accounts
    from xxgk.store import Store
    from xxgk.store import accounts as rows

    store = Store(db, create=True)
    try:
        if setup:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            module, _, function = setup.partition(":")
            getattr(importlib.import_module(module), function)(store)
        tokens = {}
        for spec in users:
            name, role, *unit = spec.split(":")
            if rows.get_account(store=store, name=name) is None:
                accounts.add_user(
                    store=store,
                    name=name,
                    role=role,
                    unit=unit[0] if unit else None,
                    password=os.urandom(12).hex(),
                )
            tokens[name] = accounts.issue_token(store=store, name=name, label="web_load")
        return tokens
    finally:
        store.close()


def start_server(db: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "xxgk",
        "serve",
        "--db",
        db,
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("web_load: xxgk serve exited at start")
        try:
            httpx.get(f"http://{HOST}:{port}/static/favicon.svg", timeout=2)
            return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("web_load: xxgk serve did not start within 60 s")


# ---------------------------------------------------------------------- the clients
async def _client(
    http: httpx.AsyncClient,
    targets: list[Target],
    offset: int,
    stop: float,
    budget: list[int],
    tallies: dict[str, Tally],
) -> None:
    i = offset
    while time.monotonic() < stop and budget[0] > 0:
        budget[0] -= 1
        target = targets[i % len(targets)]
        i += 1
        tally = tallies[target.label]
        began = time.perf_counter()
        try:
            response = await http.request(
                target.method, target.path, files=target.files, data=target.data, json=target.json
            )
            await response.aread()
            status = response.status_code
        except httpx.HTTPError as exc:
            tally.error(f"{type(exc).__name__}: {exc}")
            continue
        tally.latencies.append(time.perf_counter() - began)
        tally.statuses[status] = tally.statuses.get(status, 0) + 1
        if status >= 400:
            tally.error(f"{status}: {response.text}")


async def _load(
    base: str,
    targets: list[Target],
    clients: int,
    seconds: float,
    max_requests: int,
    headers: dict[str, str],
) -> dict[str, Tally]:
    tallies = {t.label: Tally() for t in targets}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=30) as http:
        stop = time.monotonic() + seconds
        budget = [max_requests]
        await asyncio.gather(
            *(_client(http, targets, n, stop, budget, tallies) for n in range(clients))
        )
    return tallies


def _in_thread(coroutine: Any) -> Any:
    """``asyncio.run`` in a thread of its own: callers may already run an event loop (a test
    process with Playwright's, a notebook)."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coroutine)
        except BaseException as exc:  # handed to the caller below
            box["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def run(
    targets: list[Target],
    *,
    clients: int = 10,
    seconds: float = 10.0,
    max_requests: int = 100_000,
    db: str | None = None,
    setup: str | None = None,
    users: list[str] | None = None,
    workers: int = 1,
    reference: str | None = "/static/favicon.svg",
) -> dict[str, Any]:
    """Start the server, load it, stop it; the figures per target (and the reference)."""
    clients, seconds = min(clients, MAX_CLIENTS), min(seconds, MAX_SECONDS)
    max_requests = min(max_requests, MAX_REQUESTS)
    with tempfile.TemporaryDirectory() as tmp:
        db = db or str(Path(tmp) / "load.db")
        tokens = prepare(db, setup, users or [])
        headers = {"Authorization": f"Bearer {next(iter(tokens.values()))}"} if tokens else {}
        port = free_port()
        server = start_server(db, port, workers)
        try:
            base = f"http://{HOST}:{port}"
            out: dict[str, Any] = {}
            if reference:
                ref_seconds = min(10.0, seconds / 4)
                ref = _in_thread(
                    _load(
                        base,
                        [Target("GET", reference)],
                        clients,
                        ref_seconds,
                        max_requests,
                        headers,
                    )
                )
                out["reference"] = {reference: ref[f"GET {reference}"].summary(ref_seconds)}
            began = time.monotonic()
            tallies = _in_thread(_load(base, targets, clients, seconds, max_requests, headers))
            elapsed = time.monotonic() - began
        finally:
            server.terminate()
            server.wait(timeout=30)
    out["targets"] = {label: t.summary(elapsed) for label, t in tallies.items()}
    out["setup"] = {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "workers": workers,
        "max_requests": max_requests,
        "machine": machine(),
    }
    ref_p95 = next(iter(out.get("reference", {}).values()), {}).get("p95_ms")
    if ref_p95:
        for figures in out["targets"].values():
            if figures.get("p95_ms"):
                figures["p95_vs_reference"] = round(figures["p95_ms"] / ref_p95, 1)
    return out


# ---------------------------------------------------------------------- in-process cost
async def _asgi_get(app: Any, path: str) -> int:
    """One GET straight through the ASGI app (no network, no server)."""
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [],
        "scheme": "http",
        "http_version": "1.1",
        "server": (HOST, 80),
        "client": (HOST, 1),
        "root_path": "",
    }
    sent: list[int] = []
    statuses: list[int] = []

    async def receive() -> dict[str, Any]:
        if sent:
            await asyncio.sleep(3600)  # the client never disconnects during the answer
        sent.append(1)
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    await app(scope, receive, send)
    return statuses[0]


def in_process(paths: list[str], rounds: int = 300) -> dict[str, dict[str, float]]:
    """CPU and wall time per GET through the whole middleware stack, in this process."""
    from xxgk.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(str(Path(tmp) / "cost.db"))

        async def measure() -> dict[str, dict[str, float]]:
            out = {}
            for path in paths:
                status = await _asgi_get(app, path)
                cpu, wall = time.process_time(), time.perf_counter()
                for _ in range(rounds):
                    await _asgi_get(app, path)
                out[path] = {
                    "status": status,
                    "cpu_ms": round(1000 * (time.process_time() - cpu) / rounds, 2),
                    "wall_ms": round(1000 * (time.perf_counter() - wall) / rounds, 2),
                }
            return out

        try:
            return _in_thread(measure())
        finally:
            app.state.stores.close()


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


# ---------------------------------------------------------------------- command line
def _targets(args: argparse.Namespace) -> list[Target]:
    targets = [Target("GET", path) for path in args.get]
    for spec in args.post_file:
        path, _, file = spec.partition("=")
        targets.append(
            Target("POST", path, files={"file": (Path(file).name, Path(file).read_bytes())})
        )
    for spec in args.post_json:
        path, _, file = spec.partition("=")
        targets.append(Target("POST", path, json=json.loads(Path(file).read_text("utf-8"))))
    if not targets:
        raise SystemExit("web_load: give at least one --get, --post-file or --post-json")
    return targets


def _print(result: dict[str, Any]) -> None:
    setup = result["setup"]
    print(
        f"web_load: {setup['clients']} clients, {setup['seconds']} s, "
        f"{setup['workers']} worker(s), {setup['machine']}"
    )
    print(
        f"{'target':<48} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'max ms':>8} {'errors':>7} {'p95/ref':>8}"
    )
    rows = [*result.get("reference", {}).items(), *result["targets"].items()]
    for label, f in rows:
        for sample in f.get("error_samples", []):
            print(f"  error on {label}: {sample}")
        print(
            f"{label[:48]:<48} {f['requests']:>9} {f.get('per_second', 0):>8} "
            f"{f.get('p50_ms', 0):>8} {f.get('p95_ms', 0):>8} {f.get('max_ms', 0):>8} "
            f"{f['errors']:>7} {f.get('p95_vs_reference', '(ref)'):>8}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--get", action="append", default=[], metavar="PATH")
    parser.add_argument("--post-file", action="append", default=[], metavar="PATH=FILE")
    parser.add_argument("--post-json", action="append", default=[], metavar="PATH=FILE")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--db", default=None, help="an existing store (default: a fresh SQLite)")
    parser.add_argument("--setup", default=None, metavar="MODULE:FUNCTION")
    parser.add_argument("--user", action="append", default=[], metavar="NAME:ROLE[:UNIT]")
    parser.add_argument("--reference", default="/static/favicon.svg")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--in-process",
        type=int,
        default=0,
        metavar="ROUNDS",
        help="instead: time each --get path through the ASGI app in this process",
    )
    args = parser.parse_args(argv)
    if args.in_process:
        for path, f in in_process(args.get, min(args.in_process, 100_000)).items():
            print(f"{path:<40} {f['status']}  cpu {f['cpu_ms']} ms/request  wall {f['wall_ms']} ms")
        return
    result = run(
        _targets(args),
        clients=args.clients,
        seconds=args.seconds,
        max_requests=args.max_requests,
        db=args.db,
        setup=args.setup,
        users=args.user,
        workers=args.workers,
        reference=args.reference or None,
    )
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print(result)


if __name__ == "__main__":
    main()
