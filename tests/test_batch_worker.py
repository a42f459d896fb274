"""The worker: every input becomes one outcome; errors become records, never exceptions."""

from __future__ import annotations

import time

import pytest

import xxgk.api
from test_cli_fakes import expected, fake_parse
from xxgk.batch.discover import Task
from xxgk.batch.worker import Options, process
from xxgk.output.jsonout import loads


@pytest.fixture(autouse=True)
def _fake(monkeypatch) -> None:
    monkeypatch.setattr(xxgk.api, "parse", fake_parse)


def test_a_report_becomes_a_jsonl_line_with_its_findings(tmp_path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("seed 4")
    outcome = process(Task(str(path)), Options(fmt="jsonl"))
    assert outcome.error is None and outcome.prepared is None
    record = loads(outcome.text)
    want = expected(4)
    want["meta"]["file"] = str(path)
    assert record == loads(xxgk.output.jsonout.dumps(want))
    assert outcome.text.count("\n") == 1


@pytest.mark.parametrize(
    "content, kind, words",
    [
        (b"", "UnreadableSource", "file is empty"),
        (b"\xff\xfe\x00garbage", "UnreadableSource", "not text"),
        (b"hello world", "NotAReport", "no annual report found"),
        (b"crash", "InternalError", "internal error (ZeroDivisionError): boom"),
    ],
)
def test_bad_inputs_become_error_records(tmp_path, content: bytes, kind: str, words: str) -> None:
    path = tmp_path / "bad"
    path.write_bytes(content)
    outcome = process(Task(str(path)), Options(fmt="jsonl"))
    assert (
        outcome.error is not None and outcome.error.get("error_zh", "文") != outcome.error["error"]
    )
    assert {k: v for k, v in outcome.error.items() if k != "error_zh"} == {
        "schema": "xxgk/error/1",
        "file": str(path),
        "error": words,
        "type": kind,
    }
    assert loads(outcome.text) == outcome.error


def test_a_file_over_the_time_limit_becomes_an_error_record(monkeypatch, tmp_path) -> None:
    def slow(source, **kw):
        time.sleep(5)

    monkeypatch.setattr(xxgk.api, "parse", slow)
    started = time.perf_counter()
    outcome = process(Task(str(tmp_path / "x")), Options(fmt="jsonl", time_limit=0.2))
    assert time.perf_counter() - started < 2
    assert outcome.error["type"] == "TimeLimit"
    assert "time limit of 0.2 s" in outcome.error["error"]


def test_reraise_lets_the_exception_through_for_debug(tmp_path) -> None:
    path = tmp_path / "c"
    path.write_text("crash")
    with pytest.raises(ZeroDivisionError):
        process(Task(str(path)), Options(reraise=True))


def test_check_records_and_file_formats_keep_the_record(tmp_path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("seed 9")
    outcome = process(Task(str(path)), Options(fmt="sqlite", keep_record=True))
    rows = outcome.prepared  # the SQLite rows, made in the worker
    assert outcome.text is None and rows["report"][0] == str(path)
    assert len(rows["cells"]) == sum(
        len(cols) for t in expected(9)["tables"].values() if t for cols in t["rows"].values()
    )
    outcome = process(Task(str(path)), Options(fmt="xlsx", keep_record=True))
    assert outcome.prepared["schema"] == "xxgk/report/1"  # openpyxl needs the record itself
    outcome = process(Task(str(path)), Options(fmt="json", command="check"))
    assert set(loads(outcome.text)) == {
        "schema",
        "file",
        "agency",
        "year",
        "edition",
        "valid",
        "findings",
    }
