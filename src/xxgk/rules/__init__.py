"""Rules: Report → findings. See docs/rules.md for every rule id.

Modules register their rules on import (``rule(...)``) and their checks with
``@check(...)``. :func:`run` runs every check, in registration order.
"""

from __future__ import annotations

import importlib

from xxgk.model import Finding, Report
from xxgk.rules.registry import CHECKED, CHECKS, RULES, Context, Rule, check, finding, rule

_MODULES = ("parse", "requests", "appeals", "active", "report", "crossyear", "workbook", "ocr")


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


__all__ = ["CHECKS", "RULES", "Context", "Rule", "check", "finding", "is_parse_rule", "rule", "run"]
