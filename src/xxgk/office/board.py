"""The filing board of a year: every unit of an office with one status that combines what the
office found on the web (:func:`xxgk.office.status.status`: filed, late, missing, …) with where
the unit's report stands in the review workflow (:mod:`xxgk.office.submission`).

A workflow state past the draft wins (submitted, returned, approved, published); otherwise the
office's status counts, and a usable report with error findings is ``errors``. The deadline
countdown is counted from ``today`` (no hidden clock).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from xxgk.office import status as office_status
from xxgk.office import submission as sub

BOARD_STATUSES = (
    "filed",
    "late",
    "missing",
    "errors",
    "submitted",
    "returned",
    "approved",
    "published",
    "exempt",
)
BOARD_LABELS = {
    "filed": "已发布",
    "late": "逾期发布",
    "missing": "未发布",
    "errors": "有错误",
    "submitted": "待审核",
    "returned": "已退回",
    "approved": "审核通过",
    "published": "已公开",
    "exempt": "免报",
}
SORTS = ("unit", "name", "status", "deadline", "errors", "published")
_FROM_WORKFLOW = {
    "submitted": "submitted",
    "returned": "returned",
    "approved": "approved",
    "published": "published",
    "corrected": "published",
}
_USABLE = {"filed", "late", "changed_after_publication"}


def board_status(item: office_status.UnitStatus, submission: sub.Submission | None) -> str:
    if submission is not None and submission.state in _FROM_WORKFLOW:
        return _FROM_WORKFLOW[submission.state]
    if item.status == "exempt":
        return "exempt"
    if item.status in _USABLE:
        if item.errors:
            return "errors"
        return "late" if item.status == "late" or "late" in item.flags else "filed"
    if item.status in ("wrong_year", "conflict"):
        return "errors"
    return "missing"


def _row(
    item: office_status.UnitStatus, submission: sub.Submission | None, today: dt.date
) -> dict[str, Any]:
    state = board_status(item, submission)
    deadline = dt.date.fromisoformat(item.deadline) if item.deadline else None
    return {
        "unit": item.unit,
        "name": item.name,
        "kind": item.kind,
        "board": state,
        "board_label": BOARD_LABELS[state],
        "office_status": item.status,
        "office_label": office_status.STATUS_ZH[item.status],
        "flags": list(item.flags),
        "submission": submission.state if submission else None,
        "submission_label": submission.label if submission else None,
        "published": item.published,
        "published_from": item.published_from,
        "deadline": item.deadline,
        "days_left": (deadline - today).days if deadline else None,
        "errors": item.errors,
        "warnings": item.warnings,
        "note": item.note,
    }


def _sort_key(name: str):
    order = {s: i for i, s in enumerate(BOARD_STATUSES)}
    keys = {
        "unit": lambda r: r["unit"],
        "name": lambda r: r["name"],
        "status": lambda r: (order[r["board"]], r["unit"]),
        "deadline": lambda r: (r["deadline"] or "9999", r["unit"]),
        "errors": lambda r: (r["errors"], r["warnings"], r["unit"]),
        "published": lambda r: (r["published"] or "", r["unit"]),
    }
    return keys[name]


def board(
    *,
    store: Any,
    year: int,
    today: dt.date,
    units: Iterable[str] | None = None,
    status: str | None = None,
    q: str | None = None,
    sort: str = "unit",
    descending: bool = False,
) -> dict[str, Any]:
    """The board: ``counts`` per status (before filtering), the deadlines with their countdown,
    and the rows (filtered by ``status`` and ``q`` — part of a code or name — and sorted)."""
    chosen = None if units is None else sorted(units)
    items = (
        []
        if chosen == []
        else office_status.status(store=store, year=year, units=chosen, findings=False)
    )
    submissions = sub.list_submissions(store=store, year=year, units=chosen)
    rows = [_row(i, submissions.get(i.unit), today) for i in items]
    counts = dict.fromkeys(BOARD_STATUSES, 0)
    for row in rows:
        counts[row["board"]] += 1
    shown = [r for r in rows if (not status or r["board"] == status) and _matches(r, q)]
    shown.sort(key=_sort_key(sort if sort in SORTS else "unit"), reverse=descending)
    return {
        "year": year,
        "today": today.isoformat(),
        "total": len(rows),
        "counts": [
            {"status": s, "label": BOARD_LABELS[s], "count": counts[s]} for s in BOARD_STATUSES
        ],
        "deadlines": _deadlines(rows, today),
        "filter": {"status": status, "q": q, "sort": sort, "descending": descending},
        "rows": shown,
    }


def _matches(row: dict[str, Any], q: str | None) -> bool:
    text = (q or "").strip()
    return not text or text in row["unit"] or text in row["name"]


def _deadlines(rows: list[dict[str, Any]], today: dt.date) -> list[dict[str, Any]]:
    """Each distinct deadline with the unit kinds it applies to and the days left."""
    found: dict[str, set[str]] = {}
    for row in rows:
        if row["deadline"]:
            found.setdefault(row["deadline"], set()).add(row["kind"])
    return [
        {
            "date": day,
            "kinds": sorted(kinds),
            "days_left": (dt.date.fromisoformat(day) - today).days,
        }
        for day, kinds in sorted(found.items())
    ]
