"""Load on the public open-data site: 500 units × 3 years of published reports in the store,
50 concurrent public clients for 60 s on /reports (list, pages, unit and year filters) and its
full-text search (terms of three characters and more answered from the FTS5 trigram index,
shorter ones by a scan), the HTML pages and the JSON API. Bounded, loopback only.

    python benchmarks/public_load.py [--units 500] [--years 3] [--clients 50] [--seconds 60]
                                     [--think 0.5] [--workers 2]

The store is filled through the library, step by step as an office would (save → submit →
approve → publish, every report checked and filed with the office). The server is
``xxgk serve`` on 127.0.0.1 (the harness of :mod:`web_load`). Each client is a closed loop: one
request, then ``--think`` seconds (a person reading the list) — ``--think 0`` hammers. Reported per
target: count, p50, p95, max (ms), errors (any status but 200 or a transport error), and the p95
as a ratio to a static file requested by the same clients in the same run, and the server's
CPU time per request (from /proc: what the pages cost, whatever else the machine is doing).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_load import HOST, Tally, free_port, machine, start_server  # noqa: E402

from xxgk.model import SectionText  # noqa: E402
from xxgk.office import submission as sub  # noqa: E402
from xxgk.store import Store  # noqa: E402
from xxgk.store.units import Unit, put_unit  # noqa: E402
from xxgk.synth.reports import make_report  # noqa: E402

FIRST_YEAR = 2023
REFERENCE = "reference: a static file"
TOPICS = (
    "营商环境",
    "乡村振兴",
    "生态环境",
    "城市更新",
    "基层治理",
    "公共卫生",
    "教育公平",
    "交通出行",
)


def fill(store: Store, *, units: int, years: int, progress: bool = True) -> float:
    """``units`` units (a city and its departments) with ``years`` published reports each."""
    began = time.perf_counter()
    with store.transaction():
        put_unit(store=store, unit=Unit("330000", "样本市人民政府", None, "政府"))
        for n in range(1, units):
            put_unit(store=store, unit=Unit(f"33{n:04d}", f"样本市第{n}局", "330000", "部门"))
    codes = ["330000", *(f"33{n:04d}" for n in range(1, units))]
    for i, code in enumerate(codes):
        for year in range(FIRST_YEAR, FIRST_YEAR + years):
            rng = random.Random(i * 100 + year)
            report = make_report(rng, edition="2021", year=year, agency=f"单位{code}")
            topic = TOPICS[(i + year) % len(TOPICS)]
            report.sections[0] = SectionText(
                "overview",
                "一、总体情况",
                report.sections[0].text
                + f"本单位围绕{topic}推进第{i}号重点任务，编号{code}-{year}。",
            )
            sub.save_draft(store=store, unit=code, year=year, report=report, by="officer")
            for step in (sub.submit, sub.approve, sub.publish):
                step(store=store, unit=code, year=year, by="office")
        if progress and i % 50 == 49:
            print(f"  filled {i + 1}/{len(codes)} units", file=sys.stderr)
    return time.perf_counter() - began


def targets(units: int, years: int, rng: random.Random) -> list[tuple[str, str]]:
    """``(label, path)``: the list, its pages and filters, full-text search, the API."""
    last = FIRST_YEAR + years - 1
    pages = max(1, units * years // 50)
    n = rng.randrange(1, units)
    out = [
        ("GET /reports", "/reports"),
        ("GET /reports?page=N", f"/reports?page={rng.randint(1, pages)}"),
        ("GET /reports?year=", f"/reports?year={rng.randint(FIRST_YEAR, last)}"),
        ("GET /reports?unit=", f"/reports?unit=第{n}局"),
        ("GET /reports?q= (one report)", f"/reports?q=第{n}号重点任务"),
        ("GET /reports?q= (many)", f"/reports?q={rng.choice(TOPICS)}"),
        ("GET /reports?q= (2 chars)", "/reports?q=振兴"),
        ("GET /api/reports?q=&year=", f"/api/reports?q={rng.choice(TOPICS)}&year={last}"),
        (REFERENCE, "/static/favicon.svg"),  # same clients, same moment: the yardstick
    ]
    return out


async def _client(
    http: httpx.AsyncClient, n: int, stop: float, think: float, args, tallies
) -> None:
    rng = random.Random(n)
    while time.monotonic() < stop:
        label, path = rng.choice(targets(args.units, args.years, rng))
        tally = tallies.setdefault(label, Tally())
        began = time.perf_counter()
        try:
            response = await http.get(path)
            await response.aread()
        except httpx.HTTPError:
            tally.errors += 1
            continue
        tally.latencies.append(time.perf_counter() - began)
        tally.statuses[response.status_code] = tally.statuses.get(response.status_code, 0) + 1
        if response.status_code != 200:
            tally.errors += 1
        if think:
            await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))


async def _load(base: str, clients: int, seconds: float, think: float, args) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:
        stop = time.monotonic() + seconds
        await asyncio.gather(
            *(_client(http, n, stop, think, args, tallies) for n in range(clients))
        )
    return tallies


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by the server process and its workers (Linux /proc)."""
    pids = [pid]
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as stream:
            pids += [int(p) for p in stream.read().split()]
        total = 0
        for p in pids:
            with open(f"/proc/{p}/stat") as stream:
                fields = stream.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    except OSError:
        return float("nan")
    return total / os.sysconf("SC_CLK_TCK")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=0.5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", default=None, help="a store filled by an earlier run (kept)")
    args = parser.parse_args(argv)
    args.clients, args.seconds = min(args.clients, 200), min(args.seconds, 300.0)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "public.db")
        store = Store(db, create=True)
        filled = sub.list_submissions(store=store, year=FIRST_YEAR)
        if len(filled) < args.units:
            took = fill(store, units=args.units, years=args.years)
            print(f"store: {args.units} units × {args.years} years published in {took:.0f} s")
        store.close()
        port = free_port()
        server = start_server(db, port, args.workers)
        try:
            base = f"http://{HOST}:{port}"
            cpu_before = server_cpu(server.pid)
            began = time.monotonic()
            tallies = asyncio.run(_load(base, args.clients, args.seconds, args.think, args))
            elapsed = time.monotonic() - began
            cpu = server_cpu(server.pid) - cpu_before
        finally:
            server.terminate()
            server.wait(timeout=30)
    report(tallies, elapsed, cpu, args)


