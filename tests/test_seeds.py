"""The four real seed reports: golden files (every cell, meta, parse findings) + hand-written facts.

The golden files ``tests/cases/<seed>/expected.json`` hold the extractor's output (parse
findings only — the rules' findings are tested by the rules' own tests). They were
produced by the program and then checked by hand, cell by cell, against the printed
seeds; refresh with ``pytest tests/test_seeds.py --update-golden`` and review the diff.
The asserts below the golden test were worked out from the printed seeds directly.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import xxgk
from xxgk import form

CASES = Path(__file__).resolve().parent / "cases"
SEEDS = (
    "000_68d4df38fe2900a4",
    "002_fe99a3932a1345e6",
    "003_a1a8ed8609817ca4",
    "004_b5e3c6d34f5d9b8f",
)


def _parse(seeds_dir: Path, name: str, check: bool = False) -> xxgk.Report:
    return xxgk.parse(seeds_dir / f"{name}.txt", check=check)


def _golden_dict(report: xxgk.Report) -> dict:
    data = report.to_dict()
    data["meta"]["file"] = Path(data["meta"]["file"]).name
    return json.loads(json.dumps(data, default=str, ensure_ascii=False))


@pytest.mark.parametrize("name", SEEDS)
def test_golden(seeds_dir, update_golden, name):
    got = _golden_dict(_parse(seeds_dir, name))
    path = CASES / name / "expected.json"
    if update_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert got["meta"] == expected["meta"]
    for table in form.TABLES:
        assert got["tables"][table] == expected["tables"][table], table
    assert got["sections"] == expected["sections"]
    assert got["findings"] == expected["findings"]


# --------------------------------------------------------------------------- 000 (tab layout)


def test_000_meta_and_signed_words(seeds_dir):
    r = _parse(seeds_dir, SEEDS[0])
    assert (r.meta.agency, r.meta.year, r.meta.edition, r.meta.agency_from) == (
        "亳州市司法局",
        2019,
        "2019",
        "title",
    )
    active = r.tables["active"]
    licensing = active.cell("licensing", "change")
    assert (licensing.raw, licensing.value) == ("减 6", -6)
    assert active.value("punishment", "change") == -71
    assert active.value("other_services", "previous") == 36
    amount = active.cell("procurement", "amount")
    assert (amount.raw, amount.value, amount.unit) == ("186 万", Decimal(186), "万")
    assert active.value("normative_documents", "total") == 12
    assert active.blocks == dict.fromkeys(
        ("art20_1", "art20_5", "art20_6", "art20_8", "art20_9"), "2019"
    )


def test_000_cell_sources_point_at_the_printed_text(seeds_dir):
    r = _parse(seeds_dir, SEEDS[0])
    lines = (seeds_dir / f"{SEEDS[0]}.txt").read_text(encoding="utf-8").split("\n")
    for table in r.tables.values():
        for _row, _col, cell in table.cells():
            line = lines[cell.source.line - 1]
            start = cell.source.column - 1
            assert line[start : start + len(cell.raw)] == cell.raw


def test_000_wrapped_label_and_empty_other_row(seeds_dir):
    r = _parse(seeds_dir, SEEDS[0])
    req = r.tables["requests"]
    # ``3. 危及“三安全一稳”`` … ``定”`` on a later line: the row is read, the wrap is not a row
    assert [c.raw for c in req.rows["denied.security_stability"].values()] == ["0"] * 7
    assert not [f for f in r.findings if f.rule == "label-unknown"]
    # ``(六) 其他处理`` prints 8 empty tab pieces: 7 empty cells, each reported
    assert [(c.raw, c.value) for c in req.rows["other"].values()] == [("", None)] * 7
    empties = [f for f in r.findings if f.rule == "empty-cell"]
    assert {(f.row, f.column) for f in empties} == {("other", c.key) for c in form.REQUESTS_COLUMNS}
    assert all(f.severity == "warning" for f in empties)
    assert len(req.rows) == 23 and req.edition == "2019"


def test_000_appeals_16_cells_for_15_columns(seeds_dir):
    r = _parse(seeds_dir, SEEDS[0])
    (f,) = [f for f in r.findings if f.rule == "row-cell-count"]
    assert f.table == "appeals" and f.severity == "warning"
    assert f.numbers == {"printed": 16, "expected": 15}
    assert "16" in f.message and "前 15 个" in f.message and "第87行" in f.message
    appeals = r.tables["appeals"]
    assert sum(len(cols) for cols in appeals.rows.values()) == 15
    assert all(c.value == 0 for _, _, c in appeals.cells())


def test_000_sections_by_text_not_number(seeds_dir):
    r = _parse(seeds_dir, SEEDS[0])
    assert [s.key for s in r.sections] == ["active", "requests", "appeals", "problems"]
    problems = r.section("problems")
    assert problems.title == "五、存在问题"
    assert "六、下一步打算" in problems.text and "引领社会正能量传播" in problems.text
    assert r.section("overview") is None  # 一、积极推行政务公开… is not the form's 一、总体情况


# --------------------------------------------------------------------------- 002 (traditional, pipes)


def test_002_meta_from_first_paragraph(seeds_dir):
    r = _parse(seeds_dir, SEEDS[1])
    m = r.meta
    assert (m.agency, m.agency_from, m.year, m.year_from, m.edition, m.title) == (
        "抚顺市司法局",
        "first_paragraph",
        2019,
        "period",
        "2019",
        None,
    )


def test_002_cells_and_no_error(seeds_dir):
    r = _parse(seeds_dir, SEEDS[1], check=True)
    assert [f for f in r.findings if f.severity == "error"] == []
    req = r.tables["requests"]
    assert len(req.rows) == 23
    assert [(c.raw, c.value) for c in req.rows["denied.administrative_query"].values()] == [
        ("", None)
    ] * 7
    assert req.cell("new_received", "total").raw == "0"
    active = r.tables["active"]
    assert len(active.rows) == 8 and active.edition == "2019"
    assert (
        active.cell("coercion", "decisions").raw == "0"
    )  # ``行政強制``: a character outside the cheap test
    assert sum(len(c) for c in r.tables["appeals"].rows.values()) == 15


def test_002_raw_is_printed_text_without_pipe(seeds_dir):
    r = _parse(seeds_dir, SEEDS[1])
    lines = (seeds_dir / f"{SEEDS[1]}.txt").read_text(encoding="utf-8").split("\n")
    cell = r.tables["requests"].cell("granted", "total")
    assert lines[cell.source.line - 1] == "0 | |" and cell.raw == "0"


# --------------------------------------------------------------------------- 003 (Word text)


def test_003_missing_appeals_table(seeds_dir):
    r = _parse(seeds_dir, SEEDS[2])
    assert r.tables["appeals"] is None
    (f,) = [f for f in r.findings if f.rule == "table-missing"]
    assert (f.severity, f.table) == ("error", "appeals")
    assert (r.meta.agency, r.meta.year, r.meta.edition) == ("神池县司法局", 2019, "2019")
    assert r.meta.title == "神池县司法局2019年度政府信息公开工作年度报告"


def test_003_sections_and_tables(seeds_dir):
    r = _parse(seeds_dir, SEEDS[2])
    keys = [s.key for s in r.sections]
    assert keys == ["overview", "active", "requests", "problems", "other"]
    assert r.section("problems").title == "四、存在的问题及改进措施"
    assert r.section("other").text == "2019年，我局暂无其他说明事项。"
    assert len(r.tables["active"].rows) == 8 and len(r.tables["requests"].rows) == 23
    assert all(c.raw == "0" for t in ("active", "requests") for _, _, c in r.tables[t].cells())


# --------------------------------------------------------------------------- 004 (pipes, half-width)


def test_004_meta(seeds_dir):
    m = _parse(seeds_dir, SEEDS[3]).meta
    assert (m.agency, m.agency_from, m.compiler) == (
        "城固县人民政府",
        "first_paragraph",
        "城固县信息化工作办公室",
    )
    assert (m.year, m.year_from, m.edition) == (2020, "period", "2019")


def test_004_cells(seeds_dir):
    r = _parse(seeds_dir, SEEDS[3])
    active, req, app = r.tables["active"], r.tables["requests"], r.tables["appeals"]
    assert active.value("procurement", "amount") == Decimal("8827.8344")
    assert isinstance(active.value("procurement", "amount"), Decimal)
    assert (active.value("punishment", "change"), active.value("fees", "change")) == (-1, -3)
    assert active.value("licensing", "decisions") == 6556
    assert list(active.rows["fees"]) == ["previous", "change"]  # the trailing ``|`` is a filler
    granted = req.rows["granted"]
    assert [c.raw for c in granted.values()] == ["0", "0", "0", "0", "0", "", "15"]
    assert granted["other_org"].value is None and granted["total"].value == 15
    other = req.rows["other"]
    assert (other["natural_person"].raw, other["natural_person"].value) == ("", None)
    assert [c.value for c in other.values()][1:] == [0] * 6
    assert app.value("lawsuit_direct", "upheld") == 2 and app.value("lawsuit_direct", "total") == 0
    assert {(f.row, f.column) for f in r.findings if f.rule == "empty-cell"} == {
        ("granted", "other_org"),
        ("other", "natural_person"),
    }
    assert [f.rule for f in r.findings if f.severity == "error"] == []


def test_api_parse_text_works(seeds_dir):
    text = (seeds_dir / f"{SEEDS[3]}.txt").read_text(encoding="utf-8")
    assert xxgk.parse(text).meta.agency == "城固县人民政府"
