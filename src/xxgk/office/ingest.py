"""One report into the store: archive the bytes, parse, match to a unit, and record it as a
new report, a new version of a report (changed after publication), a conflict, or nothing new.

Used by :mod:`xxgk.office.collect` (local files) and :mod:`xxgk.office.fetch` (the web).
Re-ingesting the same bytes from the same source changes nothing (idempotent).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from xxgk.errors import NotAReport, XxgkError
from xxgk.model import Report
from xxgk.office.names import NameIndex
from xxgk.store import Store
from xxgk.store import archive as arch
from xxgk.store import office as q

_DATE = re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


@dataclass(frozen=True)
class Ingested:
    """What happened to one file or page: ``outcome`` is ``added``, ``same``, ``version``
    (changed after publication), ``conflict``, ``unmatched``, ``ambiguous`` or ``failed``."""

    source: str
    outcome: str
    unit: str | None = None
    year: int | None = None
    message: str = ""
    report_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "outcome": self.outcome,
            "unit": self.unit,
            "year": self.year,
            "message": self.message,
        }


@dataclass(frozen=True)
class Parsed:
    report: Report | None
    problem: str | None  # why it is not a report / cannot be read


def parse_bytes(content: bytes, name: str) -> Parsed:
    from xxgk.api import parse

    try:
        return Parsed(parse(content, name=name), None)
    except NotAReport as exc:
        return Parsed(None, f"不是年度报告：{exc.message}")
    except XxgkError as exc:
        return Parsed(None, f"无法读取：{exc.message}")


def signature_date(report: Report) -> dt.date | None:
    """The date printed under the signature: the last date in the report's closing text."""
    texts = [s.text for s in report.sections if s.text]
    tail = texts[-1][-300:] if texts else ""
    found = list(_DATE.finditer(tail))
    if not found:
        return None
    y, m, d = (int(g) for g in found[-1].groups())
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def cells(report: Report) -> list[tuple[str, str, str, str]]:
    out = []
    for name, table in report.tables.items():
        if table is None:
            continue
        for row, column, cell in table.cells():
            if cell.value is not None:
                out.append((name, row, column, str(cell.value)))
    return out


def texts(report: Report) -> list[tuple[str, str]]:
    return [(s.key, s.text) for s in report.sections if s.text.strip()]


def table_hashes(report: Report) -> str:
    """``active=…;requests=…;appeals=…``: a hash of each table that holds a number other than
    0 (a year of nothing, repeated, is no copy)."""
    parts = []
    for name, table in report.tables.items():
        if table is None:
            continue
        lines = [f"{r}/{c}={cell.value}" for r, c, cell in table.cells() if cell.value is not None]
        if any(cell.value for _, _, cell in table.cells()):
            parts.append(f"{name}={_hash(lines)[:32]}")
    return ";".join(parts)


def _hash(lines: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(lines)).encode("utf-8")).hexdigest()


def _name_year(name: str) -> int | None:
    """The year a file name names (``青石镇2025年报.txt``), for files that are not reports."""
    found = re.findall(r"(?<!\d)(20\d{2})(?!\d)", name)
    return int(found[0]) if len(set(found)) == 1 else None


def match_unit(index: NameIndex, report: Report | None, name: str) -> tuple[set[str], str]:
    """Candidate units for a file: by the parsed agency (exact, then the unit's name inside
    the agency, then fuzzy), else by the file name. Returns the codes and how they were found."""
    agency = report.meta.agency if report is not None else None
    for how, text in (("agency", agency), ("file name", name)):
        if not text:
            continue
        for method in (index.exact, index.contained, index.fuzzy):
            found = method(text)
            if found:
                return found, how
    return set(), ""


def ingest(
    *,
    store: Store,
    content: bytes,
    name: str,
    source: str,
    source_kind: str,
    year: int | None,
    index: NameIndex | None = None,
    unit: str | None = None,
    published: tuple[dt.date, str] | None = None,
    parsed: Parsed | None = None,
) -> Ingested:
    """Record one file or page. ``unit`` given (fetch) or matched through ``index`` (collect)."""
    sha = arch.sha256(content)
    parsed = parsed or parse_bytes(content, name)
    report = parsed.report
    if unit is None:
        assert index is not None
        found, how = match_unit(index, report, name)
        if len(found) != 1:
            return _unmatched(store, source, sha, content, year, report, found, how)
        unit = next(iter(found))
    the_year = year or (report.meta.year if report else None) or _name_year(name)
    if the_year is None:
        return Ingested(source, "failed", unit, None, "报告年份不明，请用 --year 指定")
    values = _values(report, parsed.problem, unit, the_year, source, source_kind, sha, published)
    with store.transaction():
        arch.put_blob(store=store, content=content)
        q.clear_unmatched(store=store, year=the_year, source=source)
        return _record(store, values, report)


