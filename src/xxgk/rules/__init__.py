"""Rules: Report → findings. See docs/rules.md for every rule id.

Modules register their rules on import (``rule(...)``) and their checks with
``@check(...)``. :func:`run` runs every check, in registration order.
"""

from __future__ import annotations

import importlib

from xxgk.model import Finding, Report
from xxgk.rules.registry import CHECKED, CHECKS, RULES, Context, Rule, check, finding, rule

_MODULES = (
    "parse",
    "requests",
    "appeals",
    "active",
    "report",
    "crossyear",
    "workbook",
    "ocr",
    "perfunctory",
)


def _load() -> None:
    for name in _MODULES:
        try:
            importlib.import_module(f"xxgk.rules.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"xxgk.rules.{name}":
                raise


_load()


def run(report: Report, *, previous: Report | None = None) -> list[Finding]:
    """Every check's findings for ``report``. A check that raises becomes one finding."""
    ctx = Context(previous=previous)
    out: list[Finding] = []
    for name, fn in CHECKS:
        try:
            out.extend(fn(report, ctx))
        except Exception as exc:  # a rule must never stop a batch
            out.append(
                finding(
                    "internal-error",
                    params={"check": name, "error": f"{type(exc).__name__}: {exc}"},
                )
            )
    return out


def is_parse_rule(rule_id: str) -> bool:
    """A finding made while reading (kept by :func:`xxgk.check`), not one :func:`run` recomputes."""
    r = RULES.get(rule_id)
    return r is not None and r.phase == "parse" and rule_id not in CHECKED


def parse_findings(report: Report) -> list[Finding]:
    """The findings made while reading that :func:`xxgk.check` keeps. An unfilled form is one
    ``report-empty`` finding, so its per-cell ``empty-cell`` warnings are dropped."""
    from xxgk.rules.report import is_empty

    kept = [f for f in report.findings if is_parse_rule(f.rule)]
    if is_empty(report):
        kept = [f for f in kept if f.rule != "empty-cell"]
    return kept


__all__ = [
    "CHECKS",
    "RULES",
    "Context",
    "Rule",
    "check",
    "finding",
    "is_parse_rule",
    "parse_findings",
    "rule",
    "run",
]
