"""The README runs as written: its two first commands, and every ``xxgk`` line of its examples.

Each ``xxgk …`` line of the README's shell blocks runs through the real entry point in a
scratch directory that holds the files the README names (``report.txt``, ``reports/``,
``ledger.csv``, ``published.docx`` …). A line that fails, or prints a traceback, fails here.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")
BLOCKS = re.findall(r"```sh\n(.*?)```", README, flags=re.S)

LEDGER_CSV = """request_id,applicant_type,received,answered,outcome
R-2025-002,natural_person,2025-01-06,2025-01-20,granted
R-2025-003,commercial,2025-02-10,2025-03-05,denied.third_party
R-2025-004,natural_person,2025-12-15,,
"""


def _commands(block: str) -> list[str]:
    """The xxgk commands of a block, comments removed; `a && b` yields b's xxgk part
    (``.venv/bin/xxgk`` is the same entry point; the set-up itself is tests/test_harden_setup.py)."""
    out = []
    for line in block.splitlines():
        line = line.split("  #", 1)[0].strip()
        for part in line.split("&&"):
            part = part.strip().removeprefix(".venv/bin/")
            if part.startswith("xxgk "):
                out.append(part)
    return out


def _run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    args = shlex.split(command)
    return subprocess.run(
        [sys.executable, "-m", "xxgk", *args[1:]],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(cwd), "XXGK_USER": "readme"},
    )


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree(ROOT / "examples" / "reports", tmp_path / "reports")
    shutil.copy(ROOT / "examples" / "reports" / "example-2021.txt", tmp_path / "report.txt")
    shutil.copy(ROOT / "examples" / "reports" / "example-2021.pdf", tmp_path / "report.pdf")
    (tmp_path / "ledger.csv").write_text(LEDGER_CSV, "utf-8")
    return tmp_path


def test_the_first_lines_give_the_two_commands() -> None:
    first = BLOCKS[0].strip().splitlines()
    assert len(first) == 2
    assert first[0].startswith("bash scripts/setup && .venv/bin/xxgk parse examples/reports/")
    assert first[1].startswith("bash scripts/test")
    assert "bash scripts/test" in (ROOT / ".ci" / "run").read_text("utf-8")


def test_the_main_job_runs_clean_on_the_examples() -> None:
    (command,) = _commands(BLOCKS[0])
    result = _run(command, ROOT)
    assert result.returncode == 0, result.stderr
    assert "示例市示例区人民政府" in result.stdout
    assert "（一）予以公开" in result.stdout


def _block(title: str) -> str:
    """The shell block that follows a line of README text containing ``title``."""
    match = re.search(re.escape(title) + r".*?```sh\n(.*?)```", README, flags=re.S)
    assert match, f"README has no block after {title!r}"
    return match.group(1)


def test_quick_start_commands_run(scratch: Path) -> None:
    for command in _commands(_block("## Quick start")):
        result = _run(command, scratch)
        assert result.returncode == 0, f"{command}\n{result.stderr}"
        assert "Traceback" not in result.stderr
    assert (scratch / "data.jsonl").read_text("utf-8").count("\n") == len(
        list((scratch / "reports").iterdir())
    )
    assert (scratch / "reports.db").stat().st_size > 0


def _fill_in(workbook_path: Path) -> None:
    """What the officer does in Excel between the two commands: type the numbers (here: the
    example report's, through the library's own workbook writer)."""
    from xxgk.render import workbook
    from xxgk.render.inputs import load

    report = load(ROOT / "examples" / "data" / "example-2021.yaml")
    filled = workbook.read(workbook.write(report))
    assert filled.tables["requests"].cell("new_received", "total").value is not None
    workbook_path.write_bytes(workbook.write(report))


def test_writing_a_report_commands_run(scratch: Path) -> None:
    for command in _commands(_block("Writing a report")):
        if command.startswith("xxgk render 年报.xlsx"):
            _fill_in(scratch / "年报.xlsx")
        result = _run(command, scratch)
        assert result.returncode == 0, f"{command}\n{result.stderr}"
    assert (scratch / "年报.docx").read_bytes()[:2] == b"PK"
    assert (scratch / "example.pdf").read_bytes()[:4] == b"%PDF"


def test_ledger_commands_run(scratch: Path) -> None:
    commands = _commands(_block("Keeping the request ledger"))
    published = next(c for c in commands if "reconcile" in c)
    for command in commands:
        if command == published:
            _publish_from_ledger(scratch)
        result = _run(command, scratch)
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        if "--received 2024-09-25" in command:
            assert result.stdout.strip() == "2024-10-28"
        if "--explain requests.granted.natural_person" in command:
            assert "R-2025-001" in result.stdout and "R-2025-002" in result.stdout


def _publish_from_ledger(cwd: Path) -> None:
    """The 'published' report: the ledger's own tables rendered to DOCX (so nothing differs)."""
    report = _run("xxgk ledger report --year 2025 --format json", cwd)
    assert report.returncode == 0, report.stderr
    (cwd / "ledger-2025.json").write_text(report.stdout, "utf-8")
    render = _run("xxgk render ledger-2025.json --to docx -o published.docx --allow-errors", cwd)
    assert render.returncode == 0, render.stderr


def test_python_example_runs(scratch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (code,) = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    monkeypatch.chdir(scratch)
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - the README's own example
    report = namespace["report"]
    assert report.meta.agency == "示例市示例区人民政府"  # type: ignore[attr-defined]
    assert namespace["cell"].source.page == 2  # type: ignore[attr-defined]


def test_the_example_reports_have_no_findings_at_all() -> None:
    """The examples are made from clean data: any finding on them (a Markdown delimiter row
    read as an unknown label, a lost title) is a parser bug, not a property of the data."""
    import json

    result = _run("xxgk check examples/reports/ --format jsonl -q", ROOT)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == len(list((ROOT / "examples" / "reports").iterdir()))
    assert {r["file"] if "file" in r else r["meta"]["file"]: r["findings"] for r in records} == {
        r["file"] if "file" in r else r["meta"]["file"]: [] for r in records
    }
