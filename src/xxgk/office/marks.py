"""A supervisor's verdict on a finding: confirmed, or dismissed with a reason.

A finding is known by its **fingerprint** — a hash of its rule, its cell (table / row /
column) and its numbers — so a mark persists across re-parses and re-fetches of the same
report for as long as the finding comes back the same; when the numbers change, the finding
is a new one and needs a new verdict. Dismissed findings are shown apart, never dropped
(:func:`split`), and counted (:func:`counts`, for the export).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from xxgk.errors import XxgkError
from xxgk.model import Finding
from xxgk.store import audit
from xxgk.store import review as rows
from xxgk.store.db import Store

MARKS = ("confirmed", "dismissed")
MARK_LABELS = {"confirmed": "已确认", "dismissed": "已排除"}
MAX_REASON = 500


class MarkError(XxgkError):
    """A mark that cannot be recorded (unknown verdict, a dismissal without a reason)."""


@dataclass(frozen=True)
class Mark:
    unit: str
    year: int
    fingerprint: str
    rule: str
    table: str | None
    row: str | None
    column: str | None
    numbers: dict[str, Any]
    mark: str
    reason: str | None
    by: str
    at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint,
            "rule": self.rule,
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "mark": self.mark,
            "label": MARK_LABELS[self.mark],
            "reason": self.reason,
            "by": self.by,
            "at": self.at,
        }


def _as_dict(finding: Finding | Mapping[str, Any]) -> dict[str, Any]:
    return finding.to_dict() if isinstance(finding, Finding) else dict(finding)


def _canonical(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float):
        return _canonical(Decimal(repr(value)))
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    return value


def fingerprint(finding: Finding | Mapping[str, Any]) -> str:
    """The stable identity of a finding: rule, cell and numbers (not its wording or source)."""
    data = _as_dict(finding)
    key = [
        data.get("rule"),
        data.get("table"),
        data.get("row"),
        data.get("column"),
        _canonical(data.get("numbers") or {}),
    ]
    text = json.dumps(key, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def mark(
    *,
    store: Store,
    unit: str,
    year: int,
    finding: Finding | Mapping[str, Any],
    verdict: str,
    reason: str | None,
    by: str,
) -> Mark:
    """Record ``verdict`` (confirmed / dismissed) on one finding of a unit's report."""
    if verdict not in MARKS:
        raise MarkError(f"未知的标记 {verdict!r}（应为 confirmed 或 dismissed）")
    reason = (reason or "").strip() or None
    if verdict == "dismissed" and not reason:
        raise MarkError("排除问题须写明理由（如误报、地方模板多出的行）")
    if reason and len(reason) > MAX_REASON:
        raise MarkError(f"理由过长（最多{MAX_REASON}字）")
    data = _as_dict(finding)
    if not data.get("rule"):
        raise MarkError("问题数据缺少规则编号 rule")
    found = Mark(
        unit,
        year,
        fingerprint(data),
        str(data["rule"]),
        data.get("table"),
        data.get("row"),
        data.get("column"),
        _canonical(data.get("numbers") or {}),
        verdict,
        reason,
        by,
        rows.now(),
    )
    with store.transaction():
        rows.put_mark(store=store, row=_row(found))
        audit.record(
            store=store,
            actor=by,
            action=f"finding.{verdict}",
            target=f"report:{unit}/{year}",
            detail={"fingerprint": found.fingerprint, "rule": found.rule, "reason": reason},
        )
    return found


def unmark(*, store: Store, unit: str, year: int, fingerprint: str, by: str) -> None:
    """Take a verdict back (the finding is open again)."""
    with store.transaction():
        rows.delete_mark(store=store, unit=unit, year=year, fingerprint=fingerprint)
        audit.record(
            store=store,
            actor=by,
            action="finding.unmark",
            target=f"report:{unit}/{year}",
            detail={"fingerprint": fingerprint},
        )


def marks(*, store: Store, unit: str, year: int) -> dict[str, Mark]:
    """The marks on one unit's report for ``year``, by fingerprint."""
    return {
        m.fingerprint: m for m in map(_mark, rows.list_marks(store=store, unit=unit, year=year))
    }


def split(
    findings: Iterable[Finding | Mapping[str, Any]], found_marks: Mapping[str, Mark]
) -> dict[str, list[dict[str, Any]]]:
    """Findings as dicts (with ``fingerprint`` and ``mark``) in three lists: ``open``,
    ``confirmed`` and ``dismissed``."""
    out: dict[str, list[dict[str, Any]]] = {"open": [], "confirmed": [], "dismissed": []}
    for finding in findings:
        data = _as_dict(finding)
        data["fingerprint"] = fingerprint(data)
        verdict = found_marks.get(data["fingerprint"])
        data["mark"] = verdict.to_dict() if verdict else None
        out[verdict.mark if verdict else "open"].append(data)
    return out


def counts(*, store: Store, year: int) -> dict[str, dict[str, int]]:
    """``{unit: {"confirmed": n, "dismissed": n}}`` for every unit with marks in ``year``."""
    out: dict[str, dict[str, int]] = {}
    for m in map(_mark, rows.list_marks(store=store, unit=None, year=year)):
        out.setdefault(m.unit, {"confirmed": 0, "dismissed": 0})[m.mark] += 1
    return out


def _row(m: Mark) -> tuple[Any, ...]:
    return (
        m.unit,
        m.year,
        m.fingerprint,
        m.rule,
        m.table,
        m.row,
        m.column,
        json.dumps(m.numbers, sort_keys=True, ensure_ascii=False),
        m.mark,
        m.reason,
        m.by,
        m.at,
    )


def _mark(r: tuple[Any, ...]) -> Mark:
    return Mark(
        r[0], int(r[1]), r[2], r[3], r[4], r[5], r[6], json.loads(r[7]), r[8], r[9], r[10], r[11]
    )


def append_sheets(*, path: str, store: Store, year: int, units: Iterable[str] | None) -> None:
    """Add to the office's workbook at ``path`` the marks of ``year``: 问题标记 (one row per
    mark: dismissed ones shown, never dropped) and 标记统计 (confirmed / dismissed per unit)."""
    from openpyxl import load_workbook

    wanted = None if units is None else set(units)
    found = [
        m
        for m in map(_mark, rows.list_marks(store=store, unit=None, year=year))
        if wanted is None or m.unit in wanted
    ]
    book = load_workbook(path)
    sheet = book.create_sheet("问题标记")
    sheet.append(["单位代码", "规则", "表", "行", "列", "标记", "理由", "标记人", "时间"])
    for m in found:
        sheet.append(
            [
                m.unit,
                m.rule,
                m.table,
                m.row,
                m.column,
                MARK_LABELS[m.mark],
                m.reason or "",
                m.by,
                m.at,
            ]
        )
    totals = book.create_sheet("标记统计")
    totals.append(["单位代码", "已确认", "已排除"])
    per_unit: dict[str, dict[str, int]] = {}
    for m in found:
        per_unit.setdefault(m.unit, {"confirmed": 0, "dismissed": 0})[m.mark] += 1
    for code, n in sorted(per_unit.items()):
        totals.append([code, n["confirmed"], n["dismissed"]])
    book.save(path)
