"""``xxgk render`` / ``xxgk template`` through the real entry point; inputs; --allow-errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import xxgk
from render_support import sample
from xxgk.cli import main
from xxgk.errors import ConfigError, RenderBlocked, UnsupportedFormat
from xxgk.model import Cell
from xxgk.render import inputs

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "data"


def run(argv: list[str]) -> int:
    with pytest.raises(SystemExit) as done:
        main(argv)
    return done.value.code


def _broken():
    report = sample("2021")
    # R2 broken: the row total no longer adds up
    report.table("requests").set(
        "granted", "total", Cell.of(report.table("requests").value("granted", "total") + 1)
    )
    return report


def test_render_refuses_error_findings_unless_allowed():
    report = _broken()
    with pytest.raises(RenderBlocked) as blocked:
        xxgk.render(report, "md")
    assert blocked.value.exit_code == 1
    assert {f.rule for f in blocked.value.findings} >= {"requests-row-total"}
    assert all(f.severity == "error" for f in blocked.value.findings)
    assert b"\n# " in xxgk.render(report, "md", allow_errors=True)


def test_cli_render_blocked_then_allowed(tmp_path, capsys):
    source = tmp_path / "broken.json"
    source.write_text(json.dumps(_broken().to_dict(), ensure_ascii=False, default=str), "utf-8")
    out = tmp_path / "broken.html"
    assert run(["render", str(source), "--to", "html", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "requests-row-total" in err and "--allow-errors" in err
    assert not out.exists()
    assert run(["render", str(source), "--to", "html", "-o", str(out), "--allow-errors"]) == 0
    assert out.read_bytes().startswith(b"<!DOCTYPE html>")


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_examples_render_clean(tmp_path, edition):
    source = EXAMPLES / f"example-{edition}.yaml"
    out = tmp_path / "r.md"
    assert run(["render", str(source), "--to", "md", "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    report = inputs.load(source)
    assert [f for f in xxgk.check(report) if f.severity == "error"] == []
    assert text.startswith(f"<!-- xxgk {xxgk.__version__}; data sha256:")
    assert f"\n# 示例市示例区人民政府{report.meta.year}年政府信息公开工作年度报告\n" in text


def test_yaml_shape_fills_zero_applicants_and_totals():
    report = inputs.load(EXAMPLES / "example-2021.yaml")
    requests = report.table("requests")
    # new_received: 自然人 38, 商业企业 6, 社会公益组织 1, 法律服务机构 3 → total 48
    assert requests.value("new_received", "research") == 0
    assert requests.value("new_received", "total") == 48
    assert requests.value("denied.state_secret", "total") == 0
    assert report.table("appeals").value("review", "total") == 2
    assert str(report.table("active").value("fees", "amount")) == "12.6"
    example_2019 = inputs.load(EXAMPLES / "example-2019.yaml")
    change = example_2019.table("active").cell("licensing", "change")
    assert (change.raw, change.value) == ("减 6", -6)


def test_toml_and_bad_values(tmp_path):
    good = tmp_path / "r.toml"
    good.write_text(
        '[meta]\nagency = "示例局"\nyear = 2022\n[tables.appeals.review]\nupheld = 1\npending = 2\n'
        '[sections]\noverview = "概述。"\n',
        "utf-8",
    )
    report = inputs.load(good)
    assert report.meta.edition == "2021"
    assert report.table("appeals").value("review", "total") == 3
    assert report.section("overview").text == "概述。"
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "meta: {year: 2022}\ntables:\n  requests:\n    granted: {natural_person: 十二}\n", "utf-8"
    )
    with pytest.raises(ConfigError, match="natural_person.*十二"):
        inputs.load(bad)
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("meta: {year: 2022}\ntables:\n  requests:\n    other: {total: 1}\n", "utf-8")
    with pytest.raises(ConfigError, match="unknown row 'other' for the 2021 edition"):
        inputs.load(wrong)


@pytest.mark.usefixtures("english")
def test_cli_errors_are_one_line(tmp_path, capsys):
    assert run(["render", str(tmp_path / "missing.yaml"), "--to", "md"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"xxgk: error: {tmp_path / 'missing.yaml'}: no such file"]
    with pytest.raises(UnsupportedFormat):
        xxgk.render(sample("2019"), "odt")


def test_template_then_render_the_workbook(tmp_path, capsys):
    book = tmp_path / "年报.xlsx"
    assert (
        run(
            [
                "template",
                "--edition",
                "2021",
                "--agency",
                "示例局",
                "--year",
                "2022",
                "-o",
                str(book),
            ]
        )
        == 0
    )
    assert book.is_file()
    out = tmp_path / "年报.md"
    # an unfilled template is refused (report-empty) unless --allow-errors
    assert run(["render", str(book), "--to", "md", "-o", str(out)]) == 1
    assert "report-empty" in capsys.readouterr().err and not out.exists()
    code = run(["render", str(book), "--to", "md", "-o", str(out), "--allow-errors"])
    assert code == 0, capsys.readouterr().err
    assert "示例局2022年政府信息公开工作年度报告" in out.read_text("utf-8")


def test_txt_and_stdout(tmp_path, capsysbinary):
    source = EXAMPLES / "example-2019.yaml"
    assert run(["render", str(source), "--to", "txt", "-o", "-"]) == 0
    text = capsysbinary.readouterr().out.decode("utf-8")
    assert "行政许可\t9\t减 6\t2841" in text
    assert text.splitlines()[0].startswith("（xxgk ") and "sha256:" in text.splitlines()[0]
    assert text.splitlines()[2] == "示例市示例区人民政府2020年政府信息公开工作年度报告"
