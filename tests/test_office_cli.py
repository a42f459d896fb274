"""``xxgk office …`` through the real entry point: each command a thin wrapper, JSON/CSV out,
bad input one line and exit 2."""

from __future__ import annotations

import csv
import io
import json
import random

import pytest

from xxgk.api import render
from xxgk.cli import main
from xxgk.synth import make_report

UNITS = """code,name,parent,kind,aliases,report_page
500,示例县人民政府,,政府,,
501,示例县教育局,500,部门,,
502,示例县民政局,500,部门,县民政局,
503,示例县城关镇人民政府,500,乡镇街道,城关镇,
"""


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out = capsys.readouterr()
    return info.value.code, out.out, out.err


@pytest.fixture
def office(tmp_path, capsys):
    db = str(tmp_path / "office.db")
    (tmp_path / "units.csv").write_text(UNITS, "utf-8")
    assert run(capsys, "office", "units", "import", "--db", db, str(tmp_path / "units.csv"))[0] == 0
    files = tmp_path / "files"
    files.mkdir()
    reports = {}
    for i, (code, name, fmt) in enumerate(
        [("501", "示例县教育局", "html"), ("502", "县民政局", "docx")]
    ):
        r = make_report(random.Random(40 + i), edition="2021", year=2025, agency=name)
        r.sections[-1].text += f"\n{name}\n2026年1月{10 + i}日"
        (files / f"{code}.{fmt}").write_bytes(render(r, fmt))
        reports[code] = r
    return db, files, reports


def test_collect_status_json_and_csv(office, capsys):
    db, files, _ = office
    code, out, err = run(
        capsys, "office", "collect", "--db", db, "--year", "2025", "--format", "json", str(files)
    )
    assert code == 0 and {i["outcome"] for i in json.loads(out)} == {"added"}
    code, out, _ = run(capsys, "office", "status", "--db", db, "--year", "2025", "--format", "json")
    got = {s["unit"]: s for s in json.loads(out)}
    assert {k: v["status"] for k, v in got.items()} == {
        "500": "missing",
        "501": "filed",
        "502": "filed",
        "503": "missing",
    }
    for key in (
        "unit",
        "name",
        "status",
        "published",
        "published_from",
        "file",
        "edition",
        "errors",
        "warnings",
    ):
        assert key in got["501"]
    assert got["502"]["published"] == "2026-01-11" and got["502"]["published_from"] == "signature"
    code, out, _ = run(capsys, "office", "status", "--db", db, "--year", "2025", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["status_zh"] for r in rows] == ["未发布", "已发布", "已发布", "未发布"]


def test_rollup_renders_and_compares(office, capsys, tmp_path):
    db, files, reports = office
    run(capsys, "office", "collect", "--db", db, "--year", "2025", str(files))
    out_json = tmp_path / "sum.json"
    code, out, err = run(
        capsys,
        "office",
        "rollup",
        "--db",
        db,
        "--year",
        "2025",
        "--children-of",
        "500",
        "--format",
        "json",
        "-o",
        str(out_json),
    )
    assert code == 0
    data = json.loads(out)
    want = sum(r.tables["requests"].value("new_received", "total") for r in reports.values())
    assert data["tables"]["requests"]["rows"]["new_received"]["total"]["value"] == want
    assert data["rollup"]["units"] == ["501", "502"]
    assert [x["unit"] for x in data["rollup"]["left_out"]] == ["503"]
    assert "未计入：503" in err
    code, _, _ = run(capsys, "render", str(out_json), "--to", "md", "-o", str(tmp_path / "sum.md"))
    assert code == 0 and "所属单位汇总" in (tmp_path / "sum.md").read_text("utf-8")
    published = json.loads(out_json.read_text("utf-8"))
    published["tables"]["requests"]["rows"]["new_received"]["total"]["value"] = want + 5
    (tmp_path / "gov.json").write_text(json.dumps(published, ensure_ascii=False), "utf-8")
    code, out, _ = run(
        capsys,
        "office",
        "rollup",
        "--db",
        db,
        "--year",
        "2025",
        "--children-of",
        "500",
        "--against",
        str(tmp_path / "gov.json"),
        "--format",
        "json",
    )
    assert code == 1  # the published report differs from the sum
    assert json.loads(out)["differences"] == [
        {
            "table": "requests",
            "row": "new_received",
            "column": "total",
            "sum": want,
            "published": want + 5,
        }
    ]


