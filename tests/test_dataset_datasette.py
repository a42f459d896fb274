"""Datasette opens xxgk.db with the package's metadata.json: Chinese titles, column labels, the
facets on agency/year/edition (datasette --get: no server, nothing listens)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("datasette")

from xxgk import dataset  # noqa: E402
from xxgk.synth import layouts, make_report  # noqa: E402


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("datasette")
    (root / "in").mkdir()
    for i, year in enumerate((2021, 2022, 2023)):
        report = make_report(random.Random(i), edition="2021", year=year, agency="示例市测试局")
        (root / "in" / f"{year}.txt").write_text(layouts.write(report, "tab"), encoding="utf-8")
    dataset.build([str(root / "in")], root / "pkg", jobs=1)
    return root / "pkg"


def _get(pkg: Path, path: str) -> str:
    cmd = [
        sys.executable,
        "-m",
        "datasette",
        str(pkg / "xxgk.db"),
        "-m",
        str(pkg / "metadata.json"),
        "--get",
        path,
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_metadata_facets_apply(pkg: Path) -> None:
    data = json.loads(_get(pkg, "/xxgk/reports.json"))
    facets = data["facet_results"]
    facets = facets.get("results", facets)
    assert {"agency", "year", "edition"} <= set(facets)
    years = sorted(r["value"] for r in facets["year"]["results"])
    assert years == [2021, 2022, 2023]
    assert data["rows"] and len(data["rows"]) == 3


def test_titles_and_column_labels_are_shown(pkg: Path) -> None:
    page = _get(pkg, "/xxgk/wide_requests")
    assert "收到和处理政府信息公开申请情况：每份报告一行，每个单元格一列" in page
    assert "（一）予以公开 / 自然人" in page  # the form's label of granted.natural_person
    findings = json.loads(_get(pkg, "/xxgk/findings.json"))
    assert "rule" in (findings["facet_results"].get("results", findings["facet_results"]))
