"""Chinese names of the ledger's keys, for letters, case files and the web desk."""

from __future__ import annotations

from xxgk import form
from xxgk.ledger import model as m

EVENT_LABELS: dict[str, str] = {
    m.RECEIVED: "登记收到申请",
    m.AMENDED: "更正登记信息",
    m.CORRECTION_REQUESTED: "发出补正告知",
    m.CORRECTION_RECEIVED: "收到补正后的申请",
    m.EXTENDED: "延期答复",
    m.CONSULTATION_STARTED: "开始征求意见",
    m.CONSULTATION_ENDED: "征求意见结束",
    m.PAUSED: "暂停计算（导入）",
    m.FEE_NOTICE: "发出收费通知",
    m.FEE_PAID: "缴纳信息处理费",
    m.ANSWERED: "作出答复",
    m.WITHDRAWN: "申请人撤回申请",
    m.VOID: "撤销一条记录",
    m.ANSWER_DRAFTED: "拟办（答复草稿）",
    m.ANSWER_REVIEWED: "审核",
    m.SECRECY_REVIEWED: "保密审查",
    m.ANSWER_SIGNED: "签发",
    m.ANSWER_RETURNED: "退回",
    m.ARCHIVED: "归档",
}

STATE_LABELS: dict[str, str] = {
    m.OPEN: "办理中",
    m.AWAITING_CORRECTION: "待补正",
    m.CONSULTING: "征求意见中",
    m.FEE_PENDING: "待缴费",
    m.CLOSED: "已办结",
}

PARTY_LABELS = {"third_party": "第三方", "agency": "其他机关"}
FEE_METHOD_LABELS = {"piece": "按件计收", "volume": "按量计收"}
DUE_KIND_LABELS = {
    "answer": "答复期限",
    "reply": "征求意见答复期限",
    "correction_notice": "补正告知期限",
}


def applicant_type_label(key: str) -> str:
    try:
        return form.column_label("requests", key)
    except Exception:
        return key


def outcome_label(key: str | None) -> str:
    if not key:
        return ""
    from xxgk.ledger.notices.wording import ANSWERS

    answer = ANSWERS.get(key)
    return answer.label if answer else key


APPLICANT_TYPE_LABELS: dict[str, str] = {k: applicant_type_label(k) for k in form.APPLICANT_TYPES}
OUTCOME_LABELS: dict[str, str] = {k: outcome_label(k) for k in m.OUTCOMES}