def test_compare_similar_export(office, capsys, tmp_path):
    db, files, reports = office
    run(capsys, "office", "collect", "--db", db, "--year", "2025", str(files))
    code, out, _ = run(
        capsys,
        "office",
        "compare",
        "--db",
        db,
        "--years",
        "2024-2025",
        "--metric",
        "requests.new_received.total",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert data["metric"] == "requests.new_received.total" and data["years"] == [2024, 2025]
    values = {r["unit"]: r["values"]["2025"] for r in data["rows"]}
    assert values == {
        "500": None,
        "501": reports["501"].tables["requests"].value("new_received", "total"),
        "502": reports["502"].tables["requests"].value("new_received", "total"),
        "503": None,
    }
    code, out, _ = run(
        capsys, "office", "similar", "--db", db, "--year", "2025", "--format", "json"
    )
    assert code == 0 and json.loads(out) == []  # two unrelated reports: no pair reaches 0.5
    book = tmp_path / "审查.xlsx"
    code, _, _ = run(
        capsys,
        "office",
        "export",
        "--db",
        db,
        "--year",
        "2025",
        "--children-of",
        "500",
        "-o",
        str(book),
        "--csv-dir",
        str(tmp_path / "csv"),
    )
    assert code == 0
    from openpyxl import load_workbook

    wb = load_workbook(book)
    assert wb.sheetnames == ["报送情况", "问题", "汇总", "未计入汇总", "对比", "雷同"]
    assert [c.value for c in wb["报送情况"][2]][:4] == ["501", "示例县教育局", "部门", "已发布"]
    assert len(wb["报送情况"]._images) == 1 and len(wb["对比"]._images) == 1
    status_csv = (tmp_path / "csv" / "报送情况.csv").read_text("utf-8-sig").splitlines()
    assert (
        status_csv[0].startswith("单位代码,单位,类型,状态") and len(status_csv) == 4
    )  # the three children
    assert (tmp_path / "csv" / "对比.png").read_bytes()[:4] == b"\x89PNG"
    svg = (tmp_path / "csv" / "报送情况.svg").read_text("utf-8")
    assert "<svg" in svg and "已发布" in svg  # Chinese labels kept as text


def test_bad_input_is_one_line_exit_2(office, capsys, tmp_path):
    db, _, _ = office
    code, _, err = run(
        capsys, "office", "status", "--db", db, "--year", "2025", "--children-of", "999"
    )
    assert code == 2 and err.count("\n") == 1 and err.strip().endswith("单位 999 不存在")
    code, _, err = run(
        capsys, "office", "compare", "--db", db, "--years", "2025", "--metric", "nonsense"
    )
    assert code == 2 and err.count("\n") == 1 and "指标“nonsense”无效" in err
    (tmp_path / "dup.csv").write_text("code,name\n600,甲\n600,乙\n", "utf-8")
    code, _, err = run(capsys, "office", "units", "import", "--db", db, str(tmp_path / "dup.csv"))
    assert code == 2 and "单位 600：单位代码重复（第2行已有）" in err
    code, out, _ = run(capsys, "office", "units", "list", "--db", db, "--format", "json")
    assert "600" in {u["code"] for u in json.loads(out)}  # the good row went in
    code, _, err = run(capsys, "office", "exempt", "--db", db, "--year", "2025", "503")
    assert code == 2 and "请用 --note 写明免报原因" in err
