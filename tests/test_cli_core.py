"""``xxgk parse`` / ``check`` / ``schema`` through ``xxgk.cli.main`` — exit codes, formats, batches,
bad inputs — with a stand-in parser (test_cli_fakes) so these tests pin the CLI, not the extractor."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys

import jsonschema
import pytest

import xxgk
import xxgk.api
from test_cli_fakes import expected, fake_parse
from xxgk.cli import main
from xxgk.output.jsonout import dumps, loads

VALIDATOR = jsonschema.Draft202012Validator(xxgk.schema())


@pytest.fixture(autouse=True)
def _fake(monkeypatch) -> None:
    monkeypatch.setattr(xxgk.api, "parse", fake_parse)


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        main(list(args))
    out, err = capsys.readouterr()
    return exit_.value.code, out, err


@pytest.fixture
def corpus(tmp_path):
    """A directory of 6 good reports (one with an error finding) and 3 bad files, in subfolders."""
    root = tmp_path / "reports"
    (root / "2020").mkdir(parents=True)
    (root / "2021").mkdir()
    for i in range(3):
        (root / "2020" / f"r{i}.txt").write_text(f"seed {i} edition 2019")
        (root / "2021" / f"r{i}.txt").write_text(
            f"seed {10 + i} edition 2021" + (" error" if i == 1 else "")
        )
    (root / "2020" / "empty.txt").write_bytes(b"")
    (root / "2021" / "zz.bin").write_bytes(b"\x00\xff\xfe\x01" * 50)
    (root / "notes.txt").write_text("这不是年度报告")
    return root


def _same(record: dict, seed: int, edition: str, file: str) -> bool:
    want = expected(seed, edition)
    want["meta"]["file"] = file
    return record == loads(dumps(want))


def test_parse_one_file_prints_readable_tables(capsys, tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("seed 3 edition 2021")
    code, out, err = run(capsys, "parse", str(path))
    assert code == 0 and err == ""
    assert "三、收到和处理政府信息公开申请情况" in out and "（一）予以公开" in out
    assert "检查结果: 未发现问题" in out


def test_parse_json_is_one_object_following_the_schema(capsys, tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("seed 3 edition 2021")
    code, out, _ = run(capsys, "parse", "--format", "json", str(path))
    record = loads(out)
    VALIDATOR.validate(record)
    assert code == 0 and _same(record, 3, "2021", str(path))


@pytest.mark.usefixtures("english")
def test_jsonl_batch_in_input_order_with_error_records(capsys, corpus) -> None:
    code, out, err = run(capsys, "parse", "--format", "jsonl", "--jobs", "2", str(corpus))
    records = [loads(line) for line in out.splitlines()]
    files = [r["meta"]["file"] if "meta" in r else r["file"] for r in records]
    base = str(corpus)
    assert files == [
        f"{base}/notes.txt",
        f"{base}/2020/empty.txt",
        f"{base}/2020/r0.txt",
        f"{base}/2020/r1.txt",
        f"{base}/2020/r2.txt",
        f"{base}/2021/r0.txt",
        f"{base}/2021/r1.txt",
        f"{base}/2021/r2.txt",
        f"{base}/2021/zz.bin",
    ]
    for r in records:
        VALIDATOR.validate(r)
    assert _same(records[2], 0, "2019", f"{base}/2020/r0.txt")
    assert _same(records[7], 12, "2021", f"{base}/2021/r2.txt")
    assert records[1] == {
        "schema": "xxgk/error/1",
        "file": f"{base}/2020/empty.txt",
        "error": "file is empty",
        "error_zh": "文件为空",
        "type": "UnreadableSource",
    }
    assert code == 2  # unreadable files, reported after the rest was processed
    assert f"xxgk: error: {base}/2020/empty.txt: file is empty" in err.splitlines()
    assert f"xxgk: error: {base}/notes.txt: no annual report found" in err.splitlines()
    assert "Traceback" not in err
    assert "9  reports 6  unreadable 3  reports with errors 1" in err
    assert "requests-row-total  error    1" in err


def test_check_prints_findings_and_exits_1_on_error(capsys, tmp_path) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("seed 1")
    bad.write_text("seed 2 error")
    assert run(capsys, "check", str(good))[0] == 0
    code, out, _ = run(capsys, "check", str(bad))
    assert code == 1
    assert "requests-row-total" in out and "（一）予以公开：各列之和为 0，但“总计”为 15" in out
    assert "自然人" not in out  # findings only, no tables
    code, out, _ = run(capsys, "check", "--format", "jsonl", "-j", "1", str(good), str(bad))
    lines = [json.loads(x) for x in out.splitlines()]
    assert [x["valid"] for x in lines] == [True, False]
    assert lines[1]["findings"][0]["rule"] == "requests-row-total"
    for x in lines:
        VALIDATOR.validate(x)


def test_check_english_messages(capsys, tmp_path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("seed 2 error")
    _, out, _ = run(capsys, "check", "--lang", "en", str(bad))
    assert "the applicant columns add up to 0, but total is 15" in out


def test_json_batch_is_an_array(capsys, corpus) -> None:
    _, out, _ = run(capsys, "parse", "-f", "json", "-q", str(corpus / "2020"))
    data = loads(out)
    assert isinstance(data, list) and len(data) == 4
    assert data[0]["schema"] == "xxgk/error/1"


def test_csv_batch_has_one_header_and_every_cell(capsys, corpus) -> None:
    code, out, _ = run(
        capsys,
        "parse",
        "-f",
        "csv",
        "-q",
        str(corpus / "2021" / "r0.txt"),
        str(corpus / "2021" / "r2.txt"),
    )
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["file", "table", "row", "column", "raw", "value", "unit"]
    assert rows.count(rows[0]) == 1
    assert len(rows) == 1 + 2 * (10 + 175 + 15)
    want = expected(12, "2021")["tables"]["requests"]["rows"]["carried_forward"]["total"]
    row = [
        r
        for r in rows
        if r[0].endswith("r2.txt") and r[1:4] == ["requests", "carried_forward", "total"]
    ]
    assert row[0][4:6] == [want["raw"], str(want["value"])]
    assert code == 0


def test_sqlite_and_xlsx_outputs(capsys, corpus, tmp_path) -> None:
    db = tmp_path / "out.db"
    code, _, err = run(capsys, "parse", "-f", "sqlite", "-o", str(db), "-q", str(corpus))
    assert code == 2 and "Traceback" not in err
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 6
    assert con.execute("SELECT count(*) FROM errors").fetchone()[0] == 3
    xlsx = tmp_path / "out.xlsx"
    assert (
        run(capsys, "parse", "-f", "xlsx", "-o", str(xlsx), "-q", str(corpus / "2021" / "r0.txt"))[
            0
        ]
        == 0
    )
    import openpyxl

    assert openpyxl.load_workbook(xlsx).sheetnames[:4] == [
        "reports",
        "active",
        "requests",
        "appeals",
    ]


def test_summary_json(capsys, corpus, tmp_path) -> None:
    path = tmp_path / "summary.json"
    run(capsys, "parse", "-f", "jsonl", "-q", "--summary-json", str(path), str(corpus))
    summary = json.loads(path.read_text())
    assert (summary["files"], summary["reports"], summary["errors"], summary["invalid"]) == (
        9,
        6,
        3,
        1,
    )
    assert summary["findings"] == [{"rule": "requests-row-total", "severity": "error", "count": 1}]
    assert summary["error_types"] == {"NotAReport": 1, "UnreadableSource": 2}


@pytest.mark.usefixtures("english")
def test_quiet_batch_prints_errors_but_no_summary(capsys, corpus) -> None:
    _, _, err = run(capsys, "parse", "-f", "jsonl", "-q", str(corpus))
    assert len(err.splitlines()) == 3 and all(
        x.startswith("xxgk: error: ") for x in err.splitlines()
    )


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.txt", None, "no such file"),
        ("empty.txt", b"", "file is empty"),
        ("garbage.bin", b"\x00\xff\xfe\x01" * 100, "not text"),
    ],
)
def test_one_unreadable_file_is_one_line_and_exit_2(
    capsys, tmp_path, name, content, message
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, "parse", str(path))
    assert code == 2 and out == ""
    assert err == f"xxgk: error: {path}: {message}\n"


@pytest.mark.usefixtures("english")
def test_a_directory_with_no_reports(capsys, tmp_path) -> None:
    (tmp_path / "d").mkdir()
    code, _, err = run(capsys, "parse", "-q", str(tmp_path / "d"))
    assert code == 2
    assert err == f"xxgk: error: {tmp_path / 'd'}: directory holds no report files\n"


def test_stdin(capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"seed 8 edition 2019")))
    code, out, _ = run(capsys, "parse", "-f", "json", "-")
    assert code == 0 and _same(loads(out), 8, "2019", "-")


@pytest.mark.usefixtures("english")
def test_usage_errors_exit_2_with_one_line(capsys, tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("seed 1")
    code, _, err = run(capsys, "parse", "-f", "xlsx", str(path))
    assert code == 2 and err == "xxgk: error: --format xlsx writes a file: give it with -o FILE\n"
    code, _, err = run(capsys, "parse", "-f", "yaml", str(path))
    assert code == 2 and "Invalid value for '-f' / '--format'" in err
    code, _, err = run(capsys, "check", "-f", "sqlite", "-o", "x.db", str(path))
    assert code == 2 and "Traceback" not in err


@pytest.mark.usefixtures("english")
def test_internal_error_is_one_line_without_debug_and_a_traceback_with(capsys, tmp_path) -> None:
    path = tmp_path / "c.txt"
    path.write_text("crash")
    code, _, err = run(capsys, "parse", str(path))
    assert code == 2 and err == f"xxgk: error: {path}: internal error (ZeroDivisionError): boom\n"
    with pytest.raises(ZeroDivisionError):
        main(["--debug", "parse", str(path)])


def test_schema_command_prints_the_shipped_schema(capsys) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0 and json.loads(out) == xxgk.schema()
