"""Readable tables: the three tables with the form's official Chinese labels, the findings under
them, and a header saying who, which year, which edition — and where each came from.

Columns are aligned by display width (a CJK character takes two terminal cells, see
:func:`width`). Every label comes from :mod:`xxgk.form`; the other words here are display text.
A cell named by a finding is marked ``*`` so the eye goes from a finding to its cell.
Control characters a report may carry (terminal escape sequences, bidi overrides) are shown
as ``\x1b`` / ``\u202e``, never sent to the terminal (:func:`printable`).
``format_report`` is the reusable entry point (``xxgk ledger report`` prints with it too).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from xxgk import form
from xxgk.errors import printable
from xxgk.model import Cell, Finding, Report, Table

_TEXT = {
    "zh": {
        "agency": "机关",
        "year": "年度",
        "edition": "格式",
        "file": "文件",
        "format": "文件格式",
        "from": "来源",
        "sections": "正文",
        "missing": "缺",
        "absent": "（报告中没有此表）",
        "findings": "检查结果",
        "none": "未发现问题",
        "suggest": "建议",
        "mark": "* 标出检查结果所指的单元格",
        "error": "错误",
        "warning": "警告",
        "info": "提示",
        "unknown": "未知",
        "extra": "表外单元格",
        "chars": "字",
        "edition_suffix": "版",
    },
    "en": {
        "agency": "Agency",
        "year": "Year",
        "edition": "Edition",
        "file": "File",
        "format": "format",
        "from": "from",
        "sections": "Sections",
        "missing": "missing",
        "absent": "(not in the report)",
        "findings": "Findings",
        "none": "no findings",
        "suggest": "suggestion",
        "mark": "* marks a cell a finding names",
        "error": "error",
        "warning": "warning",
        "info": "info",
        "unknown": "unknown",
        "extra": "cells outside the form",
        "chars": "chars",
        "edition_suffix": " edition",
    },
}
_ORIGINS = {
    "zh": {
        "title": "标题",
        "first_paragraph": "首段",
        "compiler": "编制机关",
        "data": "数据",
        "period": "统计期限",
        "text": "正文",
    },
    "en": {"first_paragraph": "first paragraph", "period": "reporting period"},
}
_BLOCK_ORDER = tuple(dict.fromkeys(b.key for ed in form.EDITIONS for b in form.active_blocks(ed)))
_SUB_GROUPS = (
    form.DENIED_GROUP,
    form.UNAVAILABLE_GROUP,
    form.NOT_PROCESSED_GROUP,
    form.OTHER_GROUP,
)


def width(text: str) -> int:
    """Terminal columns ``text`` takes: wide/full-width characters count two, combining marks none."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return total


def pad(text: str, size: int, right: bool = False) -> str:
    gap = " " * max(0, size - width(text))
    return gap + text if right else text + gap


def _t(lang: str, key: str) -> str:
    return _TEXT.get(lang, _TEXT["zh"])[key]


# --------------------------------------------------------------------------- grid


def grid(header: list[str], rows: list[list[str]], indent: str = "  ") -> list[str]:
    """Aligned lines: first column left-aligned (labels), the others right-aligned (numbers)."""
    n = len(header)
    sizes = [max(width(r[i]) for r in [header, *rows] if i < len(r)) for i in range(n)]
    out = []
    for r in [header, *rows]:
        cells = [pad(r[0], sizes[0])] + [
            pad(c, sizes[i + 1], right=True) for i, c in enumerate(r[1:])
        ]
        out.append((indent + "  ".join(cells)).rstrip())
    return out


def _show(cell: Cell | None, marked: bool) -> str:
    if cell is None:
        return ""
    text = cell.raw if cell.raw else ("" if cell.value is None else str(cell.value))
    return ("*" if marked else "") + text  # in front, so the digits stay aligned


def _marks(findings: Iterable[Finding], table: str) -> set[tuple[str | None, str | None]]:
    return {(f.row, f.column) for f in findings if f.table == table}


def _cells_row(table: Table, row: str, columns: Iterable[str], marks: set) -> list[str]:
    return [_show(table.cell(row, c), (row, c) in marks or (row, None) in marks) for c in columns]


# --------------------------------------------------------------------------- tables


def _edition(report: Report, table: Table) -> str:
    ed = table.edition or report.meta.edition
    return ed if ed in form.EDITIONS else form.EDITIONS[-1]