def report(tallies: dict[str, Tally], elapsed: float, cpu: float, args) -> None:
    print(
        f"public_load: {args.clients} clients (think {args.think} s), {elapsed:.1f} s, "
        f"{args.workers} worker(s), {machine()}, load average {os.getloadavg()[0]:.1f}"
    )
    ref_figures = tallies.get(REFERENCE, Tally()).summary(elapsed)
    print(
        f"{'target':<32} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"
        f" {'errors':>7} {'p95/ref':>8}"
    )
    everything = Tally()
    for label, tally in sorted(tallies.items()):
        if label == REFERENCE:
            continue
        everything.latencies += tally.latencies
        everything.errors += tally.errors
        _row(label, tally.summary(elapsed), ref_figures)
    _row("ALL pages", everything.summary(elapsed), ref_figures)
    _row(REFERENCE, ref_figures, ref_figures)
    served = sum(len(t.latencies) for t in tallies.values())
    print(
        f"server CPU: {cpu:.1f} s for {served} requests"
        f" = {1000 * cpu / max(1, served):.1f} ms a request"
    )


def _row(label: str, f: dict, ref: dict) -> None:
    ratio = round(f["p95_ms"] / ref["p95_ms"], 1) if f.get("p95_ms") and ref.get("p95_ms") else "-"
    print(
        f"{label[:32]:<32} {f['requests']:>9} {f.get('p50_ms', 0):>8} {f.get('p95_ms', 0):>8} "
        f"{f.get('max_ms', 0):>8} {f['errors']:>7} {ratio:>8}"
    )


if __name__ == "__main__":
    main()