def _values(
    report: Report | None,
    problem: str | None,
    unit: str,
    year: int,
    source: str,
    source_kind: str,
    sha: str,
    published: tuple[dt.date, str] | None,
) -> dict[str, Any]:
    meta = report.meta if report else None
    if published is None and report is not None and report.meta.published is not None:
        published = (report.meta.published, report.meta.published_from or "page")
    if published is None and report is not None:
        signed = signature_date(report)
        published = (signed, "signature") if signed else None
    found = report.findings if report else []
    return {
        "unit_code": unit,
        "year": year,
        "source": source,
        "source_kind": source_kind,
        "sha256": sha,
        "content_hash": _hash([f"{t}/{r}/{c}={v}" for t, r, c, v in cells(report)])
        if report
        else "",
        "text_hash": _hash([re.sub(r"\s+", "", t) for _, t in texts(report)]) if report else "",
        "table_hashes": table_hashes(report) if report else "",
        "is_report": report is not None,
        "report_year": meta.year if meta else None,
        "edition": meta.edition if meta else None,
        "agency": meta.agency if meta else None,
        "format": meta.format if meta else None,
        "title": meta.title if meta else None,
        "published_date": published[0].isoformat() if published else None,
        "published_from": published[1] if published else "unknown",
        "errors": sum(1 for f in found if f.severity == "error"),
        "warnings": sum(1 for f in found if f.severity == "warning"),
        "problem": problem,
    }


def _record(store: Store, values: dict[str, Any], report: Report | None) -> Ingested:
    unit, year, source = values["unit_code"], values["year"], values["source"]
    old = q.latest_from_source(store=store, unit=unit, year=year, source=source)
    if old is not None:
        return _again(store, old, values, report)
    values["version"] = 1
    new_id = _insert(store, values, report)
    rivals = [
        r
        for r in q.current_reports(store=store, years=[year], unit=unit)
        if r.unit_code == unit
        and r.id != new_id
        and r.is_report
        and values["is_report"]
        and r.content_hash != values["content_hash"]
    ]
    for rival in rivals:
        q.add_conflict(store=store, unit=unit, year=year, a=rival.id, b=new_id)
    if rivals:
        return Ingested(source, "conflict", unit, year, "同一单位同一年度有两份不同的报告", new_id)
    return Ingested(source, "added", unit, year, "", new_id)


def _again(
    store: Store, old: q.StoredReport, values: dict[str, Any], report: Report | None
) -> Ingested:
    """A source read before: the same report, a new version of it (changed after publication),
    or — when it was not a report then — the report published now."""
    unit, year, source = values["unit_code"], values["year"], values["source"]
    if old.is_report and not values["is_report"]:
        return Ingested(
            source, "same", unit, year, "来源现在不是年度报告，保留已收录的报告", old.id
        )
    kind = _change_kind(old, values)
    if kind is None:
        return Ingested(source, "same", unit, year, "已收录，内容未变", old.id)
    values["version"] = old.version + 1
    new_id = _insert(store, values, report)
    if not old.is_report:
        return Ingested(source, "added", unit, year, "", new_id)
    q.add_change(
        store=store, unit=unit, year=year, source=source, old=old.id, new=new_id, kind=kind
    )
    return Ingested(source, "version", unit, year, f"发布后被修改（{_KIND_ZH[kind]}）", new_id)


_KIND_ZH = {"cells": "表格数字不同", "text": "正文不同", "bytes": "文件内容不同"}


def _change_kind(old: q.StoredReport, values: dict[str, Any]) -> str | None:
    """How a re-read source differs from its last version; ``None`` when it does not. A web
    page's bytes change with every visit counter, so only its cells and texts count."""
    if old.sha256 == values["sha256"]:
        return None
    if old.content_hash != values["content_hash"]:
        return "cells"
    if old.text_hash != values["text_hash"]:
        return "text"
    if values["format"] in ("html", None):
        return None
    return "bytes"


def _insert(store: Store, values: dict[str, Any], report: Report | None) -> int:
    from xxgk.output.jsonout import dumps

    return q.insert_report(
        store=store,
        values=values,
        report_json=dumps(report.to_dict()) if report else None,
        cells=cells(report) if report else [],
        sections=texts(report) if report else [],
    )


def _unmatched(
    store: Store,
    source: str,
    sha: str,
    content: bytes,
    year: int | None,
    report: Report | None,
    found: set[str],
    how: str,
) -> Ingested:
    the_year = year or (report.meta.year if report else None) or 0
    agency = report.meta.agency if report else None
    if found:
        outcome = "ambiguous"
        reason = f"按{_HOW_ZH.get(how, how)}同时匹配多个单位：{'、'.join(sorted(found))}，未归属"
    else:
        outcome = "unmatched"
        reason = f"没有匹配的单位（发布机构：{agency or '未识别'}）"
    with store.transaction():
        arch.put_blob(store=store, content=content)
        q.put_unmatched(
            store=store,
            year=the_year,
            source=source,
            sha=sha,
            reason=reason,
            candidates=";".join(sorted(found)),
        )
    return Ingested(source, outcome, None, the_year or None, reason)


_HOW_ZH = {"agency": "发布机构", "file name": "文件名"}
