"""What each answer says and which article it cites (《中华人民共和国政府信息公开条例》,
国务院令第711号).

Every stored outcome (a ``requests`` row key of the 2021 form) has one entry: the decision as
the 答复书 states it, and the legal basis it cites. Arts. 36 (the seven kinds of answer), 37
(separating), 38 (no new information need be created), 30 (correction), 35 (excessive
requests), 39 (petitions and publications) and 14–16 (what is not disclosed) are the
articles the answers rest on; 42 with 国办函〔2020〕109号 for the fee.
"""

from __future__ import annotations

from dataclasses import dataclass

from xxgk.ledger import model as m

REGULATION = "《中华人民共和国政府信息公开条例》"

# art. 36 items, cited as 第三十六条第（N）项
_ITEM = "第三十六条第（{}）项"


@dataclass(frozen=True)
class Answer:
    decision: str  # the sentence that states the decision
    basis: str  # the articles cited, e.g. 第三十六条第（四）项
    label: str  # the outcome as the form prints it, short


def _denied(reason: str, article: str, label: str) -> Answer:
    return Answer(
        f"您申请获取的信息{reason}，本机关决定不予公开。",
        f"第{article}、{_ITEM.format('三')}",
        label,
    )


ANSWERS: dict[str, Answer] = {
    "granted": Answer(
        "您申请获取的政府信息属于可以公开的信息，本机关决定予以公开，现随本答复书提供"
        "（或按您要求的形式另行提供）。",
        _ITEM.format("二"),
        "予以公开",
    ),
    "partially_granted": Answer(
        "您申请获取的信息中含有不应当公开的内容，本机关已作区分处理，现提供可以公开的部分；"
        "对不予公开的部分，理由附后。",
        "第三十七条",
        "部分公开",
    ),
    "denied.state_secret": _denied(
        "属于依法确定为国家秘密的政府信息", "十四条", "不予公开（国家秘密）"
    ),
    "denied.prohibited_by_law": _denied(
        "属于法律、行政法规禁止公开的政府信息", "十四条", "不予公开（法律行政法规禁止）"
    ),
    "denied.security_stability": _denied(
        "公开后可能危及国家安全、公共安全、经济安全、社会稳定", "十四条", "不予公开（三安全一稳定）"
    ),
    "denied.third_party": _denied(
        "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
        "十五条",
        "不予公开（第三方合法权益）",
    ),
    "denied.internal_affairs": _denied(
        "属于行政机关的内部事务信息", "十六条第一款", "不予公开（内部事务信息）"
    ),
    "denied.process_info": _denied(
        "属于行政机关在履行行政管理职能过程中形成的过程性信息",
        "十六条第二款",
        "不予公开（过程性信息）",
    ),
    "denied.enforcement_file": _denied(
        "属于行政执法案卷信息", "十六条第二款", "不予公开（行政执法案卷）"
    ),
    "denied.administrative_query": Answer(
        "您申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的查询事项，"
        "请依照有关法律、行政法规的规定办理。",
        _ITEM.format("七"),
        "不予公开（行政查询事项）",
    ),
    "unavailable.not_held": Answer(
        "经检索，本机关没有您申请公开的政府信息，该政府信息不存在。",
        _ITEM.format("四"),
        "无法提供（本机关不掌握）",
    ),
    "unavailable.needs_creation": Answer(
        "您申请获取的信息需要本机关对现有政府信息进行加工、分析后方能形成，本机关不予提供。",
        "第三十八条",
        "无法提供（需另行制作）",
    ),
    "unavailable.still_unclear": Answer(
        "您补正后的申请内容仍不明确，本机关无法确定您所需要的政府信息，无法提供。",
        "第三十条",
        "无法提供（补正后仍不明确）",
    ),
    "not_processed.petition": Answer(
        "您的申请属于以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府信息"
        "公开申请处理，您可以通过相应渠道提出。",
        "第三十九条第一款",
        "不予处理（信访举报投诉）",
    ),
    "not_processed.repeated": Answer(
        "本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同政府信息，本机关不予重复处理。",
        _ITEM.format("六"),
        "不予处理（重复申请）",
    ),
    "not_processed.publication": Answer(
        "您申请获取的是政府公报、报刊、书籍等公开出版物，请通过公开发行渠道获取。",
        "第三十九条第二款",
        "不予处理（公开出版物）",
    ),
    "not_processed.excessive": Answer(
        "您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理，本机关不予处理。",
        "第三十五条",
        "不予处理（大量反复申请）",
    ),
    "not_processed.confirmation": Answer(
        "您的申请是要求本机关确认或者重新出具您已获取的信息，不属于政府信息公开申请，本机关不作处理。",
        "",
        "不予处理（确认或重新出具）",
    ),
    "other.no_correction": Answer(
        "本机关已告知您补正申请，您无正当理由逾期未补正，视为放弃申请，本机关不再处理该申请。",
        "第三十条",
        "其他处理（逾期不补正）",
    ),
    "other.unpaid_fee": Answer(
        "本机关已向您发出收费通知，您逾期未按通知要求缴纳信息处理费，本机关不再处理该申请。",
        "第四十二条及《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        "其他处理（逾期未缴费）",
    ),
    "other.other": Answer(
        "本机关对您的申请作如下处理：{note}。",
        "",
        "其他处理",
    ),
}

assert set(ANSWERS) == set(m.OUTCOMES), "every outcome has its answer"


def citation(basis: str) -> str:
    """``根据《条例》第三十六条第（四）项的规定`` — or the general form when nothing is cited."""
    if not basis:
        return f"根据{REGULATION}的有关规定"
    return f"根据{REGULATION}{basis}的规定"


def answer_for(outcome: str, *, responsible: str | None = None, note: str | None = None) -> Answer:
    """The answer of one outcome. ``responsible``: for 不掌握, the agency that does hold it
    (then art. 36(五): not this agency's to disclose, name the one whose it is)."""
    base = ANSWERS[outcome]
    if outcome == "unavailable.not_held" and responsible:
        return Answer(
            f"您申请公开的信息不属于本机关负责公开，负责公开该政府信息的行政机关为{responsible}，"
            "请向该机关提出申请。",
            _ITEM.format("五"),
            base.label,
        )
    if outcome == "other.other":
        return Answer(base.decision.format(note=note or "不再处理"), base.basis, base.label)
    return base


def cn_date(day: object) -> str:
    """2024-09-25 → 2024年9月25日."""
    import datetime as dt

    if not isinstance(day, dt.date):
        return ""
    return f"{day.year}年{day.month}月{day.day}日"
