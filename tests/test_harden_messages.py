"""Issue 12 item 17: every message a user reads is Chinese by default; English with ``--lang en``
(global or the command's) or ``XXGK_LANG=en``; JSON keeps both. Through the real entry point,
with ``XXGK_LANG`` unset."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from xxgk.errors import LedgerError, UnreadableSource, cannot_write, language
from xxgk.messages import translate

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")


def cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "xxgk", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "XXGK_USER": "t", **(env or {})},
    )


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "garbage.bin").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "notes.txt").write_text("会议纪要：今天下雨。\n", "utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "name, zh, en",
    [
        ("missing.txt", "文件不存在", "no such file"),
        ("empty.txt", "文件为空", "file is empty"),
        ("garbage.bin", "二进制文件或乱码", "not text in any supported encoding"),
        ("notes.txt", "没有找到年度报告的表格或章节", "no table and no section"),
    ],
)
def test_unreadable_input_in_both_languages(files: Path, name: str, zh: str, en: str) -> None:
    done = cli("parse", name, cwd=files)
    assert done.returncode == 2
    assert done.stderr == f"xxgk: 错误：{name}：{zh}\n" or (
        done.stderr.startswith(f"xxgk: 错误：{name}：") and zh in done.stderr
    ), done.stderr
    for args, env in (
        (("--lang", "en", "parse", name), None),
        (("parse", name, "--lang", "en"), None),
        (("parse", name), {"XXGK_LANG": "en"}),
    ):
        done = cli(*args, cwd=files, env=env)
        assert done.stderr.startswith(f"xxgk: error: {name}: ") and en in done.stderr, args


def test_a_batch_error_line_summary_and_json_record(files: Path) -> None:
    done = cli("parse", "-f", "jsonl", "empty.txt", "garbage.bin", cwd=files)
    lines = done.stderr.splitlines()
    assert "xxgk: 错误：empty.txt：文件为空" in lines
    assert any(line.startswith("文件 2") for line in lines), lines  # the summary
    first = json.loads(done.stdout.splitlines()[0])
    assert (first["error"], first["error_zh"]) == ("file is empty", "文件为空")


def test_usage_errors_and_unwritable_outputs_are_chinese(tmp_path: Path) -> None:
    done = cli("parse", "--bogus", "x", cwd=tmp_path)
    assert done.returncode == 2 and "xxgk: 用法错误：" in done.stderr
    example = ROOT / "examples" / "data" / "example-2021.yaml"
    done = cli("render", str(example), "--to", "md", "-o", "no/dir/r.md", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == "xxgk: 错误：无法写入 no/dir/r.md：目录不存在\n"
    done = cli("render", str(example), "--to", "md", "-o", "r.md", cwd=tmp_path)
    assert done.returncode == 0 and CJK.search(done.stderr), done.stderr


def test_a_blocked_rendering_speaks_chinese(tmp_path: Path) -> None:
    assert cli("template", "-o", "t.xlsx", cwd=tmp_path).returncode == 0
    done = cli("render", "t.xlsx", "--to", "docx", "-o", "t.docx", cwd=tmp_path)
    assert done.returncode == 1
    assert "错误 report-empty" in done.stderr and "报告中没有填写任何数字" in done.stderr
    assert "项错误，未生成（加 --allow-errors 仍可生成）" in done.stderr
    assert "error finding" not in done.stderr


def test_errors_carry_both_languages() -> None:
    error = UnreadableSource("file is empty", path="a.txt")
    assert (error.text("zh"), error.text("en"), str(error)) == (
        "a.txt：文件为空",
        "a.txt: file is empty",
        "a.txt: file is empty",
    )
    given = UnreadableSource("odd", zh="奇怪", path="b")
    assert given.message_zh == "奇怪"
    ledger = LedgerError("a request needs an id", request="R-1", field="x")
    assert ledger.text("zh") == "申请 R-1，字段 x：缺少编号"
    assert cannot_write("/x/y", FileNotFoundError(2, "No such file")).text("zh") == (
        "无法写入 /x/y：目录不存在"
    )


def test_an_unknown_message_stays_english_rather_than_wrong() -> None:
    assert translate("something nobody wrote a translation for") is None
    assert UnreadableSource("something new").message_zh == "something new"


def test_language_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XXGK_LANG", raising=False)
    assert language() == "zh" and language("en") == "en"
    monkeypatch.setenv("XXGK_LANG", "EN")
    assert language() == "en" and language("zh") == "zh"
    monkeypatch.setenv("XXGK_LANG", "fr")
    assert language() == "zh"
