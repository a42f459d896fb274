"""The load harness itself works (tiny and bounded): it starts ``xxgk serve`` on loopback,
runs the setup, authenticates as the given user and counts errors."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import web_load  # noqa: E402


def test_harness_measures_and_counts_errors():
    result = web_load.run(
        [web_load.Target("GET", "/api/me"), web_load.Target("GET", "/api/no-such")],
        clients=2,
        seconds=1.5,
        users=["loader:officer:U1"],
        reference="/static/app.css",
    )
    me, missing = result["targets"]["GET /api/me"], result["targets"]["GET /api/no-such"]
    assert me["requests"] > 0 and me["errors"] == 0 and me["statuses"] == {200: me["requests"]}
    assert missing["errors"] == missing["requests"] > 0
    assert missing["error_samples"][0].startswith("404")
    assert me["p50_ms"] <= me["p95_ms"] <= me["max_ms"]
    assert result["reference"]["/static/app.css"]["errors"] == 0
