"""F3 ``prose-figures``: figures quoted in the prose sections must match the tables.

The prose sections (一、五、六) often repeat the key figures — "受理依申请公开申请15件，
按期办结15件", "被申请行政复议2件". Each figure kind has one precompiled pattern over the
text (simplified when traditional; full-width digits and punctuation accepted); the number must be followed by a unit (件/条/宗/份/个), so
percentages and "15个工作日" are not figures. Review and litigation figures count only in a
clause that is about this agency's 信息公开 cases (``信息公开``, ``申请人``, ``被``…), because a
司法局 also *handles* reviews as the reviewing body.

A quote that matches either acceptable table value passes: "收到申请N件" may mean the new
requests or the new plus the carried-over ones. One warning per distinct wrong figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from xxgk import form
from xxgk.chinese import remove_glosses, to_simplified
from xxgk.model import Finding, Number, Report
from xxgk.rules.cells import cell_name, column_name, number
from xxgk.rules.numerals import CHINESE_DIGITS, NUMBER, value
from xxgk.rules.registry import Context, check, finding, rule

rule(
    "prose-figures",
    severity="warning",
    ref="F3",
    title="Figures quoted in the prose (requests received, answered, carried forward, "
    "reviews, lawsuits) match the tables.",
    zh="正文“{quote}”与表格不符：“{cell}”为 {expected}",
    en="the text quotes {quoted} {what}, but {key} is {expected}",
)

# stays inside one clause and stops before the first number (digits or Chinese numerals)
_GAP = rf"[^。;；,，!！?？:：\d\n{CHINESE_DIGITS}]"
N = NUMBER  # a figure's number: digits or Chinese numerals (``两``, ``一百零三``, ``1.2万``)
_UNIT = r"\s*(?:件|条|宗|份|起|个(?!工作?日|月))"
_ABOUT_US = re.compile(r"信息公开|依申请|申请人|被|回复|答复")
_CLAUSE_END = re.compile(r"[。;；\n]")
_DIGIT = re.compile(rf"[\d{CHINESE_DIGITS}]")
# Traditional forms of the characters the patterns need: only such text pays for OpenCC.
_TRADITIONAL = re.compile(r"[請辦結轉複復訴訟條開處]")

RECEIVED = re.compile(
    rf"(?=[收受新接依])(?:(?:收到|受理|新收|接收|接到){_GAP}{{0,16}}?申请|依申请公开(?:申请)?){_GAP}{{0,8}}?{N}{_UNIT}"
)
# both orders: ``办结24件`` and ``申请24件，已全部办结`` (the number before the verb)
ANSWERED = re.compile(
    rf"(?:(?:办结|答复|办理完毕|处理完毕){_GAP}{{0,8}}?{N}{_UNIT}|"
    rf"申请{N}{_UNIT}\s*[,，]?\s*(?:已|均已|均|现已)?(?:全部|全数)?(?:办结|答复完毕|按时答复)(?![\d{CHINESE_DIGITS}]))"
)
FORWARD = re.compile(rf"结转(?:至|到)?下一?年度?{_GAP}{{0,8}}?{N}{_UNIT}")
REVIEW = re.compile(rf"行政复议{_GAP}{{0,8}}?{N}{_UNIT}")
LAWSUIT = re.compile(rf"(?:行政诉讼|行政应诉){_GAP}{{0,8}}?{N}{_UNIT}")


@dataclass(frozen=True)
class Figure:
    """One kind of figure: its pattern, where it lives in the tables, how to read it."""

    key: str  # for the English message
    what: str
    pattern: re.Pattern[str]
    table: str
    row: str | None
    expected: Callable[[Report], tuple[Number, ...] | None]
    cell: Callable[[], str]
    about_us: bool = False


def _requests(*rows: str) -> Callable[[Report], tuple[Number, ...] | None]:
    """Acceptable values: the total of ``rows[0]``, then of rows[0] + rows[1] …"""

    def read(report: Report) -> tuple[Number, ...] | None:
        table = report.table("requests")
        if table is None or rows[0] not in table.rows:
            return None
        values: list[Number] = []
        running: Number = 0
        for r in rows:
            running += number(table, r, "total")
            values.append(running)
        return tuple(values)

    return read


def _appeals(*rows: str) -> Callable[[Report], tuple[Number, ...] | None]:
    def read(report: Report) -> tuple[Number, ...] | None:
        table = report.table("appeals")
        if table is None or not any(r in table.rows for r in rows):
            return None
        return (sum(number(table, r, "total") for r in rows),)

    return read


def _lawsuit_cell() -> str:
    return f"{form.LAWSUIT} / {column_name('appeals', 'total', '2021')}"


FIGURES: tuple[Figure, ...] = (
    Figure(
        "requests/new_received/total",
        "requests received",
        RECEIVED,
        "requests",
        "new_received",
        _requests("new_received", "carried_over"),
        lambda: cell_name("requests", "new_received", "total", "2021"),
    ),
    Figure(
        "requests/total/total",
        "requests answered",
        ANSWERED,
        "requests",
        "total",
        _requests("total"),
        lambda: cell_name("requests", "total", "total", "2021"),
    ),
    Figure(
        "requests/carried_forward/total",
        "requests carried forward",
        FORWARD,
        "requests",
        "carried_forward",
        _requests("carried_forward"),
        lambda: cell_name("requests", "carried_forward", "total", "2021"),
    ),
    Figure(
        "appeals/review/total",
        "administrative reviews",
        REVIEW,
        "appeals",
        "review",
        _appeals("review"),
        lambda: cell_name("appeals", "review", "total", "2021"),
        about_us=True,
    ),
    Figure(
        "appeals/lawsuit_direct+lawsuit_after_review/total",
        "lawsuits",
        LAWSUIT,
        "appeals",
        None,
        _appeals("lawsuit_direct", "lawsuit_after_review"),
        _lawsuit_cell,
        about_us=True,
    ),
)
PROSE_SECTIONS = frozenset(s.key for s in form.SECTIONS if s.table is None)


def fold_prose(text: str) -> str:
    """Simplified when the text holds traditional forms of the patterns' words.

    No NFKC: the patterns accept full-width punctuation and digits themselves (``\\d``
    matches ０-９ and ``int()`` reads them), and on long prose :func:`xxgk.chinese.fold`
    (full NFKC and a per-character scan) costs more than the rule itself."""
    if _TRADITIONAL.search(text):
        text = to_simplified(remove_glosses(text))
    return text


def figure_sentences(text: str) -> str:
    """The sentences of ``text`` that hold a digit, in order, joined by 。.

    A quote never crosses 。/;/； (the patterns' gaps exclude them) and a clause ends at
    any of them, so the other sentences cannot change a finding; most prose quotes few
    figures, and this spares folding and scanning the rest."""
    if _DIGIT.search(text) is None:
        return ""
    sentences = text.replace(";", "。").replace("；", "。").split("。")
    return "。".join(s for s in sentences if _DIGIT.search(s))


def _figure_text(text: str) -> str:
    """:func:`fold_prose` of the :func:`figure_sentences` (traditional judged on all the text)."""
    figures = figure_sentences(text)
    if figures and _TRADITIONAL.search(text):
        figures = to_simplified(remove_glosses(figures))
    return figures


def _clause(text: str, start: int) -> str:
    """The clause around ``start``: from the previous 。/;/newline to the next one."""
    begin = max(text.rfind(c, 0, start) for c in "。;；\n") + 1
    end = _CLAUSE_END.search(text, start)
    return text[begin : end.start() if end else len(text)]


def quotes(text: str, figure: Figure) -> Iterator[tuple[str, int]]:
    """``(quoted text, number)`` for each time ``figure`` is quoted in ``text`` (folded)."""
    for m in figure.pattern.finditer(text):
        if figure.about_us and not _ABOUT_US.search(_clause(text, m.start())):
            continue
        number = value(next(g for g in m.groups() if g is not None))
        if number is not None:
            yield m.group(0), number


@check("prose-figures")
def check_prose(report: Report, ctx: Context) -> Iterator[Finding]:
    sections = [s for s in report.sections if s.key in PROSE_SECTIONS and s.text]
    texts = [(s, text) for s in sections if (text := _figure_text(s.text))]
    if not texts:
        return
    for figure in FIGURES:
        expected = figure.expected(report)
        if expected is None:
            continue
        seen: set[int] = set()
        for section, text in texts:
            for quote, quoted in quotes(text, figure):
                if quoted in expected or quoted in seen:
                    continue
                seen.add(quoted)
                yield _finding(figure, quote, quoted, expected[0], section.source)


def _finding(figure: Figure, quote: str, quoted: int, expected: Number, src) -> Finding:
    return finding(
        "prose-figures",
        table=figure.table,
        row=figure.row,
        column="total",
        numbers={"quoted": quoted, "expected": expected},
        params={"quote": quote, "cell": figure.cell(), "what": figure.what, "key": figure.key},
        source=src,
    )


EXAMPLES = {
    "prose-figures": {
        "numbers": {"quoted": 2, "expected": 0},
        "params": {
            "quote": "提出行政诉讼2件",
            "cell": _lawsuit_cell(),
            "what": "lawsuits",
            "key": FIGURES[-1].key,
        },
    },
}
