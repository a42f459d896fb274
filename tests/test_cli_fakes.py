"""A stand-in parser for the CLI/batch tests that must not depend on the real extractor:
a file holding ``seed N`` (optionally ``edition E``, and ``error`` for one error finding)
becomes ``make_report(Random(N))``.

Tests install it with ``monkeypatch.setattr(xxgk.api, "parse", fake_parse)``; forked batch
workers inherit the patch. It raises the same errors the real readers raise for empty and
binary input, so error handling is exercised without the parser.
"""

from __future__ import annotations

import random
from pathlib import Path

from xxgk.errors import NotAReport, UnreadableSource
from xxgk.model import Finding, Report
from xxgk.synth import make_report

ERROR_FINDING = Finding(
    "requests-row-total",
    "error",
    "（一）予以公开：各列之和为 0，但“总计”为 15",
    "requests/granted: the applicant columns add up to 0, but total is 15",
    "requests",
    "granted",
    "total",
)


def fake_parse(source, *, check: bool = True, name: str | None = None) -> Report:
    data = source if isinstance(source, bytes) else _load(source)
    if not data.strip():
        raise UnreadableSource("file is empty", path=name)
    try:
        words = data.decode("utf-8").split()
    except UnicodeDecodeError:
        raise UnreadableSource("not text", path=name) from None
    if words[:1] == ["crash"]:
        raise ZeroDivisionError("boom")
    if words[:1] != ["seed"]:
        raise NotAReport("no annual report found", path=name)
    edition = words[3] if len(words) > 3 and words[2] == "edition" else None
    report = make_report(random.Random(int(words[1])), edition)
    report.meta.file = name
    if "error" in words:
        report.findings.append(ERROR_FINDING)
    return report


def _load(source) -> bytes:
    path = Path(source)
    if not path.exists():
        raise UnreadableSource("no such file", path=str(path))
    return path.read_bytes()


def expected(seed: int, edition: str | None = None) -> dict:
    """The report dict the fake parser makes for ``seed``."""
    return make_report(random.Random(seed), edition).to_dict()
