"""Readable text for the ledger commands (``--format table``). Labels come from xxgk.form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from xxgk import form
from xxgk.errors import current_language, say
from xxgk.ledger.deadlines import Item
from xxgk.model import Report

_KIND = {"answer": "答复期限", "reply": "征求意见答复期限", "correction_notice": "补正告知期限"}


def _status(item: Item) -> str:
    if item.overdue:
        return f"逾期 {-item.left} 个工作日"
    return "今日到期" if item.left == 0 else f"剩 {item.left} 个工作日"


def due(items: list[Item], today: dt.date) -> str:
    """The due list: one line per deadline, most urgent first."""
    lines = [f"截至 {today.isoformat()}：{len(items)} 项"]
    for i in items:
        warn = "".join(f"  ⚠ {w}" for w in i.warnings)
        lines.append(
            f"{i.due.isoformat()}  {_status(i):<14} {i.request_id:<16} {_KIND[i.kind]}{warn}"
        )
    return "\n".join(lines)


def listing(rows: list[dict[str, Any]]) -> str:
    head = say(
        f"{'编号':<14} {'申请人类型':<10} {'收到日期':<6}  {'状态':<18} 办理结果 / 答复期限",
        f"{'id':<16} {'applicant_type':<15} {'received':<10}  {'state':<20} outcome / answer due",
    )
    out = [head]
    for r in rows:
        tail = f"{r['outcome']} {r['answered_on']}" if r["outcome"] else (r["answer_due"] or "-")
        if r.get("warnings"):
            tail += f"  ⚠ {r['warnings']}"
        out.append(
            f"{r['id']:<16} {r['applicant_type']:<15} {r['received_on']:<10}  {r['state']:<20} {tail}"
        )
    return "\n".join(out)


def show(shown: Any) -> str:
    s = shown.state
    label = form.column_label("requests", s.applicant_type)
    outcome = (
        say(f"  办理结果：{s.outcome}（{s.closed_on}）", f"  outcome: {s.outcome} on {s.closed_on}")
        if s.outcome
        else ""
    )
    out = [
        f"{s.id}  {label} ({s.applicant_type})  "
        + say(f"收到日期 {s.received}", f"received {s.received}"),
        say(f"状态：{s.state}", f"state: {s.state}") + outcome,
    ]
    for kind in ("correction_notice", "answer", "reply"):
        d = getattr(shown.deadlines, kind)
        if d is not None:
            out.append(f"{_KIND[kind]}: {d.day}" + "".join(f"  ⚠ {w}" for w in d.warnings))
    for w in shown.deadlines.late if shown.deadlines.answer is None else ():
        out.append(f"⚠ {w}")
    out.append(say("事件：", "events:"))
    for e in s.events:
        data = " ".join(f"{k}={v}" for k, v in e.data.items())
        who = say(f"（{e.by} 记录于 {e.at}）", f"(by {e.by} at {e.at})")
        out.append(f"  #{e.id} {e.on} {e.kind} {data}  {who}")
    for a in shown.appeals:
        result = a.result or say("尚未审结", "pending")
        out.append(
            say(
                f"复议/诉讼 {a.id}：{a.kind}，{a.filed} 提起 → {result}",
                f"appeal {a.id}: {a.kind} filed {a.filed} → {result}",
            )
        )
    return "\n".join(out)


def report(rep: Report) -> str:
    """The shared table printer when present, else a plain one."""
    try:
        from xxgk.output.table import format_meta, format_table
    except ImportError:
        return _plain(rep)
    lang = current_language()
    lines = [*format_meta(rep, lang), ""]
    for name in ("requests", "appeals"):
        lines += [*format_table(rep, name, lang), ""]
    return "\n".join(lines)


def _plain(rep: Report) -> str:
    out = [f"{rep.meta.agency or ''} {rep.meta.year} ({rep.meta.edition})"]
    for name in ("requests", "appeals"):
        table = rep.table(name)
        if table is None:
            continue
        out.append(form.table_title(name))
        for row, column in form.cell_keys(name, table.edition or "2021"):
            out.append(
                f"  {form.cell_label(name, row, column, table.edition or '2021')}: {table.value(row, column)}"
            )
    return "\n".join(out)
