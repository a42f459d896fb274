"""A reviewer's comment on a report: on one of the six sections, or on one cell
(``table / row / column`` in the form's canonical keys), checked against the form."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from xxgk import form
from xxgk.errors import XxgkError

MAX_LENGTH = 2000


class CommentError(XxgkError):
    """A comment that names no section or cell of the form, or has no text."""


@dataclass(frozen=True)
class Comment:
    text: str
    section: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    id: int | None = None
    unit: str | None = None
    year: int | None = None
    version: int | None = None
    step: int | None = None
    by: str | None = None
    at: str | None = None

    def target(self, edition: str = "2021") -> str:
        """``一、总体情况`` or ``收到和处理政府信息公开申请情况：（一）予以公开 / 总计``."""
        if self.table and self.row and self.column:
            try:
                label = form.cell_label(self.table, self.row, self.column, edition)
            except KeyError:
                label = f"{self.row} / {self.column}"
            return f"{form.table_title(self.table)}：{label}"
        if self.section:
            return form.section(self.section).heading
        return "整份报告"

    def cell(self) -> tuple[str, str, str] | None:
        if self.table and self.row and self.column:
            return (self.table, self.row, self.column)
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "unit": self.unit,
            "year": self.year,
            "version": self.version,
            "section": self.section,
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "target": self.target(),
            "text": self.text,
            "by": self.by,
            "at": self.at,
        }


def checked(items: Sequence[Comment | Mapping[str, Any]], edition: str) -> list[Comment]:
    """The comments, each checked; the first bad one raises :class:`CommentError` naming it."""
    out = []
    for number, item in enumerate(items, start=1):
        comment = item if isinstance(item, Comment) else _from_mapping(item, number)
        _check(comment, edition, number)
        out.append(comment)
    return out


def _from_mapping(item: Mapping[str, Any], number: int) -> Comment:
    if not isinstance(item, Mapping):
        raise CommentError(f"第{number}条意见：格式不对（应为含 text 的对象）")

    def text(key: str) -> str | None:
        value = item.get(key)
        return None if value in (None, "") else str(value).strip()

    return Comment(
        text=text("text") or "",
        section=text("section"),
        table=text("table"),
        row=text("row"),
        column=text("column"),
    )


def _check(comment: Comment, edition: str, number: int) -> None:
    where = f"第{number}条意见"
    if not comment.text.strip():
        raise CommentError(f"{where}：意见内容不能为空")
    if len(comment.text) > MAX_LENGTH:
        raise CommentError(f"{where}：意见内容过长（最多{MAX_LENGTH}字）")
    if comment.section is not None and comment.section not in form.SECTION_KEYS:
        raise CommentError(f"{where}：没有这个部分 {comment.section!r}")
    if comment.table is None and (comment.row or comment.column):
        raise CommentError(f"{where}：指定单元格时须同时给出表格、行和列")
    if comment.table is not None:
        _check_cell(comment, edition, where)


def _check_cell(comment: Comment, edition: str, where: str) -> None:
    if comment.table not in form.TABLES:
        raise CommentError(f"{where}：没有这个表格 {comment.table!r}")
    if not comment.row or not comment.column:
        raise CommentError(f"{where}：指定单元格时须同时给出表格、行和列")
    if (comment.row, comment.column) not in form.cell_keys(comment.table, edition):
        raise CommentError(
            f"{where}：{form.table_title(comment.table)}中没有单元格 {comment.row} / {comment.column}"
        )
