"""The submission workflow's states, transitions and records (the steps are in
:mod:`xxgk.office.submission`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from xxgk.errors import XxgkError
from xxgk.model import Report
from xxgk.office.comments import Comment
from xxgk.output import jsonout

STATES = ("draft", "submitted", "returned", "approved", "published", "corrected")
STATE_LABELS = {
    "draft": "草稿",
    "submitted": "已报送",
    "returned": "已退回",
    "approved": "已审核通过",
    "published": "已发布",
    "corrected": "已更正",
}
PUBLISHED_STATES = ("published", "corrected")

# action → (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[tuple[str | None, ...], str]] = {
    "save": ((None, "draft", "returned"), "draft"),
    "submit": (("draft", "returned"), "submitted"),
    "return": (("submitted",), "returned"),
    "approve": (("submitted",), "approved"),
    "publish": (("approved",), "published"),
    "correct": (("published", "corrected"), "corrected"),
}
ACTION_LABELS = {
    "save": "保存草稿",
    "submit": "报送审核",
    "return": "退回修改",
    "approve": "审核通过",
    "publish": "发布",
    "correct": "发布更正",
}
_REFUSALS = {
    "save": {
        "submitted": "已报送审核，审核期间不能修改；需要修改请联系审核人退回",
        "approved": "已审核通过，不能再修改",
        "published": "已发布的报告不能修改；如有错误请发布更正",
        "corrected": "已发布的报告不能修改；如有错误请发布更正",
    },
}


class SubmissionError(XxgkError):
    """A workflow step that is not allowed now, or bad data for it; nothing was written."""

    status = 409  # the web app's answer: a conflict with the report's current state

    def __init__(self, message: str, *, unit: str, year: int, state: str | None = None) -> None:
        self.unit, self.year, self.state = unit, year, state
        super().__init__(f"单位 {unit} {year}年度报告：{message}")


@dataclass(frozen=True)
class Submission:
    unit: str
    year: int
    state: str
    version: int
    published_version: int | None
    updated_by: str
    updated_at: str

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "year": self.year,
            "state": self.state,
            "label": self.label,
            "version": self.version,
            "published_version": self.published_version,
            "updated_by": self.updated_by,
            "updated_at": self.updated_at,
        }


@dataclass(frozen=True)
class Version:
    unit: str
    year: int
    version: int
    report_json: dict[str, Any]
    saved_by: str
    saved_at: str
    published_by: str | None
    published_at: str | None
    correction_note: str | None

    @property
    def published(self) -> bool:
        return self.published_at is not None

    def report(self) -> Report:
        return Report.from_dict(self.report_json)

    def to_dict(self, *, report: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "unit": self.unit,
            "year": self.year,
            "version": self.version,
            "saved_by": self.saved_by,
            "saved_at": self.saved_at,
            "published_by": self.published_by,
            "published_at": self.published_at,
            "correction_note": self.correction_note,
        }
        if report:
            out["report"] = self.report_json
        return out


@dataclass(frozen=True)
class Step:
    action: str
    from_state: str | None
    to_state: str
    version: int
    by: str
    at: str
    note: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "label": ACTION_LABELS.get(self.action, self.action),
            "from_state": self.from_state,
            "to_state": self.to_state,
            "version": self.version,
            "by": self.by,
            "at": self.at,
            "note": self.note,
        }


def refusal(action: str, state: str | None) -> str:
    special = _REFUSALS.get(action, {}).get(state or "")
    if special:
        return special
    if state is None:
        return f"还没有报送记录，不能{ACTION_LABELS[action]}"
    allowed = "、".join(STATE_LABELS[s] for s in TRANSITIONS[action][0] if s)
    return (
        f"当前状态为“{STATE_LABELS[state]}”，不能{ACTION_LABELS[action]}（只有{allowed}的报告可以）"
    )


def submission_of(row: Sequence[Any]) -> Submission:
    return Submission(
        row[0],
        int(row[1]),
        row[2],
        int(row[3]),
        None if row[4] is None else int(row[4]),
        row[5],
        row[6],
    )


def version_of(row: Sequence[Any]) -> Version:
    return Version(
        row[0],
        int(row[1]),
        int(row[2]),
        jsonout.loads(row[3]),
        row[4],
        row[5],
        row[6],
        row[7],
        row[8],
    )


def comment_of(row: Sequence[Any]) -> Comment:
    return Comment(
        text=row[9],
        section=row[5],
        table=row[6],
        row=row[7],
        column=row[8],
        id=int(row[0]),
        unit=row[1],
        year=int(row[2]),
        version=int(row[3]),
        step=int(row[4]),
        by=row[10],
        at=row[11],
    )


def edition_of(version: Version | None) -> str:
    meta = (version.report_json.get("meta") or {}) if version else {}
    if meta.get("edition") in ("2019", "2021"):
        return str(meta["edition"])
    from xxgk import form

    return form.edition_for_year(int(meta.get("year") or 2021))
