"""The library calls the CLI mirrors: parse, check, render, schema."""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Any

from xxgk.model import Finding, Report


def _document(source: str | os.PathLike[str] | bytes, name: str | None):
    from xxgk.read import read, read_bytes
    from xxgk.read.text import to_document

    if isinstance(source, bytes):
        return read_bytes(source, name)
    if isinstance(source, os.PathLike):
        return read(source, name)
    # A str is a path when it names an existing file, otherwise report text.
    if _is_file(source):
        return read(source, name)
    return to_document(source, name)


def _is_file(text: str) -> bool:
    """Whether ``text`` names an existing file; a line of report text longer than a file name
    may be (``OSError: File name too long``) is text, not an error."""
    if "\n" in text or len(text) >= 4096:
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def parse(
    source: str | os.PathLike[str] | bytes, *, check: bool = True, name: str | None = None
) -> Report:
    """Read a report (path, bytes or text) → :class:`Report` with every printed cell.

    With ``check`` (the default) the rules run and their findings are added to
    ``report.findings`` after the parse findings."""
    from xxgk.extract import extract

    # A parse allocates many small objects that live as long as the Report: cyclic GC
    # passes during it would free nothing (the previous state is restored afterwards).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        report = extract(_document(source, name))
        if check:
            report.findings = _parse_findings(report) + _run_rules(report)
    finally:
        if gc_was_enabled:
            gc.enable()
    return report


def check(report: Report, *, previous: Report | None = None) -> list[Finding]:
    """The findings for ``report``: its parse findings plus every rule's findings.

    ``previous`` (last year's report of the same agency) enables the cross-year
    rules X1–X3."""
    return _parse_findings(report) + _run_rules(report, previous=previous)


def _parse_findings(report: Report) -> list[Finding]:
    from xxgk.rules import parse_findings

    return parse_findings(report)


def _run_rules(report: Report, previous: Report | None = None) -> list[Finding]:
    from xxgk.rules import run

    return run(report, previous=previous)


def render(report: Report, to: str, **options: Any) -> bytes:
    """Render ``report`` to ``to`` (docx, html, pdf, md, txt) → bytes."""
    from xxgk.render import render as _render

    return _render(report, to, **options)


def schema() -> dict[str, Any]:
    """The versioned JSON Schema that Report JSON follows."""
    import json
    from importlib import resources  # here, not at import: it costs start-up time

    text = resources.files("xxgk").joinpath("report.schema.json").read_text("utf-8")
    return json.loads(text)
