"""xxgk.dataset.validate: a good package passes; each kind of damage is found and named; the CLI
through the real entry point (exit 0 valid, 1 invalid, 2 not a package / bad input)."""

from __future__ import annotations

import csv
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("frictionless")

from xxgk import dataset  # noqa: E402
from xxgk.model import Cell  # noqa: E402
from xxgk.synth import layouts, make_report  # noqa: E402


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("validate")
    src = root / "in"
    src.mkdir()
    for i in range(3):
        report = make_report(random.Random(60 + i))
        if i == 2:  # a report that breaks a rule (a row total one too high): findings
            appeals = report.table("appeals")
            appeals.set("review", "total", Cell.of(appeals.value("review", "total") + 1))  # type: ignore[union-attr,operator]
        (src / f"r{i}.txt").write_text(layouts.write(report, "tab"), encoding="utf-8")
    dataset.build([str(src)], root / "pkg", jobs=1)
    return root / "pkg"


@pytest.fixture
def pkg(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "pkg"
    shutil.copytree(built, copy)
    return copy


def _rewrite_csv(path: Path, change) -> None:  # noqa: ANN001
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    change(rows)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)


def _refresh_hash(pkg: Path, name: str) -> None:
    """Re-record a CSV's size and hash, so only the deeper check can catch the change."""
    from xxgk.dataset.package import file_facts

    descriptor = pkg / "datapackage.json"
    data = json.loads(descriptor.read_text("utf-8"))
    entry = next(r for r in data["resources"] if r["name"] == name)
    entry.update(file_facts(pkg / entry["path"]))
    descriptor.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_a_built_package_is_valid(built: Path) -> None:
    result = dataset.validate(built)
    assert result.valid, result.problems
    assert result.checked["cells"] > 300 and result.checked["reports"] == 3
    assert result.checked["findings"] >= 1


def test_a_cell_of_a_report_that_does_not_exist_is_named(pkg: Path) -> None:
    def orphan(rows: list[list[str]]) -> None:
        rows[5][0] = "0000000000000000"

    _rewrite_csv(pkg / "csv" / "cells.csv", orphan)
    _refresh_hash(pkg, "cells")
    problems = dataset.validate(pkg).problems
    assert any(
        "cells.csv row 6: report_id '0000000000000000' is not in reports" in p for p in problems
    )
    assert any("foreign-key" in p for p in problems)  # frictionless sees it too


def test_an_undocumented_rule_is_named(pkg: Path) -> None:
    def rename(rows: list[list[str]]) -> None:
        rows[1][2] = "no-such-rule"

    _rewrite_csv(pkg / "csv" / "findings.csv", rename)
    _refresh_hash(pkg, "findings")
    problems = dataset.validate(pkg).problems
    assert any("findings.csv row 2: rule 'no-such-rule' is not in rules" in p for p in problems)


def test_a_changed_file_fails_its_recorded_hash(pkg: Path) -> None:
    _rewrite_csv(pkg / "csv" / "sections.csv", lambda rows: rows[1].__setitem__(4, "改过的正文"))
    problems = dataset.validate(pkg).problems
    assert any(p.startswith("sections.csv") and "hash" in p for p in problems), problems


def test_a_bad_value_breaks_the_table_schema(pkg: Path) -> None:
    _rewrite_csv(pkg / "csv" / "cells.csv", lambda rows: rows[3].__setitem__(5, "七"))
    _refresh_hash(pkg, "cells")
    problems = dataset.validate(pkg).problems
    assert any("cells.csv row 4" in p and "type-error" in p for p in problems), problems


def test_parquet_and_sqlite_must_agree_with_the_descriptor(pkg: Path) -> None:
    descriptor = pkg / "datapackage.json"
    data = json.loads(descriptor.read_text("utf-8"))
    entry = next(r for r in data["resources"] if r["name"] == "findings")
    entry["xxgk:rows"] += 1
    descriptor.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    problems = dataset.validate(pkg, rows=False).problems
    assert any(p.startswith("findings.parquet:") and "rows" in p for p in problems)
    assert any(p.startswith("xxgk.db: table findings") for p in problems)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xxgk", *args], capture_output=True, text=True, timeout=300
    )


def test_cli_validate_exit_codes(built: Path, pkg: Path, tmp_path: Path) -> None:
    good = _cli("dataset", "validate", str(built), "--format", "json")
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["valid"] is True
    _rewrite_csv(pkg / "csv" / "sections.csv", lambda rows: rows[1].__setitem__(4, "改"))
    bad = _cli("dataset", "validate", str(pkg))
    assert bad.returncode == 1 and "数据包无效" in bad.stdout
    missing = _cli("dataset", "validate", str(tmp_path / "nowhere"))
    assert missing.returncode == 2
    assert missing.stderr.strip().count("\n") == 0 and "no datapackage.json" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_cli_build_user_errors_are_one_line(tmp_path: Path) -> None:
    nothing = _cli("dataset", "build", str(tmp_path / "missing"), "-o", str(tmp_path / "out"))
    assert nothing.returncode == 2 and nothing.stderr.startswith("xxgk: ")
    assert "no such file or directory" in nothing.stderr and "Traceback" not in nothing.stderr
    stdin = _cli("dataset", "build", "-", "-o", str(tmp_path / "out"))
    assert stdin.returncode == 2 and "not stdin" in stdin.stderr
    assert not (tmp_path / "out").exists()


def test_cli_build_writes_a_package_that_validates(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(layouts.write(make_report(random.Random(9)), "word"), "utf-8")
    out = tmp_path / "pkg"
    done = _cli("dataset", "build", str(src), "-o", str(out), "-j", "1")
    assert done.returncode == 0, done.stderr
    assert "报告 1" in done.stderr
    data = json.loads((out / "datapackage.json").read_text("utf-8"))
    assert data["xxgk"]["command"].startswith("xxgk dataset build ")
    assert _cli("dataset", "validate", str(out)).returncode == 0
