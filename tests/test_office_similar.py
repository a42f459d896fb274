"""内容雷同 and the roll-up's choices on small hand-built stores (reports put in directly)."""

from __future__ import annotations

import copy
import random

import pytest

from xxgk.model import Cell
from xxgk.office import rollup, similar
from xxgk.office.ingest import Parsed, ingest
from xxgk.store import Store
from xxgk.store import units as uq
from xxgk.store.units import Unit
from xxgk.synth import make_report

REGULATION = (
    "根据《中华人民共和国政府信息公开条例》规定，特向社会公布本年度政府信息公开工作年度报告。"
)
OWN = {
    "1": "本局围绕交通运输领域重点工作，集中梳理行政许可事项四十二项，在门户网站设立专栏九个并动态更新。",
    "2": "本局依托市民热线受理群众咨询一千余次，对城乡低保名单和惠民补贴资金发放情况按季度逐项公开。",
    "3": "全年组织政务公开业务培训三场，覆盖基层工作人员二百余名，编印工作手册并下发至各科室和站所。",
    "4": "针对群众反映的征地补偿问题，本局会同自然资源部门召开听证会两次，公开补偿标准和资金拨付进度。",
    "5": "本局在生态环境监测数据公开方面建立月报制度，每月五日前发布空气和水质数据并附简要解读说明。",
}


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "s.db", create=True)
    with s.transaction():
        uq.put_unit(store=s, unit=Unit("0", "示例市人民政府", None, "政府"))
        for code in OWN:
            uq.put_unit(store=s, unit=Unit(code, f"示例市{code}号局", "0", "部门"))
    yield s
    s.close()


def put(store, code, year, overview, seed=None, report=None):
    r = report or make_report(
        random.Random(seed or int(code) * 100 + year),
        edition="2021",
        year=year,
        agency=f"示例市{code}号局",
    )
    r.meta.year = year
    r.section("overview").text = overview
    for key in ("problems", "other"):
        r.section(key).text = ""
    ingest(
        store=store,
        content=f"{code}{year}{overview}{seed}".encode(),
        name="r.json",
        source=f"t:{code}/{year}",
        source_kind="file",
        year=year,
        unit=code,
        parsed=Parsed(r, None),
    )
    return r


def test_boilerplate_shared_by_every_unit_does_not_count(store):
    for code, own in OWN.items():
        put(store, code, 2025, REGULATION * 3 + own)
    assert similar.similar(store=store, year=2025) == []


def test_a_sibling_copy_is_found_with_its_passage(store):
    for code, own in OWN.items():
        put(store, code, 2025, REGULATION + (OWN["1"] if code == "2" else own))
    (pair,) = similar.similar(store=store, year=2025)
    assert (pair["a"], pair["b"]) == (
        {"unit": "1", "year": 2025, "section": "overview"},
        {"unit": "2", "year": 2025, "section": "overview"},
    )
    assert pair["score"] == 1.0 and pair["kind"] == "text"
    assert pair["passages"][0].startswith("本局围绕交通运输领域重点工作")


def test_repeated_tables_flagged_but_not_all_zero_ones(store):
    r = put(store, "1", 2024, OWN["1"])
    put(store, "1", 2025, OWN["2"], report=copy.deepcopy(r))
    zero = make_report(random.Random(5), edition="2021", year=2024, agency="示例市3号局")
    for row, col, _ in list(zero.tables["appeals"].cells()):
        zero.tables["appeals"].set(row, col, Cell.of(0))
    put(store, "3", 2024, OWN["3"], report=zero)
    put(store, "3", 2025, OWN["4"], report=copy.deepcopy(zero))
    got = {(p["a"]["unit"], p["a"]["section"]) for p in similar.similar(store=store, year=2025)}
    assert got == {
        ("1", "active"),
        ("1", "requests"),
        ("1", "appeals"),
        ("3", "active"),
        ("3", "requests"),
    }


def test_rollup_leaves_out_a_report_with_errors(store):
    good = put(store, "1", 2025, OWN["1"])
    bad = make_report(random.Random(9), edition="2021", year=2025, agency="示例市2号局")
    bad.tables["requests"].set("granted", "total", Cell.of(999_999))
    from xxgk.api import check

    bad.findings = check(bad)
    assert bad.errors
    put(store, "2", 2025, OWN["2"], report=bad)
    result = rollup.rollup(store=store, year=2025, children_of="0")
    assert result.units == ["1"]
    assert {x["unit"]: x["reason"] for x in result.left_out}[
        "2"
    ] == f"报告有 {len(bad.errors)} 个错误"
    table = result.report.tables["requests"]
    assert table.value("granted", "total") == good.tables["requests"].value("granted", "total")
