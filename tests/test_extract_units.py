"""Small unit tests of the extractor: cell values, label matching, tokens, alignment, meta."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xxgk.document import Document, Fragment, Line
from xxgk.extract import extract
from xxgk.extract.align import FIT, SAME, UNPLACED, fit
from xxgk.extract.cells import parse_cell
from xxgk.extract.labels import COLUMN, ROW, lexicon
from xxgk.extract.meta import read_meta
from xxgk.extract.sections import section_of
from xxgk.extract.tokens import Token, split
from xxgk.model import Source
from xxgk.read.text import to_document


@pytest.mark.parametrize(
    ("raw", "kind", "value", "unit"),
    [
        ("减 6", "number", -6, None),
        ("减6", "number", -6, None),
        ("增 3", "number", 3, None),
        ("-3", "number", -3, None),
        ("－3", "number", -3, None),  # full-width minus
        ("186 万", "number", 186, "万"),
        ("251000元", "number", 251000, "元"),
        ("12.5万元", "number", Decimal("12.5"), "万元"),
        ("8827.8344", "number", Decimal("8827.8344"), None),
        ("1,234", "number", 1234, None),
        ("０", "number", 0, None),
        ("-", "null", None, None),
        ("/", "null", None, None),
        ("无", "null", None, None),
        ("&nbsp;", "null", None, None),
        ("", "empty", None, None),
        ("1O", "text", None, None),
        ("暂缺数据", "text", None, None),
    ],
)
def test_cell_values(raw, kind, value, unit):
    parsed = parse_cell(raw)
    assert (parsed.kind, parsed.value, parsed.unit) == (kind, value, unit)
    assert type(parsed.value) is type(value)


@pytest.mark.parametrize(
    ("table", "text", "kind", "key"),
    [
        ("active", "規範性檔案", ROW, "normative_documents"),
        ("active", "規(guī)范性文件", ROW, "normative_documents"),
        ("active", "行政強制", ROW, "coercion"),
        ("requests", "1、属于国家秘密", ROW, "denied.state_secret"),
        ("requests", "1.属于国家秘密", ROW, "denied.state_secret"),
        ("requests", "3. 危及“三安全一稳”", ROW, "denied.security_stability"),  # wrapped label
        (
            "requests",
            "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
            ROW,
            "other.no_correction",
        ),
        (
            "requests",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            ROW,
            "other.unpaid_fee",
        ),
        ("requests", "3.其他", ROW, "other.other"),
        ("requests", "（七）总计", ROW, "total"),
        ("requests", "(六) 其他处理", ROW, "other"),
        ("requests", "8.屬于行政查詢事項", ROW, "denied.administrative_query"),
    ],
)
def test_row_labels(table, text, kind, key):
    m = lexicon(table).match(text)
    assert m is not None and (m.kind, m.key) == (kind, key)


@pytest.mark.parametrize(
    ("text", "edition"),
    [
        ("本年增/減(指2020年增加或減少的事項數,減用負值表示,如-8)", "2019"),
        ("现行有效件数(历史累计)", "2021"),
        ("本年新", "2019"),  # truncated header (seeds 002, 004)
        ("本年制发件数", "2021"),
        ("本年收费金额（单位：万元）", "2021"),
        ("处理决定数量", "2019"),
        ("本年处理决定数量", "2021"),
    ],
)
def test_header_labels_vote_an_edition(text, edition):
    m = lexicon("active").match(text)
    assert m is not None and m.kind == COLUMN and m.editions == frozenset({edition})


def test_unnumbered_header_words_are_not_rows():
    assert lexicon("requests").match("其他").kind != ROW
    assert lexicon("requests").match("总计").kind != ROW
    assert lexicon("requests").match("定”") is None


@pytest.mark.parametrize(
    ("line", "tokens"),
    [
        ("规章\t0\t0\t0", [("规章", 1), ("0", 4), ("0", 6), ("0", 8)]),
        ("\t0", [("0", 2)]),  # Word: a tab before the cell
        ("0 | ||", [("0", 1)]),  # cell + span fillers
        ("|", [("", 1)]),  # a lone pipe: an empty cell
        ("| ||", [("", 1)]),
        ("|||", []),  # only pipes: fillers
        ("| 规章 | 0 | | 5 |", [("规章", 3), ("0", 8), ("", 11), ("5", 14)]),
        ("行政许可 9 减 6 0", [("行政许可", 1), ("9", 6), ("减 6", 8), ("0", 12)]),
        ("政府集中采购 2 186 万", [("政府集中采购", 1), ("2", 8), ("186 万", 10)]),
        (
            "（三）不予公开 1.属于国家秘密 0",
            [("（三）不予公开", 1), ("1.属于国家秘密", 9), ("0", 18)],
        ),
        ("- 5 -", []),
    ],
)
def test_tokens(line, tokens):
    assert list(split(line)) == tokens


def _toks(*texts):
    return [Token(t, 0, i + 1) for i, t in enumerate(texts)]


def test_alignment_rule():
    assert fit(_toks("1", "2", "3"), 3).how == FIT
    got = fit(_toks("", "1", "2", "3", ""), 3)  # edge fillers dropped, trailing first
    assert got.how == FIT and [t.text for t in got.tokens] == ["1", "2", "3"]
    got = fit(_toks("1", "", "3", ""), 3)  # a middle empty is a cell; the trailing one a filler
    assert [t.text for t in got.tokens] == ["1", "", "3"]
    got = fit(_toks(*"0" * 16), 15)
    assert got.how == SAME and len(got.tokens) == 15 and got.printed == 16
    assert fit(_toks("1", "2", "3", "4"), 3).how == UNPLACED  # which one is extra? unknown
    assert fit(_toks("1", "2"), 3).how == UNPLACED  # too few: nothing guessed
    assert fit(_toks("1", "2"), 3).tokens is None


def test_too_many_cells_reads_nothing_and_says_so():
    text = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t1\t2\t3\t4\n规范性文件\t1\t0\t1\n"
    r = extract(to_document(text))
    assert "regulations" not in r.tables["active"].rows
    (f,) = [f for f in r.findings if f.rule == "row-cell-count"]
    assert (f.severity, f.row, f.numbers) == (
        "error",
        "regulations",
        {"printed": 4, "expected": 3, "unplaced": 4},
    )
    assert r.tables["active"].value("normative_documents", "total") == 1


def test_unknown_row_with_numbers_is_reported_not_merged():
    text = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t1\t2\t3\n其他主动公开文件\t5\t5\t5\n规范性文件\t1\t0\t1\n"
    r = extract(to_document(text))
    assert [c.value for c in r.tables["active"].rows["regulations"].values()] == [1, 2, 3]
    (f,) = [f for f in r.findings if f.rule == "label-unknown"]
    assert f.numbers == {"printed": 3} and "其他主动公开文件" in f.message


def test_unparsed_cell_keeps_raw():
    text = "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t1O\t2\t3\n"
    r = extract(to_document(text))
    cell = r.tables["active"].cell("regulations", "made")
    assert (cell.raw, cell.value) == ("1O", None)
    (f,) = [f for f in r.findings if f.rule == "cell-unparsed"]
    assert (f.severity, f.row, f.column) == ("error", "regulations", "made")


def test_2021_other_group_and_sub_rows():
    rows = [
        "三、收到和处理政府信息公开申请情况",
        "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t1\t0\t0\t0\t0\t0\t1",
        "2.申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0",
        "3.其他\t2\t0\t0\t0\t0\t0\t2",
    ]
    r = extract(to_document("\n".join(rows)))
    req = r.tables["requests"]
    assert "other" not in req.rows
    assert (
        req.value("other.no_correction", "total") == 1
        and req.value("other.other", "natural_person") == 2
    )
    assert req.edition == "2021" and req.blocks == {"other": "2021"}


def test_grid_rows_use_fragment_sources():
    def row(*texts):
        frags = [Fragment(t, Source(table=0, row=3, col=i)) for i, t in enumerate(texts)]
        return Line("\t".join(texts), Source(table=0, row=3), frags)

    doc = Document(
        [
            Line("二、主动公开政府信息情况", Source(line=1)),
            row("第二十条第（一）项", "", "", ""),
            row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
            row("规章", "1", "", "7"),
        ],
        format="html",
    )
    r = extract(doc)
    active = r.tables["active"]
    assert active.blocks == {"art20_1": "2021"} and active.edition == "2021"
    assert active.cell("regulations", "in_force").source == Source(table=0, row=3, col=3)
    assert active.cell("regulations", "repealed").raw == ""


def test_meta_relative_name_completed():
    lines = [
        "根据《某某市人民政府办公室关于做好2021年度报告工作的通知》要求，市交通运输局高度重视。数据为2021年1月1日至2021年12月31日。"
    ]
    meta = read_meta(lines, 1, lambda: lines[0] + "\n某某市交通运输局认真贯彻。")
    assert (meta.agency, meta.agency_from, meta.year, meta.year_from) == (
        "某某市交通运输局",
        "first_paragraph",
        2021,
        "period",
    )


def test_meta_title_split_and_spaced():
    meta = read_meta(["神池县司法局", "2019年度政府信息公开工作年度报告"], 2, lambda: "")
    assert (meta.agency, meta.year, meta.title) == (
        "神池县司法局",
        2019,
        "神池县司法局2019年度政府信息公开工作年度报告",
    )
    meta = read_meta(["亳州市司法局 2019 年度政府信息公开年度报告"], 1, lambda: "")
    assert (meta.agency, meta.year) == ("亳州市司法局", 2019)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("五、存在问题", "problems"),
        ("六、下一步打算", "problems"),
        ("四、存在的问题及改进措施", "problems"),
        ("1、 总体情况 ", "overview"),
        ("四、因政府信息公开工作被申请行政复议和提起行政诉讼情况", "appeals"),
        ("五、政府信息公开工作存在的主要问题及改进情况", "problems"),
        ("一、积极推行政务公开，及时更新网站信息", None),
        ("（六）其他处理", None),
    ],
)
def test_section_headings_by_text(text, key):
    assert section_of(text.strip()) == key


def test_not_a_report_raises():
    from xxgk.errors import NotAReport

    with pytest.raises(NotAReport):
        extract(
            to_document(
                "关于某局2019年政府信息公开工作年度报告的解读\n这是一篇解读文章，介绍报告的主要内容。\n"
            )
        )


def test_markdown_headings_and_rows():
    text = "\n".join(
        [
            "# 某某市司法局2021年政府信息公开工作年度报告",
            "## 二、主动公开政府信息情况",
            "| 第二十条第（一）项 |  |  |  |",
            "|---|---|---|---|",
            "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
            "| 规章 | 1 | 0 | 7 |",
        ]
    )
    r = extract(to_document(text))
    assert (r.meta.agency, r.meta.year) == ("某某市司法局", 2021)
    assert [s.title for s in r.sections] == ["二、主动公开政府信息情况"]
    assert [c.value for c in r.tables["active"].rows["regulations"].values()] == [1, 0, 7]
    assert r.tables["active"].edition == "2021"


def test_blank_cell_at_the_edge_is_placed_like_the_tables_other_rows():
    """A blank 总计 in a full-grid tab export, where every row prints empty span fillers
    before and after its values: `四、结转下年度继续办理⇥⇥⇥9⇥0⇥0⇥0⇥0⇥0⇥⇥` could be read
    shifted by one column (9 under 商业企业). The table's other rows — two fillers before,
    one after — settle it: 9 is 自然人 and 总计 is blank."""
    import random

    import xxgk
    from formatgen import to_text
    from xxgk.model import Cell
    from xxgk.synth import make_report

    report = make_report(random.Random(374), "2021")
    report.tables["requests"].set("carried_forward", "total", Cell("", None))
    text = to_text(report).decode("utf-8")
    assert any(line.startswith("四、结转下年度继续办理\t\t\t") for line in text.splitlines())
    expected = {
        c: cell.value for c, cell in report.tables["requests"].rows["carried_forward"].items()
    }
    parsed = xxgk.parse(text)
    got = {c: cell.value for c, cell in parsed.tables["requests"].rows["carried_forward"].items()}
    assert got == expected
    assert got["total"] is None


def test_markdown_delimiter_rows_are_layout_not_cells():
    assert split("| --- | --- | ---: |") == ()
    assert split("|:---|---:|") == ()
    assert [t for t, _ in split("| - | 0 |")] == ["-", "0"]  # a dash cell is a printed null
