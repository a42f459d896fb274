"""The office scenario: 江川市 (fictional), its government and 29 units (20 departments, 9
towns), three years of reports generated with xxgk.synth, rendered (HTML, DOCX, PDF) and served
by three loopback CMS sites (tests/office_world.py, on tests/office_sites.py).

What is special, by construction (the tests' expected answers follow from this list):

* 990103 published 2026-02-05, 990112 2026-02-01 (departments: due 01-31) → late;
  990110 published 2026-01-31 → on time; 990203 2026-02-10 and 990204 2026-02-20 (towns: the
  office sets 02-15) → 990203 on time, 990204 late; the government 2026-03-20 (due 03-31).
* 990108 has no 2025 report on its column → missing.
* 990105's 2025 report is its 2024 report with light edits (texts) and the same tables.
* 990114's 2025 texts are 990113's 2025 texts with light edits (own tables).
* 990115's 2025 attachment is replaced after the first fetch (one application moved between
  two outcome rows, see :func:`revised`) → changed after publication.
* 990206's 2025 link serves its 2024 report → wrong year.
* 990207's 2025 link is a 年报解读 page (no tables, no attachment) → not a report.
* The government's 2025 report is the sum of the 26 usable children's reports except two
  cells: requests granted/natural_person +2 and appeals review/upheld +1.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from dataclasses import dataclass

from xxgk import form
from xxgk.model import Cell, Report
from xxgk.synth import make_report

CITY = "990100"
YEARS = (2023, 2024, 2025)
DEPARTMENTS = (
    "发展和改革委员会",
    "教育局",
    "公安局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源和规划局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化广电和旅游局",
    "卫生健康委员会",
    "应急管理局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
)
TOWNS = (
    "青石镇",
    "白沙镇",
    "柳溪镇",
    "桃源镇",
    "清河街道",
    "东湖街道",
    "南山镇",
    "北岭镇",
    "西坪镇",
)
LATE = {"990103": "2026-02-05", "990112": "2026-02-01", "990204": "2026-02-20"}
ON_TIME_EDGE = {"990110": "2026-01-31", "990203": "2026-02-10", CITY: "2026-03-20"}
MISSING, COPIED_YEAR, SIBLING_FROM, SIBLING_TO = "990108", "990105", "990113", "990114"
CHANGED, WRONG_YEAR, NOT_REPORT = "990115", "990206", "990207"
ALTERED = (("requests", "granted", "natural_person", 2), ("appeals", "review", "upheld", 1))

BOILERPLATE = (
    "根据《中华人民共和国政府信息公开条例》规定，特向社会公布本年度政府信息公开工作年度报告。",
    "本报告中所列数据的统计期限自1月1日起至12月31日止。",
)
_VERBS = (
    "扎实推进",
    "持续深化",
    "着力加强",
    "全面落实",
    "稳步开展",
    "认真组织",
    "统筹推动",
    "积极探索",
)
_TOPICS = (
    "重大行政决策预公开",
    "财政预决算公开",
    "行政许可事项清单",
    "惠民惠农补贴",
    "城乡低保名单",
    "重点项目建设进展",
    "安全生产执法信息",
    "双随机抽查结果",
    "教育收费标准",
    "医保基金使用",
    "征地补偿方案",
    "河湖长制工作",
    "农村集体三资管理",
    "就业创业政策",
    "住房保障分配",
    "文旅消费活动",
    "生态环境监测数据",
    "公共资源交易",
    "统计数据发布",
    "政策解读材料",
)
_ACTS = (
    "累计发布",
    "集中梳理",
    "动态更新",
    "主动公开",
    "组织解读",
    "逐项核对",
    "编制目录",
    "开展评估",
)
_THINGS = ("条信息", "份文件", "项清单", "篇稿件", "场活动", "期专栏", "个事项", "组数据")


def prose(rng: random.Random, name: str, count: int) -> str:
    out = []
    for _ in range(count):
        a, b = rng.sample(_TOPICS, 2)
        out.append(
            f"{rng.choice(_VERBS)}{a}和{b}工作，围绕{rng.choice(_TOPICS)}{rng.choice(_ACTS)}"
            f"{rng.randint(3, 987)}{rng.choice(_THINGS)}，{name}第{rng.randint(2, 40)}次专题会议"
            f"明确{rng.randint(2, 19)}项措施。"
        )
    return "".join(out)


@dataclass
class UnitSpec:
    code: str
    name: str
    kind: str
    site: str


def units() -> list[UnitSpec]:
    out = [UnitSpec(CITY, "江川市人民政府", "政府", "A")]
    for i, dept in enumerate(DEPARTMENTS, start=1):
        out.append(UnitSpec(f"9901{i:02d}", f"江川市{dept}", "部门", "A" if i <= 10 else "B"))
    for i, town in enumerate(TOWNS, start=1):
        out.append(
            UnitSpec(
                f"9902{i:02d}",
                f"江川市{town}人民政府" if "镇" in town else f"江川市{town}办事处",
                "乡镇街道",
                "C",
            )
        )
    return out


def published(code: str, year: int) -> dt.date:
    if year == 2025 and code in LATE:
        return dt.date.fromisoformat(LATE[code])
    if year == 2025 and code in ON_TIME_EDGE:
        return dt.date.fromisoformat(ON_TIME_EDGE[code])
    return dt.date(year + 1, 1, 5 + int(code) % 20)


def _sections(report: Report, rng: random.Random, name: str, date: dt.date) -> None:
    texts = {
        "overview": BOILERPLATE[0] + prose(rng, name, 5) + BOILERPLATE[1],
        "problems": prose(rng, name, 4),
        "other": "本年度未收取信息处理费。" + prose(rng, name, 3),
    }
    for s in report.sections:
        if s.key in texts:
            s.text = texts[s.key]
    sign(report, name, date)


def sign(report: Report, name: str, date: dt.date) -> None:
    other = report.section("other")
    assert other is not None
    body = other.text.split("\n")[0]
    other.text = f"{body}\n{name}\n{date.year}年{date.month}月{date.day}日"


def light_edit(text: str, old_name: str, new_name: str, old_year: int, new_year: int) -> str:
    out = text.replace(old_name, new_name).replace(f"{old_year}年", f"{new_year}年")
    return out.replace("扎实推进", "坚持推进", 1).replace("累计发布", "共计发布", 1)


def generate() -> dict[tuple[str, int], Report]:
    """Every unit-year's report as published (before the government's sum is made)."""
    reports: dict[tuple[str, int], Report] = {}
    specs = units()
    for year in YEARS:
        for u in specs:
            rng = random.Random(int(u.code) * 10_000 + year)
            r = make_report(rng, edition="2021", year=year, agency=u.name)
            _sections(r, rng, u.name, published(u.code, year))
            reports[(u.code, year)] = r
    _copies(reports, {u.code: u.name for u in specs})
    return reports


def _copies(reports: dict[tuple[str, int], Report], names: dict[str, str]) -> None:
    old = reports[(COPIED_YEAR, 2024)]
    new = copy.deepcopy(old)
    new.meta.year, new.meta.title = 2025, old.meta.title.replace("2024", "2025")  # type: ignore[union-attr]
    for s in new.sections:
        s.text = light_edit(s.text, names[COPIED_YEAR], names[COPIED_YEAR], 2024, 2025)
    sign(new, names[COPIED_YEAR], published(COPIED_YEAR, 2025))
    reports[(COPIED_YEAR, 2025)] = new
    source, target = reports[(SIBLING_FROM, 2025)], reports[(SIBLING_TO, 2025)]
    for s in target.sections:
        src = source.section(s.key)
        if src is not None and src.text:
            s.text = light_edit(src.text, names[SIBLING_FROM], names[SIBLING_TO], 2025, 2025)
    sign(target, names[SIBLING_TO], published(SIBLING_TO, 2025))


def revised(report: Report) -> Report:
    """990115's report as edited after publication: one natural person's application moved
    from the first outcome row holding one to another outcome row — still a valid report."""
    out = copy.deepcopy(report)
    t = out.tables["requests"]
    assert t is not None
    rows = form.outcome_rows("2021")
    source = next(r for r in rows if (t.value(r, "natural_person") or 0) >= 1)
    target = "granted" if source != "granted" else "partially_granted"
    for column in ("natural_person", "total"):
        t.set(source, column, Cell.of(int(t.value(source, column) or 0) - 1))
        t.set(target, column, Cell.of(int(t.value(target, column) or 0) + 1))
    return out


def usable_children_2025(reports: dict[tuple[str, int], Report], changed: Report) -> list[Report]:
    """The 26 children whose 2025 report the office can use (by construction)."""
    out = []
    for u in units():
        if u.code in (CITY, MISSING, WRONG_YEAR, NOT_REPORT):
            continue
        out.append(changed if u.code == CHANGED else reports[(u.code, 2025)])
    return out


def summed(children: list[Report]) -> dict[tuple[str, str, str], int]:
    total: dict[tuple[str, str, str], int] = {}
    for r in children:
        for name, t in r.tables.items():
            assert t is not None
            for row, col, cell in t.cells():
                total[(name, row, col)] = total.get((name, row, col), 0) + cell.value  # type: ignore[operator]
    return total


def government_2025(total: dict[tuple[str, str, str], int], base: Report) -> Report:
    out = copy.deepcopy(base)
    for (name, row, col), value in total.items():
        table = out.tables[name]
        assert table is not None
        table.set(row, col, Cell.of(value, form.FORM_UNITS.get(("2021", row, col))))
    for name, row, col, delta in ALTERED:
        table = out.tables[name]
        assert table is not None
        table.set(row, col, Cell.of(total[(name, row, col)] + delta))
    return out
