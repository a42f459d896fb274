"""xxgk — 政府信息公开: read, check, render and compute government information
disclosure annual reports (政府信息公开工作年度报告).

The public API is small and stable::

    xxgk.parse(path_or_text) -> Report        # any format; findings included
    xxgk.check(report) -> list[Finding]       # the rules (parse findings kept)
    xxgk.render(report, "docx") -> bytes      # DOCX / HTML / PDF / Markdown
    xxgk.schema() -> dict                     # the JSON Schema of Report JSON
"""

from __future__ import annotations

from xxgk import dataset  # the researchers' dataset; its parts load on first use
from xxgk.api import check, parse, render, schema
from xxgk.errors import (
    ConfigError,
    LedgerError,
    NotAReport,
    StoreError,
    UnreadableSource,
    UnsupportedFormat,
    XxgkError,
)
from xxgk.model import Cell, Finding, Meta, Report, SectionText, Source, Table

__version__ = "0.1.0"

__all__ = [
    "Cell",
    "ConfigError",
    "Finding",
    "LedgerError",
    "Meta",
    "NotAReport",
    "Report",
    "SectionText",
    "Source",
    "StoreError",
    "Table",
    "UnreadableSource",
    "UnsupportedFormat",
    "XxgkError",
    "__version__",
    "dataset",
    "check",
    "parse",
    "render",
    "schema",
]