def _active_lines(report: Report, table: Table, marks: set) -> list[str]:
    out: list[str] = []
    for key in _BLOCK_ORDER:
        ed = table.blocks.get(key) or _edition(report, table)
        block = next((b for b in form.active_blocks(ed) if b.key == key), None)
        if block is None or not (
            key in table.blocks or any(r.key in table.rows for r in block.rows)
        ):
            continue
        header = [block.header, *(c.label for c in block.columns)]
        rows = [
            [r.label, *_cells_row(table, r.key, (c.key for c in block.columns), marks)]
            for r in block.rows
        ]
        out += [f"  {block.label}", *grid(header, rows, "    ")]
    return out


def _requests_rows(report: Report, table: Table) -> list[form.Row]:
    ed = _edition(report, table)
    return [r for r in form.REQUESTS_ROWS if ed in r.editions or r.key in table.rows]


def _requests_lines(report: Report, table: Table, marks: set) -> list[str]:
    columns = [c.key for c in form.REQUESTS_COLUMNS]
    header = ["", *(c.label for c in form.REQUESTS_COLUMNS)]
    rows: list[list[str]] = []
    opened: set[str] = set()
    for r in _requests_rows(report, table):
        depth = 0
        if r.group is not None:
            depth = 2 if r.group in _SUB_GROUPS else 1
            for g, d in ((form.RESULTS_GROUP, 0), (r.group, 1)):
                if g not in opened and (g == r.group or depth == 2) and g != r.label:
                    opened.add(g)
                    rows.append(["  " * d + g, *([""] * len(columns))])
        rows.append(["  " * depth + r.label, *_cells_row(table, r.key, columns, marks)])
    return grid(header, rows)


def _appeals_lines(report: Report, table: Table, marks: set) -> list[str]:
    columns = [c.key for c in form.APPEALS_COLUMNS]
    header = ["", *(c.label for c in form.APPEALS_COLUMNS)]
    rows = []
    for r in form.APPEALS_ROWS:
        label = f"{r.group} / {r.label}" if r.group else r.label
        rows.append([label, *_cells_row(table, r.key, columns, marks)])
    return grid(header, rows)


_TABLE_LINES = {"active": _active_lines, "requests": _requests_lines, "appeals": _appeals_lines}


def _known(table: Table, report: Report) -> set[tuple[str, str]]:
    return {k for ed in form.EDITIONS for k in form.cell_keys(table.name, ed)}


def _extra_lines(report: Report, table: Table, lang: str) -> list[str]:
    """Cells the parser keyed outside the form's canonical keys: shown, never dropped."""
    known = _known(table, report)
    extra = [(r, c, cell) for r, c, cell in table.cells() if (r, c) not in known]
    if not extra:
        return []
    return [f"  {_t(lang, 'extra')}:"] + [f"    {r} / {c}: {cell.raw}" for r, c, cell in extra]


def format_table(report: Report, name: str, lang: str = "zh") -> list[str]:
    """One table as lines, headed by its section heading (二、三、四)."""
    section = next(s for s in form.SECTIONS if s.table == name)
    table = report.tables.get(name)
    if table is None:
        return [section.heading, f"  {_t(lang, 'absent')}"]
    lines = _TABLE_LINES[name](report, table, _marks(report.findings, name))
    return [section.heading, *lines, *_extra_lines(report, table, lang)]


# --------------------------------------------------------------------------- meta and sections


def _origin(lang: str, origin: str | None) -> str:
    if not origin:
        return ""
    if lang == "zh":
        return f"（{_t(lang, 'from')}：{_ORIGINS['zh'].get(origin, origin)}）"
    name = _ORIGINS["en"].get(origin, origin.replace("_", " "))
    return f" ({_t(lang, 'from')}: {name})"


def format_meta(report: Report, lang: str = "zh") -> list[str]:
    """The header: title, agency, year, edition (each with where it came from), file."""
    m = report.meta
    unknown = _t(lang, "unknown")
    out = [m.title] if m.title else []
    out.append(f"{_t(lang, 'agency')}: {m.agency or unknown}{_origin(lang, m.agency_from)}")
    out.append(f"{_t(lang, 'year')}: {m.year or unknown}{_origin(lang, m.year_from)}")
    edition = (
        f"{m.edition}{_t(lang, 'edition_suffix')}  {form.EDITION_DOCUMENTS[m.edition]}"
        if m.edition in form.EDITION_DOCUMENTS
        else (m.edition or unknown)
    )
    out.append(f"{_t(lang, 'edition')}: {edition}")
    if m.file:
        out.append(
            f"{_t(lang, 'file')}: {m.file}"
            + (f"  ({_t(lang, 'format')}: {m.format})" if m.format else "")
        )
    return out


