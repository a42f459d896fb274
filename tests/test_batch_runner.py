"""xxgk.batch.run: the progress bar only on a terminal, the summary, the exit code."""

from __future__ import annotations

import io
import sys

import pytest

import xxgk.api
from test_cli_fakes import fake_parse
from xxgk.batch import Options, run
from xxgk.output.jsonout import loads


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setattr(xxgk.api, "parse", fake_parse)
    root = tmp_path / "in"
    root.mkdir()
    for i in range(5):
        (root / f"{i}.txt").write_text(f"seed {i}" + (" error" if i == 3 else ""))
    return root


def test_progress_bar_on_a_terminal_and_summary(corpus, tmp_path, monkeypatch) -> None:
    err = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", err)
    code = run([str(corpus)], Options(fmt="jsonl"), output=str(tmp_path / "o.jsonl"), jobs=2)
    text = err.getvalue()
    assert "5/5" in text and "file" in text  # tqdm's bar, counting files
    assert "文件 5  报告 5  无法读取 0  有错误的报告 1" in text
    assert code == 1


def test_no_progress_bar_when_quiet_or_piped(corpus, tmp_path, monkeypatch) -> None:
    err = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", err)
    run([str(corpus)], Options(fmt="jsonl"), output=str(tmp_path / "o.jsonl"), quiet=True)
    assert err.getvalue() == ""
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    run([str(corpus)], Options(fmt="jsonl", lang="en"), output=str(tmp_path / "o.jsonl"))
    assert "5/5" not in piped.getvalue()
    assert "files 5  reports 5  unreadable 0  reports with errors 1" in piped.getvalue()


def test_output_file_holds_every_record_in_order(corpus, tmp_path) -> None:
    out = tmp_path / "o.jsonl"
    run([str(corpus)], Options(fmt="jsonl"), output=str(out), jobs=2, quiet=True)
    records = [loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [r["meta"]["file"] for r in records] == [str(corpus / f"{i}.txt") for i in range(5)]
    assert [r["valid"] for r in records] == [True, True, True, False, True]


def test_table_batch_prints_every_report(corpus, capsys) -> None:
    run([str(corpus)], Options(fmt="table"), jobs=2, quiet=True)
    out = capsys.readouterr().out
    assert out.count("三、收到和处理政府信息公开申请情况") == 5
    assert out.index(str(corpus / "0.txt")) < out.index(str(corpus / "4.txt"))
