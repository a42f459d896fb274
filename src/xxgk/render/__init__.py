"""Render a Report in the national form: DOCX, HTML, PDF, Markdown, plain text.

``render(report, "docx")`` checks the report first (:func:`xxgk.check`); error
findings stop the rendering with :class:`~xxgk.errors.RenderBlocked` unless
``allow_errors=True``; so do a report with no number filled in (``report-empty``), no agency
or no year (``report-agency-missing``, ``report-year-missing``). Every output records the xxgk version and the sha256 of the
canonical data (:func:`xxgk.render.content.checksum`). The fill-in workbook lives in
:mod:`xxgk.render.workbook`.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

from xxgk.errors import RenderBlocked, UnsupportedFormat
from xxgk.model import Finding, Report
from xxgk.render.content import checksum

FORMATS: dict[str, str] = {
    "docx": "docx",
    "html": "html",
    "pdf": "pdf",
    "md": "markdown",
    "txt": "markdown",
}
ALIASES = {"htm": "html", "markdown": "md", "text": "txt", "word": "docx"}
SUFFIXES = {"docx": ".docx", "html": ".html", "pdf": ".pdf", "md": ".md", "txt": ".txt"}


def normalise_format(to: str) -> str:
    """``"Markdown"`` → ``"md"``; an unknown format raises UnsupportedFormat."""
    name = to.lower().lstrip(".")
    name = ALIASES.get(name, name)
    if name not in FORMATS:
        raise UnsupportedFormat(f"cannot render to {to!r}: choose one of {', '.join(FORMATS)}")
    return name


def blocking_findings(report: Report) -> list[Finding]:
    """The error findings that stop a rendering: the report's own, then a missing agency/year."""
    from xxgk.api import check
    from xxgk.rules.report import render_blockers

    return [f for f in check(report) if f.severity == "error"] + render_blockers(report)


def render(report: Report, to: str, *, allow_errors: bool = False, **options: Any) -> bytes:
    """``report`` as a file in format ``to`` (docx, html, pdf, md, txt) → bytes."""
    name = normalise_format(to)
    errors = blocking_findings(report)
    if errors and not allow_errors:
        raise RenderBlocked(errors)
    module = importlib.import_module(f"xxgk.render.{FORMATS[name]}")
    if name in ("md", "txt"):
        options.setdefault("flavour", name)
    return module.render(report, **options)


class _CallableModule(types.ModuleType):
    """Importing ``xxgk.render.*`` rebinds the attribute ``xxgk.render`` from the
    function to this package; making the package callable keeps the public
    ``xxgk.render(report, "docx")`` working either way."""

    def __call__(self, report: Report, to: str, **options: Any) -> bytes:
        return render(report, to, **options)


sys.modules[__name__].__class__ = _CallableModule

__all__ = ["FORMATS", "SUFFIXES", "blocking_findings", "checksum", "normalise_format", "render"]
