"""Issue 12 items 11, 13 and issue 10 item 7: an unfilled form, unwritable outputs.

* An unfilled form (the blank template as XLSX, or rendered to DOCX and read back) is ONE
  finding, ``report-empty`` — not an ``empty-cell`` warning per cell.
* Rendering refuses a report with no number filled in, no agency or no year, unless
  ``--allow-errors``.
* A missing output directory is ``cannot write …`` (exit 2), never an internal error.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import xxgk
from xxgk.errors import RenderBlocked
from xxgk.render import render, workbook
from xxgk.render.inputs import load

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "data" / "example-2021.yaml"


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xxgk", *args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "XXGK_LANG": "en"},
    )


def _blank_docx(tmp_path: Path, edition: str) -> Path:
    report = workbook.read(workbook.template(edition, agency="示例区人民政府", year=2024))
    path = tmp_path / f"blank-{edition}.docx"
    path.write_bytes(render(report, "docx", allow_errors=True))
    return path


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_blank_docx_is_one_report_empty_finding(tmp_path: Path, edition: str) -> None:
    report = xxgk.parse(_blank_docx(tmp_path, edition))
    rules = [f.rule for f in report.findings]
    assert rules.count("report-empty") == 1
    assert "empty-cell" not in rules
    (empty,) = [f for f in report.findings if f.rule == "report-empty"]
    assert empty.severity == "error" and empty.message_en == "no number is filled in"
    assert empty.message == "报告中没有填写任何数字"


def test_blank_xlsx_template_is_one_report_empty_finding() -> None:
    report = workbook.read(workbook.template("2021", agency="示例区人民政府", year=2024))
    findings = xxgk.check(report)
    assert [f.rule for f in findings if f.severity == "error"] == ["report-empty"]
    assert "empty-cell" not in {f.rule for f in findings}


def test_one_number_is_not_empty() -> None:
    report = load(EXAMPLE)
    assert "report-empty" not in {f.rule for f in xxgk.check(report)}
    blank = workbook.read(workbook.template("2021", agency="示例区人民政府", year=2024))
    blank.tables["active"].set("regulations", "in_force", xxgk.model.Cell.of(0))
    assert "report-empty" not in {f.rule for f in xxgk.check(blank)}


def test_render_refuses_the_unfilled_template(tmp_path: Path) -> None:
    xlsx = tmp_path / "年报.xlsx"
    done = cli("template", "--edition", "2021", "-o", str(xlsx))
    assert done.returncode == 0, done.stderr
    done = cli("render", str(xlsx), "--to", "docx", "-o", str(tmp_path / "a.docx"))
    assert done.returncode == 1 and not (tmp_path / "a.docx").exists()
    assert "report-empty" in done.stderr and "no number is filled in" in done.stderr
    assert "no agency" in done.stderr and "no year" in done.stderr
    done = cli(
        "render", str(xlsx), "--to", "docx", "-o", str(tmp_path / "a.docx"), "--allow-errors"
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "a.docx").read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("field", ["agency", "year"])
def test_render_refuses_a_report_without_agency_or_year(field: str) -> None:
    report = load(EXAMPLE)
    setattr(report.meta, field, None)
    if field == "year":
        report.meta.title = None
    with pytest.raises(RenderBlocked) as blocked:
        render(report, "html")
    assert [f.rule for f in blocked.value.findings] == [f"report-{field}-missing"]
    assert render(report, "html", allow_errors=True).startswith(b"<!")


@pytest.mark.parametrize(
    "args",
    [
        ("template", "-o", "{missing}/t.xlsx"),
        ("render", str(EXAMPLE), "--to", "docx", "-o", "{missing}/r.docx"),
        ("render", str(EXAMPLE), "--to", "md", "-o", "{missing}/r.md"),
        ("schema", "-o", "{missing}/s.json"),
        ("ledger", "export", "--db", "{db}", "-o", "{missing}/x.csv"),
        ("ledger", "export", "--db", "{db}", "-o", "{missing}/x.xlsx"),
    ],
)
def test_a_missing_output_directory_is_cannot_write(tmp_path: Path, args: tuple[str, ...]) -> None:
    missing = tmp_path / "nonexistent"
    if args[0] == "ledger":
        assert cli("ledger", "init", "--db", str(tmp_path / "l.db")).returncode == 0
    done = cli(*(a.format(missing=missing, db=tmp_path / "l.db") for a in args))
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"xxgk: error: cannot write {missing}/")
    assert "internal error" not in line and "FileNotFoundError" not in line


# --------------------------------------------------------------------------- item 12


def _data_inputs(tmp_path: Path) -> dict[str, Path]:
    """The example report in every data form ``render`` reads."""
    import json
    import tomllib

    import yaml

    report = load(EXAMPLE)
    tree = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    out = {"yaml": EXAMPLE, "xlsx": tmp_path / "年报.xlsx", "json": tmp_path / "report.json"}
    out["xlsx"].write_bytes(workbook.write(report))
    out["json"].write_text(json.dumps(report.to_dict(), ensure_ascii=False, default=str), "utf-8")
    toml = tmp_path / "data.toml"
    toml.write_text(_toml(tree), "utf-8")
    assert tomllib.loads(toml.read_text("utf-8"))["meta"]["agency"] == tree["meta"]["agency"]
    out["toml"] = toml
    return out


def _toml(tree: dict) -> str:
    lines = ["[meta]", *(f"{k} = {_value(v)}" for k, v in tree["meta"].items())]
    for name, rows in tree["tables"].items():
        for row, cols in rows.items():
            lines += [f'[tables.{name}."{row}"]', *(f"{c} = {_value(v)}" for c, v in cols.items())]
    lines.append("[sections]")
    lines += [f"{k} = {_value(v)}" for k, v in tree.get("sections", {}).items()]
    return "\n".join(lines) + "\n"


def _value(v: object) -> str:
    import json

    return json.dumps(v, ensure_ascii=False) if isinstance(v, str) else str(v)


def test_parse_and_check_take_every_input_form_render_takes(tmp_path: Path) -> None:
    import json

    want = load(EXAMPLE)
    cells = {(t, r, c): cell.value for t, r, c, cell in _all_cells(want)}
    for kind, path in _data_inputs(tmp_path).items():
        done = cli("check", str(path))
        assert done.returncode == 0, (kind, done.stdout, done.stderr)
        assert "no table and no section" not in done.stderr
        done = cli("parse", "--format", "json", str(path))
        assert done.returncode == 0, (kind, done.stderr)
        record = json.loads(done.stdout)
        assert record["meta"]["agency"] == "示例市示例区人民政府", kind
        got = {
            (t, r, c): v["value"]
            for t, table in record["tables"].items()
            if table
            for r, cols in table["rows"].items()
            for c, v in cols.items()
        }
        assert {k: got.get(k) for k in cells} == {
            k: (float(v) if type(v).__name__ == "Decimal" else v) for k, v in cells.items()
        }, kind


def _all_cells(report):
    for name, table in report.tables.items():
        if table is not None:
            for row, column, cell in table.cells():
                yield name, row, column, cell


def test_check_of_an_unfilled_workbook_on_stdin(tmp_path: Path) -> None:
    data = workbook.template("2021", agency="示例区人民政府", year=2024)
    done = subprocess.run(
        [sys.executable, "-m", "xxgk", "check", "--format", "jsonl", "-"],
        input=data,
        capture_output=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "XXGK_LANG": "en"},
    )
    assert done.returncode == 1, done.stderr
    assert b'"report-empty"' in done.stdout and b"empty-cell" not in done.stdout


# --------------------------------------------------------------------------- item 19


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_the_total_row_of_the_template_is_a_live_sum(tmp_path: Path, edition: str) -> None:
    """Type three numbers into the template, let a spreadsheet (LibreOffice) recompute it:
    the （七）总计 row holds the column sums and its 总计 cell the sum of all."""
    import openpyxl

    from xxgk import form
    from xxgk.render import layout

    book = openpyxl.load_workbook(io.BytesIO(workbook.template(edition, agency="局", year=2024)))
    sheet = book["表三"]
    grid = layout.grid("requests", edition)
    at = {c.key: (c.row + workbook.FIRST_ROW, c.col + 1) for c in grid.values()}
    typed = {("granted", "natural_person"): 5, ("partially_granted", "commercial"): 3}
    typed[(form.outcome_rows(edition)[-1], "natural_person")] = 2
    for key, value in typed.items():
        sheet.cell(*at[key], value)
    for column in form.APPLICANT_TYPES:
        assert sheet.cell(*at[("total", column)]).data_type == "f"
    assert book.calculation.fullCalcOnLoad
    book.save(tmp_path / "filled.xlsx")
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless"]
        + [
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "out"),
            str(tmp_path / "filled.xlsx"),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    done = openpyxl.load_workbook(tmp_path / "out" / "filled.xlsx", data_only=True)["表三"]
    totals = {c: done.cell(*at[("total", c)]).value for c in form.APPLICANT_TYPES}
    assert totals == {
        **dict.fromkeys(form.APPLICANT_TYPES, 0),
        "natural_person": 7,
        "commercial": 3,
    }
    assert done.cell(*at[("total", "total")]).value == 10
