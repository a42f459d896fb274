"""Notices (文书): the DOCX letters a request's steps call for, from replaceable templates.

========================  ============================  ===========================
kind                      letter                        the event it follows
========================  ============================  ===========================
``correction``            补正告知书 (art. 30)            ``correction_requested``
``extension``             延期答复告知书 (art. 33)        ``extended``
``consultation``          征求第三方意见书 (arts. 32, 34)  ``consultation_started``
``answer``                答复书 (arts. 36–39, 14–16)     ``answered`` (or the draft
                                                        awaiting approval)
========================  ============================  ===========================

The wording and the article an answer cites follow its outcome (:mod:`.wording`). Templates
are DOCX files rendered with docxtpl (Jinja2, autoescaped); the unit setting
``notice_templates`` names a directory whose files of the same names replace the shipped ones.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xxgk.errors import LedgerError
from xxgk.ledger import model as m
from xxgk.ledger.notices.wording import answer_for, citation, cn_date

if TYPE_CHECKING:
    from xxgk.ledger.book import Ledger

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE_SETTING = "notice_templates"

KINDS: dict[str, str] = {
    "correction": "补正告知书",
    "extension": "延期答复告知书",
    "consultation": "征求第三方意见书",
    "answer": "答复书",
}
_BY_NAME = {v: k for k, v in KINDS.items()} | {"征求意见书": "consultation"}

VARIABLES = [
    "agency",
    "request_id",
    "applicant",
    "received",
    "description",
    "date",
    "period",
    "items",
    "reason",
    "days",
    "new_due",
    "addressee",
    "concern",
    "article",
    "silence",
    "reply_due",
    "contact",
    "decision",
    "citation",
    "outcome_label",
]


@dataclass(frozen=True)
class Notice:
    kind: str
    filename: str
    context: dict[str, Any]
    content: bytes


def kind_of(name: str) -> str:
    """``answer`` or ``答复书`` → ``answer``; anything else is refused naming the choices."""
    key = _BY_NAME.get(name.strip(), name.strip())
    if key not in KINDS:
        raise LedgerError(
            f"unknown notice {name!r} (one of {', '.join(KINDS)}, or 补正告知书 / 延期答复告知书 / "
            "征求第三方意见书 / 答复书)",
            field="notice",
        )
    return key


def _live(state: m.RequestState, kind: str) -> m.Event | None:
    """The last live event of this kind (voided events are skipped)."""
    voided = {e.data.get("event") for e in state.events if e.kind == m.VOID}
    found = [e for e in state.events if e.kind == kind and e.id not in voided]
    return found[-1] if found else None


def _base(ledger: Ledger, state: m.RequestState) -> dict[str, Any]:
    return {
        "agency": ledger.setting("agency") or _unit_name(ledger),
        "request_id": state.id,
        "applicant": state.applicant or "申请人",
        "received": cn_date(state.received),
        "description": state.description or "（见申请书）",
    }


def _unit_name(ledger: Ledger) -> str:
    from xxgk.store.units import get_unit

    unit = get_unit(store=ledger.store, code=ledger.unit)
    return unit.name if unit else ledger.unit


def _need(event: m.Event | None, request: str, kind: str, after: str) -> m.Event:
    if event is None:
        raise LedgerError(
            f"no {KINDS[kind]} yet: record {after} first", request=request, field="notice"
        )
    return event


def context(ledger: Ledger, request_id: str, kind: str) -> dict[str, Any]:
    """The template variables of one notice of one request."""
    kind = kind_of(kind)
    shown = ledger.show(request_id)
    state = shown.state
    out = _base(ledger, state)
    if kind == "correction":
        e = _need(_live(state, m.CORRECTION_REQUESTED), state.id, kind, "correction_requested")
        items = (
            e.data.get("items")
            or "请明确所需政府信息的名称、文号或者便于本机关查询的其他特征性描述。"
        )
        return out | {"date": cn_date(e.on), "items": items, "period": e.data.get("period") or 15}
    if kind == "extension":
        e = _need(_live(state, m.EXTENDED), state.id, kind, "extended")
        due = shown.deadlines.answer
        return out | {
            "date": cn_date(e.on),
            "days": e.data.get("days") or m.EXTENSION_MAX,
            "reason": e.data.get("reason") or "所申请信息需要进一步检索、核实",
            "new_due": cn_date(due.day) if due else "（答复期限暂停计算中）",
        }
    if kind == "consultation":
        return out | _consultation(ledger, state)
    return out | _answer(ledger, state)


def _consultation(ledger: Ledger, state: m.RequestState) -> dict[str, Any]:
    e = _need(
        _live(state, m.CONSULTATION_STARTED), state.id, "consultation", "consultation_started"
    )
    reply = ledger.calendar.nth_after(e.on, m.REPLY_DAYS)
    third = e.data.get("party", "third_party") == "third_party"
    return {
        "date": cn_date(e.on),
        "addressee": e.data.get("name") or ("（第三方名称）" if third else "（被征求意见机关）"),
        "concern": "该信息可能涉及你方商业秘密、个人隐私等合法权益。"
        if third
        else "该信息由本机关与你机关共同制作。",
        "article": "第三十二条" if third else "第三十四条",
        "silence": "逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。"
        if third
        else "逾期未提出意见的，视为同意公开。",
        "reply_due": cn_date(reply.day),
        "contact": e.data.get("contact") or ledger.setting("contact") or "（联系人、电话）",
    }


def _answer(ledger: Ledger, state: m.RequestState) -> dict[str, Any]:
    event = _live(state, m.ANSWERED)
    if event is None:
        from xxgk.ledger.approval import pending_draft

        event = pending_draft(state)
    if event is None:
        if state.state == m.CLOSED:
            raise LedgerError("a withdrawn request has no 答复书", request=state.id, field="notice")
        raise LedgerError(
            "no 答复书 yet: record the answer first", request=state.id, field="notice"
        )
    outcome = m.canonical_outcome(str(event.data.get("outcome")))
    if outcome is None:
        raise LedgerError("the answer has no known outcome", request=state.id, field="outcome")
    answer = answer_for(
        outcome, responsible=event.data.get("responsible"), note=event.data.get("note")
    )
    return {
        "date": cn_date(event.on),
        "decision": answer.decision,
        "citation": citation(answer.basis),
        "outcome_label": answer.label,
    }


def template_path(ledger: Ledger, kind: str, directory: str | Path | None = None) -> Path:
    """The office's own template when its directory has one, else the shipped one."""
    chosen = directory or ledger.setting(TEMPLATE_SETTING)
    if chosen:
        own = Path(chosen) / f"{kind}.docx"
        if own.is_file():
            return own
    return TEMPLATES / f"{kind}.docx"


def render(
    ledger: Ledger, request_id: str, kind: str, *, templates: str | Path | None = None
) -> Notice:
    """The DOCX of one notice."""
    from docxtpl import DocxTemplate

    kind = kind_of(kind)
    data = context(ledger, request_id, kind)
    path = template_path(ledger, kind, templates)
    try:
        doc = DocxTemplate(str(path))
        doc.render(data, autoescape=True)
        out = io.BytesIO()
        doc.save(out)
    except Exception as exc:  # a broken office template: say which file
        raise LedgerError(f"cannot fill the template: {exc}", path=str(path)) from None
    name = f"{request_id}-{KINDS[kind]}.docx"
    return Notice(kind, name, data, out.getvalue())
