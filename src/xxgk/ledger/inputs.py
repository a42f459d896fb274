"""What an officer types into the ledger: keys or the form's official labels, and dates.

Everywhere a key is accepted (``ledger add --type``, ``ledger event --outcome``, the import's
``applicant_type`` and ``outcome`` columns) the form's Chinese label is accepted too:
``自然人`` → ``natural_person``, ``予以公开`` / ``（一）予以公开`` → ``granted``, ``保护第三方合法权益`` →
``denied.third_party``. The labels come from :mod:`xxgk.form`; a label two rows would share names neither, and a
group label (``不予公开``) is not a row.

A date that has the shape ``YYYY-MM-DD`` but names no day (``2025-02-30``) is refused as a day
that does not exist, not as "not a date".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import cache

from xxgk import form

_NUMBERING = re.compile(r"^(（[一二三四五六七八九十]+）|\d+\.)")
_DATE_SHAPE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


@cache
def applicant_labels() -> dict[str, str]:
    """``{label: key}`` of the six applicant columns (``其他`` is 其他 of 法人或其他组织)."""
    return {c.label: c.key for c in form.REQUESTS_COLUMNS if c.key in form.APPLICANT_TYPES}


def applicant_key(value: object) -> object:
    """A key as given, or the key of an applicant column label; anything else unchanged."""
    if isinstance(value, str):
        text = value.strip()
        return applicant_labels().get(text, text)
    return value


@cache
def outcome_labels() -> dict[str, str]:
    """``{label: row key}`` for the outcome rows of both editions, with and without numbering
    (``（一）予以公开``, ``予以公开``) and group-qualified (``不予公开/属于国家秘密``); a label
    that would name two rows is left out."""
    seen: dict[str, set[str]] = {}
    for edition in form.EDITIONS:
        for row in form.rows("requests", edition):
            if row.key not in form.outcome_rows(edition) and row.key != "other":
                continue
            bare = _NUMBERING.sub("", row.label).strip()
            group = _NUMBERING.sub("", row.group or "").strip()
            for label in {row.label, bare, f"{group}/{bare}", f"{row.group}/{row.label}"}:
                seen.setdefault(label, set()).add(row.key)
    return {label: keys.pop() for label, keys in seen.items() if len(keys) == 1}


def outcome_key(value: str) -> str:
    """A row key as given, or the key of an outcome row label."""
    text = value.strip().replace(" / ", "/")
    return outcome_labels().get(text, text)


def date_problem(text: str) -> tuple[str, str]:
    """Why ``text`` is no date, as ``(en, zh)``: a day that does not exist, or not a date."""
    match = _DATE_SHAPE.match(text.strip())
    if match:
        year, month, day = (int(g) for g in match.groups())
        if not 1 <= month <= 12:
            return (
                f"{text}: there is no month {month}",
                f"{text}：没有 {month} 月",
            )
        if year >= 1:
            days = calendar.monthrange(year, month)[1]
            if not 1 <= day <= days:
                return (
                    f"{text}: the day does not exist ({year}-{month:02d} has {days} days)",
                    f"{text}：这一天不存在（{year} 年 {month} 月只有 {days} 天）",
                )
    return (
        f"not a date (YYYY-MM-DD): {text!r}",
        f"不是日期（应为 YYYY-MM-DD）：{text!r}",
    )


def to_date(text: str) -> dt.date | None:
    """``text`` as a date, or ``None`` (then :func:`date_problem` says why)."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None