def format_sections(report: Report, lang: str = "zh") -> str:
    """One line: which of the six sections were found (prose length) and which are missing."""
    found = {s.key: s for s in report.sections}
    parts = []
    for sec in form.SECTIONS:
        if sec.key not in found:
            continue
        size = len(found[sec.key].text)
        parts.append(f"{sec.number}（{size}{_t(lang, 'chars')}）" if size else sec.number)
    missing = [sec.heading for sec in form.SECTIONS if sec.key not in found]
    line = f"{_t(lang, 'sections')}: " + " ".join(parts)
    return line + (f"；{_t(lang, 'missing')}: " + "、".join(missing) if missing else "")


# --------------------------------------------------------------------------- findings


def _place(f: Finding, edition: str) -> str:
    """Where a finding points, in the form's words: table title / row label / column label."""
    if f.table not in form.TABLE_TITLES:
        return ""
    parts = [form.table_title(f.table)]
    try:
        if f.row:
            parts.append(form.row_label(f.table, f.row, edition))
        if f.column:
            parts.append(form.column_label(f.table, f.column, edition, f.row))
    except (KeyError, StopIteration, ValueError):
        parts += [p for p in (f.row, f.column) if p and p not in parts]
    return " / ".join(parts)


def _suggestion(f: Finding, lang: str, edition: str) -> str | None:
    s = f.suggestion
    if not s or "value" not in s:
        return None
    where = _place(
        Finding(f.rule, f.severity, "", "", s.get("table"), s.get("row"), s.get("column")), edition
    )
    reason = s.get("reason_zh" if lang == "zh" else "reason") or ""
    return f"{_t(lang, 'suggest')}: {where} = {s['value']}" + (f"  {reason}" if reason else "")


def format_finding(f: Finding, lang: str = "zh", edition: str = "2021") -> list[str]:
    """A finding as two or three lines: severity, rule, place; the message; the suggestion."""
    where = _place(f, edition)
    src = f.source.describe(lang) if f.source else ""
    head = "  ".join(p for p in (f"[{_t(lang, f.severity)}]", f.rule, where, src) if p)
    message = f.message if lang == "zh" else (f.message_en or f.message)
    lines = [f"  {head}", f"      {message}"]
    hint = _suggestion(f, lang, edition)
    return lines + ([f"      {hint}"] if hint else [])


def format_findings(findings: list[Finding], lang: str = "zh", edition: str = "2021") -> list[str]:
    counts = {
        sev: sum(1 for f in findings if f.severity == sev) for sev in ("error", "warning", "info")
    }
    if not findings:
        return [f"{_t(lang, 'findings')}: {_t(lang, 'none')}"]
    summary = ", ".join(f"{n} {_t(lang, sev)}" for sev, n in counts.items() if n)
    out = [f"{_t(lang, 'findings')}: {summary}"]
    for f in findings:
        out += format_finding(f, lang, edition)
    return out


# --------------------------------------------------------------------------- the report


def format_report(report: Report, lang: str = "zh") -> str:
    """The whole report, readable: header, the three tables, the sections line, the findings."""
    edition = report.meta.edition if report.meta.edition in form.EDITIONS else "2021"
    lines = [*format_meta(report, lang), format_sections(report, lang), ""]
    for name in form.TABLES:
        lines += [*format_table(report, name, lang), ""]
    if report.findings:
        lines.append(_t(lang, "mark"))
    lines += format_findings(report.findings, lang, edition)
    return "\n".join(lines) + "\n"


def format_check(record: dict[str, Any], lang: str = "zh") -> str:
    """``xxgk check``: a line naming the report, then its findings."""
    findings = [Finding.from_dict(f) for f in record.get("findings") or ()]
    who = " ".join(str(p) for p in (record.get("agency"), record.get("year")) if p)
    head = f"{record.get('file') or '-'}" + (f"  {who}" if who else "")
    edition = str(record["edition"]) if record.get("edition") in form.EDITIONS else "2021"
    return "\n".join([head, *format_findings(findings, lang, edition)]) + "\n"


def render(record: dict[str, Any], lang: str = "zh", command: str = "parse") -> str:
    """A record (report or check) as readable text."""
    if command == "check":
        return printable(format_check(record, lang))
    return printable(format_report(Report.from_dict(record), lang))
