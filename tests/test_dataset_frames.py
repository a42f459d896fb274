"""Notebook helpers: xxgk.dataset.cells/wide/findings as typed DataFrames; Report._repr_html_
with findings marked; Report.to_frame(); the exact message when the data extra is missing."""

from __future__ import annotations

import builtins
import random
from decimal import Decimal
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

import xxgk  # noqa: E402
from xxgk import dataset  # noqa: E402
from xxgk.errors import UnsupportedFormat  # noqa: E402
from xxgk.model import Cell, Report  # noqa: E402
from xxgk.synth import layouts, make_report  # noqa: E402


def _broken() -> Report:
    """A 2021 report whose appeals row 行政复议 total is one too high (rule appeals-total)."""
    report = make_report(random.Random(1), edition="2021", year=2023, agency="示例<市>测试局")
    appeals = report.table("appeals")
    assert appeals is not None
    appeals.set("review", "total", Cell.of(appeals.value("review", "total") + 1))  # type: ignore[operator]
    return report


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    root = tmp_path_factory.mktemp("frames")
    (root / "in").mkdir()
    made = _broken()
    (root / "in" / "broken.txt").write_text(layouts.write(made, "tab"), encoding="utf-8")
    other = make_report(random.Random(2), edition="2019", year=2020)
    (root / "in" / "other.txt").write_text(layouts.write(other, "word"), encoding="utf-8")
    dataset.build([str(root / "in")], root / "pkg", jobs=1)
    return root / "pkg", made


def test_cells_are_typed_and_labelled(pkg: tuple[Path, Report]) -> None:
    path, made = pkg
    df = xxgk.dataset.cells(path)
    assert str(df["value"].dtype) == "Int64"
    fees = df[
        (df.agency == "示例<市>测试局") & (df.row_key == "fees") & (df.column_key == "amount")
    ]
    assert len(fees) == 1
    amount = fees["amount"].iloc[0]
    assert isinstance(amount, Decimal)
    assert amount == made.table("active").value("fees", "amount")  # type: ignore[union-attr]
    assert pd.isna(fees["value"].iloc[0])
    granted = df[
        (df.row_key == "granted") & (df.column_key == "natural_person") & (df.year == 2023)
    ]
    assert granted["label"].iloc[0] == "（一）予以公开 / 自然人"
    assert granted["value"].iloc[0] == made.table("requests").value("granted", "natural_person")  # type: ignore[union-attr]


def test_wide_is_one_row_per_report(pkg: tuple[Path, Report]) -> None:
    path, made = pkg
    wide = xxgk.dataset.wide(path, table="requests")
    assert len(wide) == 2 and wide["report_id"].is_unique
    row = wide[wide.year == 2023].iloc[0]
    assert row["new_received.total"] == made.table("requests").value("new_received", "total")  # type: ignore[union-attr]
    assert str(wide["new_received.total"].dtype) == "Int64"
    # a 2021 report has no 2019-only row: the column is there, the value is missing
    assert pd.isna(row["other.natural_person"])
    with pytest.raises(xxgk.ConfigError, match="unknown table"):
        xxgk.dataset.wide(path, table="nope")


def test_findings_frame_names_the_rule(pkg: tuple[Path, Report]) -> None:
    df = xxgk.dataset.findings(pkg[0])
    hit = df[df.rule == "appeals-total"]
    assert len(hit) == 1 and hit["row_key"].iloc[0] == "review" and hit["year"].iloc[0] == 2023


def test_repr_html_marks_the_finding_and_escapes_text() -> None:
    report = xxgk.parse(layouts.write(_broken(), "tab"))
    html = report._repr_html_()
    assert html.count("<table>") == 3
    assert "示例&lt;市&gt;测试局" in html and "示例<市>" not in html
    marked = [part for part in html.split("<td")[1:] if part.startswith(' class="error"')]
    assert len(marked) == 5  # the 行政复议 row: upheld, corrected, other, pending, total
    assert all("[appeals-total]" in part for part in marked)
    assert "收到和处理政府信息公开申请情况" in html


def test_to_frame_is_every_printed_cell() -> None:
    report = xxgk.parse(layouts.write(make_report(random.Random(4)), "pipe"))
    df = report.to_frame()
    printed = [
        (t.name, r, c, cell.raw) for t in report.tables.values() if t for r, c, cell in t.cells()
    ]
    assert list(zip(df.table_key, df.row_key, df.column_key, df.raw, strict=True)) == printed
    assert df["label"].notna().all()


def test_missing_extra_gives_the_install_message(monkeypatch: pytest.MonkeyPatch, pkg) -> None:  # noqa: ANN001
    real = builtins.__import__

    def no_pandas(name: str, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if name.split(".")[0] in ("pandas", "pyarrow"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(UnsupportedFormat, match=r"install xxgk\[data\]"):
        xxgk.dataset.cells(pkg[0])
    with pytest.raises(UnsupportedFormat, match=r"install xxgk\[data\]"):
        xxgk.dataset.build(["x"], "y")
