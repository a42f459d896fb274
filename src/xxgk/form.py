"""The national annual-report form, as data.

This is the only module that spells the form's labels. Everything else — the
parser, the rules, the renderers, the ledger and the stores — asks this module
for keys, labels and label variants.

Two editions exist (see ../shared/spec/form.md):

* ``2019`` — 国办公开办函〔2019〕60号, used for report years 2019 and 2020;
* ``2021`` — 国办公开办函〔2021〕30号, used from report year 2021 on.

A value cell is addressed as ``table / row / column`` with the canonical keys
defined below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from xxgk.chinese import label_key

EDITIONS: tuple[str, ...] = ("2019", "2021")
TABLES: tuple[str, ...] = ("active", "requests", "appeals")

EDITION_DOCUMENTS = {
    "2019": "国办公开办函〔2019〕60号《中华人民共和国政府信息公开工作年度报告格式（试行）》",
    "2021": "国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》",
}

TABLE_TITLES = {
    "active": "主动公开政府信息情况",
    "requests": "收到和处理政府信息公开申请情况",
    "appeals": "政府信息公开行政复议、行政诉讼情况",
}


def edition_for_year(year: int) -> str:
    """The edition a report on ``year`` must use (F1)."""
    return "2019" if year <= 2020 else "2021"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    variants: tuple[str, ...] = ()
    group: str | None = None  # a header printed above this column (e.g. 法人或其他组织)

    def keys(self) -> tuple[str, ...]:
        """Normalised label texts that identify this column."""
        return tuple(dict.fromkeys(label_key(t) for t in (self.label, *self.variants)))


@dataclass(frozen=True)
class Row:
    key: str
    label: str  # as printed in the official form, numbering included
    group: str | None = None  # the group label printed beside it (e.g. （三）不予公开)
    variants: tuple[str, ...] = ()
    editions: tuple[str, ...] = EDITIONS

    def keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(label_key(t) for t in (self.label, *self.variants)))


@dataclass(frozen=True)
class Block:
    """One block of the ``active`` table: a 第二十条 item with its own header row."""

    key: str
    label: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    edition: str
    header: str = "信息内容"

    def keys(self) -> tuple[str, ...]:
        return (label_key(self.label),)


# --------------------------------------------------------------------------- active

_MADE = (
    Column("made", "本年新制作数量"),
    Column("published", "本年新公开数量"),
    Column("total", "对外公开总数量"),
)
_ISSUED = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数", variants=("现行有效件数(历史累计)",)),
)
_ITEMS = (
    Column("previous", "上一年项目数量"),
    Column(
        "change", "本年增/减", variants=("本年增减", "本年增/减(指增加或减少的事项数,减用负值表示)")
    ),
    Column("decisions", "处理决定数量"),
)
_DECISIONS_2021 = (Column("decisions", "本年处理决定数量"),)

_REGULATIONS = Row("regulations", "规章")
_NORMATIVE_2019 = Row(
    "normative_documents", "规范性文件", variants=("行政规范性文件", "规范性档案", "行政规范性档案")
)
_NORMATIVE_2021 = Row(
    "normative_documents", "行政规范性文件", variants=("规范性文件", "行政规范性档案", "规范性档案")
)
_LICENSING = Row("licensing", "行政许可")
_OTHER_SERVICES = Row("other_services", "其他对外管理服务事项")
_PUNISHMENT = Row("punishment", "行政处罚")
_COERCION = Row("coercion", "行政强制")
_FEES = Row("fees", "行政事业性收费")
_PROCUREMENT = Row("procurement", "政府集中采购")

ACTIVE_BLOCKS: dict[str, tuple[Block, ...]] = {
    "2019": (
        Block("art20_1", "第二十条第（一）项", (_REGULATIONS, _NORMATIVE_2019), _MADE, "2019"),
        Block("art20_5", "第二十条第（五）项", (_LICENSING, _OTHER_SERVICES), _ITEMS, "2019"),
        Block("art20_6", "第二十条第（六）项", (_PUNISHMENT, _COERCION), _ITEMS, "2019"),
        Block("art20_8", "第二十条第（八）项", (_FEES,), _ITEMS[:2], "2019"),
        Block(
            "art20_9",
            "第二十条第（九）项",
            (_PROCUREMENT,),
            (Column("projects", "采购项目数量"), Column("amount", "采购总金额")),
            "2019",
        ),
    ),
    "2021": (
        Block("art20_1", "第二十条第（一）项", (_REGULATIONS, _NORMATIVE_2021), _ISSUED, "2021"),
        Block("art20_5", "第二十条第（五）项", (_LICENSING,), _DECISIONS_2021, "2021"),
        Block("art20_6", "第二十条第（六）项", (_PUNISHMENT, _COERCION), _DECISIONS_2021, "2021"),
        Block(
            "art20_8",
            "第二十条第（八）项",
            (_FEES,),
            (Column("amount", "本年收费金额（单位：万元）", variants=("本年收费金额",)),),
            "2021",
        ),
    ),
}

# Active-table cells that may be negative (R7) and that hold money (Decimal, unit).
SIGNED_COLUMNS = frozenset({"change"})
MONEY_COLUMNS = frozenset({("procurement", "amount"), ("fees", "amount")})
# The unit the form itself prints for a money cell, where it prints one.
FORM_UNITS = {("2021", "fees", "amount"): "万元"}

# --------------------------------------------------------------------------- requests

LEGAL_PERSON_GROUP = "法人或其他组织"
APPLICANT_GROUP = "申请人情况"
REQUESTS_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

REQUESTS_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业", group=LEGAL_PERSON_GROUP),
    Column("research", "科研机构", group=LEGAL_PERSON_GROUP),
    Column("social_welfare", "社会公益组织", group=LEGAL_PERSON_GROUP),
    Column("legal_service", "法律服务机构", group=LEGAL_PERSON_GROUP),
    Column("other_org", "其他", group=LEGAL_PERSON_GROUP),
    Column("total", "总计"),
)
APPLICANT_TYPES: tuple[str, ...] = tuple(c.key for c in REQUESTS_COLUMNS[:-1])

RESULTS_GROUP = "三、本年度办理结果"
DENIED_GROUP = "（三）不予公开"
UNAVAILABLE_GROUP = "（四）无法提供"
NOT_PROCESSED_GROUP = "（五）不予处理"
OTHER_GROUP = "（六）其他处理"

_NO_CORRECTION = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
_UNPAID_FEE = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"

REQUESTS_ROWS: tuple[Row, ...] = (
    Row("new_received", "一、本年新收政府信息公开申请数量"),
    Row("carried_over", "二、上年结转政府信息公开申请数量"),
    Row("granted", "（一）予以公开", group=RESULTS_GROUP),
    Row(
        "partially_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        group=RESULTS_GROUP,
        variants=("（二）部分公开",),
    ),
    Row("denied.state_secret", "1.属于国家秘密", group=DENIED_GROUP),
    Row("denied.prohibited_by_law", "2.其他法律行政法规禁止公开", group=DENIED_GROUP),
    Row("denied.security_stability", "3.危及“三安全一稳定”", group=DENIED_GROUP),
    Row("denied.third_party", "4.保护第三方合法权益", group=DENIED_GROUP),
    Row("denied.internal_affairs", "5.属于三类内部事务信息", group=DENIED_GROUP),
    Row("denied.process_info", "6.属于四类过程性信息", group=DENIED_GROUP),
    Row("denied.enforcement_file", "7.属于行政执法案卷", group=DENIED_GROUP),
    Row("denied.administrative_query", "8.属于行政查询事项", group=DENIED_GROUP),
    Row("unavailable.not_held", "1.本机关不掌握相关政府信息", group=UNAVAILABLE_GROUP),
    Row("unavailable.needs_creation", "2.没有现成信息需要另行制作", group=UNAVAILABLE_GROUP),
    Row("unavailable.still_unclear", "3.补正后申请内容仍不明确", group=UNAVAILABLE_GROUP),
    Row("not_processed.petition", "1.信访举报投诉类申请", group=NOT_PROCESSED_GROUP),
    Row("not_processed.repeated", "2.重复申请", group=NOT_PROCESSED_GROUP),
    Row("not_processed.publication", "3.要求提供公开出版物", group=NOT_PROCESSED_GROUP),
    Row("not_processed.excessive", "4.无正当理由大量反复申请", group=NOT_PROCESSED_GROUP),
    Row(
        "not_processed.confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        group=NOT_PROCESSED_GROUP,
    ),
    Row("other", "（六）其他处理", group=RESULTS_GROUP, editions=("2019",)),
    Row(
        "other.no_correction",
        _NO_CORRECTION,
        group=OTHER_GROUP,
        editions=("2021",),
        variants=(_NO_CORRECTION.replace("、", "，"),),
    ),
    Row(
        "other.unpaid_fee",
        _UNPAID_FEE,
        group=OTHER_GROUP,
        editions=("2021",),
        variants=(_UNPAID_FEE.replace("、", "，"),),
    ),
    Row("other.other", "3.其他", group=OTHER_GROUP, editions=("2021",)),
    Row("total", "（七）总计", group=RESULTS_GROUP),
    Row("carried_forward", "四、结转下年度继续办理"),
)
# Labels of groups that carry no values.
REQUESTS_GROUPS: tuple[str, ...] = (
    RESULTS_GROUP,
    DENIED_GROUP,
    UNAVAILABLE_GROUP,
    NOT_PROCESSED_GROUP,
    OTHER_GROUP,  # a group only in 2021; in 2019 the same label is the `other` row
)
# Rows that are not outcomes of the year (R3 sums the others, `total` excluded).
_NON_OUTCOME_ROWS = frozenset({"new_received", "carried_over", "total", "carried_forward"})

# --------------------------------------------------------------------------- appeals

REVIEW = "行政复议"
LAWSUIT = "行政诉讼"
APPEALS_ROWS: tuple[Row, ...] = (
    Row("review", REVIEW),
    Row("lawsuit_direct", "未经复议直接起诉", group=LAWSUIT),
    Row("lawsuit_after_review", "复议后起诉", group=LAWSUIT),
)
APPEALS_COLUMNS: tuple[Column, ...] = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)

# --------------------------------------------------------------------------- sections


@dataclass(frozen=True)
class Section:
    key: str
    number: str
    title: str
    variants: tuple[str, ...] = field(default=())
    table: str | None = None  # the table this section holds, if any

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"

    def keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(label_key(t) for t in (self.title, *self.variants)))


SECTIONS: tuple[Section, ...] = (
    Section("overview", "一", "总体情况", ("总述", "概述")),
    Section("active", "二", "主动公开政府信息情况", ("行政机关主动公开政府信息情况",), "active"),
    Section(
        "requests",
        "三",
        "收到和处理政府信息公开申请情况",
        ("行政机关收到和处理政府信息公开申请情况", "依申请公开政府信息情况"),
        "requests",
    ),
    Section(
        "appeals",
        "四",
        "政府信息公开行政复议、行政诉讼情况",
        (
            "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
            "政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "政府信息公开行政复议、行政诉讼情况",
            "因政府信息公开申请行政复议、提起行政诉讼情况",
        ),
        "appeals",
    ),
    Section(
        "problems",
        "五",
        "存在的主要问题及改进情况",
        (
            "政府信息公开工作存在的主要问题及改进情况",
            "存在问题",
            "存在的问题及改进措施",
            "存在的主要问题及改进措施",
            "存在的问题和改进措施",
            "下一步打算",
            "下一步工作打算",
            "改进措施",
        ),
    ),
    Section("other", "六", "其他需要报告的事项", ("其他事项", "其他需要说明的事项")),
)
SECTION_KEYS: tuple[str, ...] = tuple(s.key for s in SECTIONS)


# --------------------------------------------------------------------------- queries
# The form is fixed data: every query below is cached, so callers need no caches of their own.


def section(key: str) -> Section:
    return next(s for s in SECTIONS if s.key == key)


def active_blocks(edition: str) -> tuple[Block, ...]:
    return ACTIVE_BLOCKS[edition]


def block(edition: str, key: str) -> Block:
    return next(b for b in ACTIVE_BLOCKS[edition] if b.key == key)


@cache
def rows(table: str, edition: str) -> tuple[Row, ...]:
    """The value rows of ``table`` in ``edition``, in printed order."""
    if table == "active":
        return tuple(r for b in ACTIVE_BLOCKS[edition] for r in b.rows)
    if table == "requests":
        return tuple(r for r in REQUESTS_ROWS if edition in r.editions)
    if table == "appeals":
        return APPEALS_ROWS
    raise KeyError(table)


@cache
def columns(table: str, edition: str, row: str | None = None) -> tuple[Column, ...]:
    """The value columns of ``table`` (of ``row``, for the active table)."""
    if table == "requests":
        return REQUESTS_COLUMNS
    if table == "appeals":
        return APPEALS_COLUMNS
    if table == "active":
        if row is None:
            raise ValueError("the active table's columns depend on the row")
        return next(b.columns for b in ACTIVE_BLOCKS[edition] if any(r.key == row for r in b.rows))
    raise KeyError(table)


@cache
def cell_keys(table: str, edition: str) -> tuple[tuple[str, str], ...]:
    """Every (row, column) of ``table`` in ``edition``, in printed order."""
    return tuple(
        (r.key, c.key) for r in rows(table, edition) for c in columns(table, edition, r.key)
    )


@cache
def outcome_rows(edition: str) -> tuple[str, ...]:
    """The rows R3 adds up to ``total``: 19 in 2019, 21 in 2021."""
    return tuple(r.key for r in rows("requests", edition) if r.key not in _NON_OUTCOME_ROWS)


@cache
def row_label(table: str, row: str, edition: str = "2021") -> str:
    """The printed label of a row (the 2021 label where the editions differ)."""
    for ed in (edition, *EDITIONS):
        for r in rows(table, ed):
            if r.key == row:
                return r.label
    raise KeyError(f"{table}.{row}")


@cache
def column_label(table: str, column: str, edition: str = "2021", row: str | None = None) -> str:
    for ed in (edition, *EDITIONS):
        if table == "active":
            candidates = [c for b in ACTIVE_BLOCKS[ed] for c in b.columns]
            if row is not None:
                try:
                    candidates = list(columns("active", ed, row))
                except StopIteration:
                    continue
        else:
            candidates = list(columns(table, ed))
        for c in candidates:
            if c.key == column:
                return c.label
    raise KeyError(f"{table}.{column}")


@cache
def cell_label(table: str, row: str, column: str, edition: str = "2021") -> str:
    """A human name for one cell, e.g. ``（一）予以公开 / 自然人``."""
    return f"{row_label(table, row, edition)} / {column_label(table, column, edition, row)}"


def table_title(table: str) -> str:
    return TABLE_TITLES[table]


def is_count(table: str, row: str, column: str) -> bool:
    """Whether a cell must hold a whole number (R7): everything but money."""
    return (row, column) not in MONEY_COLUMNS


def may_be_negative(table: str, column: str) -> bool:
    return table == "active" and column in SIGNED_COLUMNS
