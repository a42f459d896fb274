"""The case file (归档): a closed request as one ZIP — every letter its steps called for, the
timeline (the event log: who, when, what), the approval trail, and a PDF index (目录.pdf).

Making it records an ``archived`` event in the request's log. The PDF is drawn with fpdf2 and
a CJK TrueType font from the system (Debian ``fonts-wqy-zenhei``; ``XXGK_CJK_FONT`` overrides).
"""

from __future__ import annotations

import csv
import io
import logging
import os
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from xxgk.errors import LedgerError, UnsupportedFormat
from xxgk.ledger import approval
from xxgk.ledger import model as m
from xxgk.ledger.labels import EVENT_LABELS, STATE_LABELS, outcome_label

if TYPE_CHECKING:
    from xxgk.ledger.book import Ledger

FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)


def _font() -> str:
    chosen = os.environ.get("XXGK_CJK_FONT")
    for path in (chosen, *FONTS):
        if path and Path(path).is_file():
            return path
    raise UnsupportedFormat(
        "the case file index needs a Chinese TrueType font (apt: fonts-wqy-zenhei, or set XXGK_CJK_FONT)"
    )


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def timeline_rows(state: m.RequestState) -> list[list[str]]:
    return [
        [e.on.isoformat(), EVENT_LABELS.get(e.kind, e.kind), _detail(e), e.by, e.at]
        for e in state.events
    ]


def _detail(e: m.Event) -> str:
    data = e.data
    if e.kind == m.ANSWERED or e.kind == m.ANSWER_DRAFTED:
        return outcome_label(data.get("outcome"))
    if e.kind == m.EXTENDED:
        return f"{data.get('days', m.EXTENSION_MAX)}个工作日"
    if e.kind == m.ANSWER_RETURNED:
        return str(data.get("reason", ""))
    if e.kind == m.SECRECY_REVIEWED:
        return str(data.get("conclusion", ""))
    if e.kind == m.FEE_NOTICE:
        return f"{data.get('amount', '')}元"
    if e.kind == m.VOID:
        return f"撤销记录 {data.get('event')}"
    return ""


def build(ledger: Ledger, request_id: str, *, by: str | None = None) -> tuple[str, bytes]:
    """``(file name, ZIP bytes)`` of a closed request's case file; records ``archived``."""
    from xxgk.ledger.notices import KINDS, render

    state = ledger.state(request_id)
    if state.is_open:
        raise LedgerError(
            "only a closed request can be archived", request=request_id, field="state"
        )
    files: dict[str, bytes] = {}
    for kind in KINDS:
        try:
            notice = render(ledger, request_id, kind)
        except LedgerError:
            continue  # this step never happened: no letter
        files[f"文书/{notice.filename}"] = notice.content
    header = ["日期", "事项", "内容", "记录人", "记录时间"]
    files["时间线.csv"] = _csv(header, timeline_rows(state))
    trail = [
        [t["on"], t["step"], _detail(e), e.by, e.at]
        for d in approval.drafts(state.events)
        for e, t in ((e, approval.trail_entry(e)) for e in d.trail)
    ]
    files["审批记录.csv"] = _csv(header, trail)
    files["目录.pdf"] = index_pdf(ledger, state, list(files), trail)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ["目录.pdf", *sorted(n for n in files if n != "目录.pdf")]:
            z.writestr(name, files[name])
    _record(ledger, request_id, by, sorted(files))
    return f"{request_id}-案卷.zip", out.getvalue()


def _record(ledger: Ledger, request_id: str, by: str | None, names: list[str]) -> None:
    import datetime as dt

    from xxgk.ledger.book import now, who

    event = m.Event(request_id, m.ARCHIVED, dt.date.today(), {"files": names}, who(by), now())
    with ledger.store.transaction():
        ledger._lock(request_id)
        ledger._append(event)


def index_pdf(
    ledger: Ledger, state: m.RequestState, names: list[str], trail: list[list[str]]
) -> bytes:
    from fpdf import FPDF

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.add_font("cjk", fname=_font())
    pdf.set_font("cjk", size=16)
    pdf.cell(
        0,
        10,
        text=f"政府信息公开申请案卷目录（{state.id}）",
        new_x="LMARGIN",
        new_y="NEXT",
        align="C",
    )
    pdf.set_font("cjk", size=10)
    agency = ledger.setting("agency") or ledger.unit
    facts = [
        f"单位：{agency}",
        f"申请编号：{state.id}",
        f"收到日期：{state.received.isoformat()}",
        f"状态：{STATE_LABELS.get(state.state, state.state)}",
        f"办结日期：{state.closed_on.isoformat() if state.closed_on else ''}",
        f"办理结果：{outcome_label(state.outcome)}",
    ]
    _lines(pdf, facts)
    _heading(pdf, "一、卷内文件")
    _lines(pdf, [f"{i}. {n}" for i, n in enumerate(["目录.pdf", *names], start=1)])
    _heading(pdf, "二、办理过程")
    _lines(pdf, [" ".join(r[:4]) for r in timeline_rows(state)])
    _heading(pdf, "三、审批记录")
    _lines(pdf, [" ".join(r[:4]) for r in trail] or ["本申请未经内部审批流程"])
    return bytes(pdf.output())


def _heading(pdf: object, text: str) -> None:
    pdf.set_font("cjk", size=12)  # type: ignore[attr-defined]
    pdf.cell(0, 9, text=text, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.set_font("cjk", size=10)  # type: ignore[attr-defined]


def _lines(pdf: object, lines: list[str]) -> None:
    for line in lines:
        pdf.multi_cell(0, 6, text=line, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
