"""The rule registry: every rule is data — a stable id, a severity, zh + en templates.

Rule ids are kebab-case and never renamed (``requests-balance``, ``appeals-total``…).
A rule *yields findings and never raises*: :func:`run` turns an unexpected exception
inside a check into an ``internal-error`` finding so one bad rule cannot stop a batch.

Two phases: ``parse`` rules are emitted by the extractor while reading (a row printed
with too many cells, a missing table); ``check`` rules run on a finished Report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from xxgk.model import Finding, Report, Severity, Source


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    zh: str  # message template, str.format fields filled from params and numbers
    en: str
    phase: str = "check"  # parse | check
    ref: str | None = None  # the spec's name for it: R1, F3, X2 …
    title: str = ""  # one line for docs/rules.md


RULES: dict[str, Rule] = {}
CheckFn = Callable[[Report, "Context"], Iterable[Finding]]
CHECKS: list[tuple[str, CheckFn]] = []
CHECKED: set[str] = set()  # rule ids some registered check produces (recomputed by run())


@dataclass
class Context:
    """What a check may look at besides the report."""

    previous: Report | None = None  # last year's report, for the cross-year rules


def rule(
    id: str,
    *,
    severity: Severity,
    zh: str,
    en: str,
    phase: str = "check",
    ref: str | None = None,
    title: str = "",
) -> Rule:
    """Register a rule (idempotent for the same definition)."""
    r = Rule(id, severity, zh, en, phase, ref, title)
    existing = RULES.get(id)
    if existing is not None and existing != r:
        raise ValueError(f"rule {id!r} registered twice with different definitions")
    RULES[id] = r
    return r


def check(*ids: str) -> Callable[[CheckFn], CheckFn]:
    """Register a check function that yields findings of the given rule ids."""

    def wrap(fn: CheckFn) -> CheckFn:
        for i in ids:
            if i not in RULES:
                raise ValueError(f"check {fn.__name__} names unknown rule {i!r}")
        CHECKS.append((ids[0] if ids else fn.__name__, fn))
        CHECKED.update(ids)
        return fn

    return wrap


class _Blank(dict):
    def __missing__(self, key: str) -> str:  # a template field with no value prints as "?"
        return "?"


def _display(value: Any) -> Any:
    return "空" if value is None else value


def finding(
    rule_id: str,
    *,
    table: str | None = None,
    row: str | None = None,
    column: str | None = None,
    numbers: dict[str, Any] | None = None,
    params: dict[str, Any] | None = None,
    suggestion: dict[str, Any] | None = None,
    source: Source | None = None,
    severity: Severity | None = None,
) -> Finding:
    """Build a Finding of ``rule_id``, its messages filled from ``params`` and ``numbers``."""
    r = RULES[rule_id]
    numbers = dict(numbers or {})
    fields = _Blank({k: _display(v) for k, v in numbers.items()})
    fields.update(params or {})
    return Finding(
        rule=rule_id,
        severity=severity or r.severity,
        message=r.zh.format_map(fields),
        message_en=r.en.format_map(fields),
        table=table,
        row=row,
        column=column,
        numbers=numbers,
        suggestion=suggestion,
        source=source,
    )


rule(
    "internal-error",
    severity="warning",
    zh="规则 {check} 未能完成检查：{error}",
    en="rule {check} could not finish: {error}",
    title="A rule failed on unexpected input; the other rules still ran.",
)
