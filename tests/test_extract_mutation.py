"""Mutated seeds never crash the extractor: only XxgkError may leave it, and never as an
"internal error" (that would be a bug caught by the safety net)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import xxgk
from xxgk.errors import XxgkError

SEEDS = sorted((Path(__file__).resolve().parents[1].parent / "shared" / "seeds").glob("*.txt"))
TEXTS = [p.read_text(encoding="utf-8") for p in SEEDS]


def _parse(data: bytes | str) -> None:
    try:
        report = xxgk.parse(data.encode("utf-8") if isinstance(data, str) else data, check=False)
    except XxgkError as exc:
        assert "internal error" not in str(exc), str(exc)
        return
    for table in report.tables.values():
        for _row, _col, cell in table.cells() if table else ():
            assert isinstance(cell.raw, str)


@st.composite
def mutated(draw):
    text = draw(st.sampled_from(TEXTS))
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "swap", "truncate", "insert", "dup"]))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "truncate":
            lines = lines[:i]
        elif op == "insert":
            lines.insert(i, draw(st.text(max_size=30)))
        elif lines[i]:
            s = list(lines[i])
            a, b = draw(st.integers(0, len(s) - 1)), draw(st.integers(0, len(s) - 1))
            s[a], s[b] = s[b], s[a]
            lines[i] = "".join(s)
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_text_never_crashes(text):
    _parse(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEXTS), st.integers(0, 20000), st.binary(min_size=1, max_size=200))
def test_random_bytes_never_crash(text, at, junk):
    data = text.encode("utf-8")
    at = min(at, len(data))
    _parse(data[:at] + junk + data[at:])


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig", "big5"])
def test_other_encodings(encoding):
    for text in TEXTS:
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            data = text.encode(encoding, errors="replace")
        _parse(data)
