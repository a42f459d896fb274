"""xxgk.dataset.build: the package from the examples and the seeds, de-duplication, round trips,
reproducibility. Packages are built once per module (a build forks a writer and a pool)."""

from __future__ import annotations

import csv
import json
import random
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("pandas")

import xxgk  # noqa: E402
from xxgk import dataset, form  # noqa: E402
from xxgk.errors import ConfigError  # noqa: E402
from xxgk.model import Cell  # noqa: E402
from xxgk.synth import layouts, make_report  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports"


def read_csv(root: Path, name: str) -> list[dict[str, str]]:
    with open(root / "csv" / f"{name}.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def examples_pkg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("examples") / "pkg"
    dataset.build([str(EXAMPLES)], out, jobs=2, command_line="test")
    return out


@pytest.fixture(scope="module")
def seeds_pkg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import SEEDS_DIR

    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed reports not found at {SEEDS_DIR}")
    out = tmp_path_factory.mktemp("seeds") / "pkg"
    dataset.build([str(SEEDS_DIR)], out, jobs=2)
    return out


# --------------------------------------------------------------------------- validity


def test_examples_package_validates(examples_pkg: Path) -> None:
    result = dataset.validate(examples_pkg)
    assert result.valid, result.problems
    for name in ("reports", "cells", "findings", "sections", "wide_requests", "wide_appeals"):
        assert (examples_pkg / "csv" / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        assert (examples_pkg / "parquet" / f"{name}.parquet").is_file()
    assert (examples_pkg / "xxgk.db").is_file() and (examples_pkg / "metadata.json").is_file()


def test_seeds_package_validates(seeds_pkg: Path, seeds_dir: Path) -> None:
    result = dataset.validate(seeds_pkg)
    assert result.valid, result.problems
    sources = read_csv(seeds_pkg, "sources")
    assert len(sources) == len(list(seeds_dir.iterdir())) == 4
    assert {s["status"] for s in sources} == {"report"}


def test_examples_are_two_reports_each_in_five_formats(examples_pkg: Path) -> None:
    """examples/make.sh renders each edition's YAML to docx/html/pdf/md/txt: five files, one report."""
    reports = read_csv(examples_pkg, "reports")
    assert sorted(r["year"] for r in reports) == ["2020", "2022"]
    for r in reports:
        files = json.loads(r["sources"])
        stem = "example-2019" if r["year"] == "2020" else "example-2021"
        assert sorted(Path(f).name for f in files) == sorted(
            f"{stem}.{ext}" for ext in ("docx", "html", "md", "pdf", "txt")
        )
        assert r["source_count"] == "5" and r["conflict"] == "false"
    statuses = sorted(s["status"] for s in read_csv(examples_pkg, "sources"))
    assert statuses == ["report"] * 2 + ["same_content"] * 8


def test_package_records_version_command_and_hashes(examples_pkg: Path) -> None:
    data = json.loads((examples_pkg / "datapackage.json").read_text("utf-8"))
    assert data["xxgk"]["version"] == xxgk.__version__ and data["xxgk"]["command"] == "test"
    import hashlib

    for src in read_csv(examples_pkg, "sources"):
        assert src["sha256"] == hashlib.sha256(Path(src["file"]).read_bytes()).hexdigest()
    cells = next(r for r in data["resources"] if r["name"] == "cells")
    assert cells["schema"]["primaryKey"] == ["report_id", "table_key", "row_key", "column_key"]
    fields = {f["name"]: f for f in cells["schema"]["fields"]}
    assert fields["value"]["type"] == "integer" and fields["amount"]["type"] == "number"
    assert fields["value"]["description"] == "数值（件数） / value (counts)"
    wide = next(r for r in data["resources"] if r["name"] == "wide_requests")
    label = {f["name"]: f.get("title") for f in wide["schema"]["fields"]}
    assert label["granted.natural_person"] == "（一）予以公开 / 自然人"


# --------------------------------------------------------------------------- round trips


def _parsed_cells(path: Path) -> set[tuple]:
    report = xxgk.parse(path)
    return {
        (t.name, r, c, cell.raw, cell.value)
        for t in report.tables.values()
        if t
        for r, c, cell in t.cells()
    }


def _value(row) -> object:  # noqa: ANN001
    import pandas as pd

    if row.amount is not None and not pd.isna(row.amount):
        return Decimal(row.amount).normalize()
    return None if pd.isna(row.value) else int(row.value)


def _package_cells(df, rid: str) -> set[tuple]:  # noqa: ANN001
    rows = df[df.report_id == rid].itertuples()
    return {(r.table_key, r.row_key, r.column_key, r.raw, _value(r)) for r in rows}


def _normal(cells: set[tuple]) -> set[tuple]:
    return {
        (*c[:4], Decimal(c[4]).normalize() if isinstance(c[4], Decimal) else c[4]) for c in cells
    }


def test_round_trip_seeds_package_to_dataframe_equals_parse(seeds_pkg: Path) -> None:
    df = dataset.cells(seeds_pkg)
    for src in read_csv(seeds_pkg, "sources"):
        assert _package_cells(df, src["report_id"]) == _normal(_parsed_cells(Path(src["file"])))


def test_round_trip_made_reports_keep_every_value(tmp_path: Path) -> None:
    """Reports made from data (known values, not the parser's output) → text → package →
    the wide tables hold exactly the made values."""
    made = {}
    for i in range(6):
        report = make_report(random.Random(40 + i), agency=f"测试县第{i}局")
        (tmp_path / "in").mkdir(exist_ok=True)
        name = tmp_path / "in" / f"r{i}.txt"
        name.write_text(layouts.write(report, layouts.LAYOUTS[i % 5]), encoding="utf-8")
        made[name.name] = report
    dataset.build([str(tmp_path / "in")], tmp_path / "pkg", jobs=1)
    reports = read_csv(tmp_path / "pkg", "reports")
    source = {r["report_id"]: Path(r["source"]).name for r in reports}
    for table in form.TABLES:
        wide = dataset.wide(tmp_path / "pkg", table=table)
        assert len(wide) == 6
        for row in wide.to_dict("records"):
            expected = made[source[row["report_id"]]].table(table)
            for r, c, cell in expected.cells():
                got = row[f"{r}.{c}"]
                assert got == cell.value, (table, r, c)


# --------------------------------------------------------------------------- de-duplication


def _write_made(path: Path, report, kind: str) -> None:  # noqa: ANN001
    path.write_bytes(xxgk.render(report, kind))


def test_same_bytes_is_one_report_parsed_once(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    text = layouts.write(make_report(random.Random(7)), "tab")
    for name in ("a.txt", "copy-of-a.txt"):
        (src / name).write_text(text, encoding="utf-8")
    dataset.build([str(src)], tmp_path / "pkg", jobs=1)
    reports = read_csv(tmp_path / "pkg", "reports")
    assert len(reports) == 1 and reports[0]["source_count"] == "2"
    by_name = {Path(s["file"]).name: s for s in read_csv(tmp_path / "pkg", "sources")}
    assert by_name["a.txt"]["status"] == "report"
    assert by_name["copy-of-a.txt"]["status"] == "same_bytes"
    assert by_name["copy-of-a.txt"]["same_as"] == by_name["a.txt"]["file"]
    assert by_name["copy-of-a.txt"]["report_id"] == reports[0]["report_id"]
    assert len(read_csv(tmp_path / "pkg", "cells")) == int(reports[0]["cells"]) > 100


def test_html_page_and_its_pdf_are_one_report(tmp_path: Path) -> None:
    report = make_report(random.Random(11), edition="2021", year=2023, agency="示例市测试局")
    src = tmp_path / "in"
    src.mkdir()
    _write_made(src / "page.html", report, "html")
    try:
        _write_made(src / "attachment.pdf", report, "pdf")
    except xxgk.XxgkError as exc:  # the PDF renderer needs LibreOffice
        pytest.skip(f"no PDF renderer here: {exc}")
    dataset.build([str(src)], tmp_path / "pkg", jobs=2)
    reports = read_csv(tmp_path / "pkg", "reports")
    assert len(reports) == 1, reports
    assert sorted(Path(f).name for f in json.loads(reports[0]["sources"])) == [
        "attachment.pdf",
        "page.html",
    ]
    statuses = {Path(s["file"]).name: s["status"] for s in read_csv(tmp_path / "pkg", "sources")}
    assert statuses == {"attachment.pdf": "report", "page.html": "same_content"}
    cells = read_csv(tmp_path / "pkg", "cells")
    assert len(cells) == sum(1 for t in report.tables.values() if t for _ in t.cells())


def test_two_different_versions_are_kept_and_flagged(tmp_path: Path) -> None:
    first = make_report(random.Random(5), edition="2021", year=2022, agency="示例市测试局")
    second = make_report(random.Random(5), edition="2021", year=2022, agency="示例市测试局")
    old = second.table("appeals").value("review", "pending")  # type: ignore[union-attr]
    # a corrected re-publication: one more case pending (row total follows, still balanced)
    second.table("appeals").set("review", "pending", Cell.of(old + 1))  # type: ignore[union-attr]
    total = second.table("appeals").value("review", "total")  # type: ignore[union-attr]
    second.table("appeals").set("review", "total", Cell.of(total + 1))  # type: ignore[union-attr]
    src = tmp_path / "in"
    src.mkdir()
    (src / "v1.txt").write_text(layouts.write(first, "tab"), encoding="utf-8")
    (src / "v2.txt").write_text(layouts.write(second, "tab"), encoding="utf-8")
    dataset.build([str(src)], tmp_path / "pkg", jobs=1)
    reports = read_csv(tmp_path / "pkg", "reports")
    assert len(reports) == 2
    assert all(r["conflict"] == "true" and r["versions"] == "2" for r in reports)
    assert len({r["report_id"] for r in reports}) == 2
    rows = read_csv(tmp_path / "pkg", "wide_appeals")
    pending = sorted(int(r["review.pending"]) for r in rows)
    assert pending == [old, old + 1]
    assert dataset.validate(tmp_path / "pkg").valid


def test_unreadable_file_is_listed_and_the_rest_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (src / "good.txt").write_text(layouts.write(make_report(random.Random(3)), "word"), "utf-8")
    dataset.build([str(src)], tmp_path / "pkg", jobs=1)
    by_name = {Path(s["file"]).name: s for s in read_csv(tmp_path / "pkg", "sources")}
    assert by_name["broken.pdf"]["status"] == "unreadable" and by_name["broken.pdf"]["error"]
    assert by_name["broken.pdf"]["report_id"] == ""
    assert by_name["good.txt"]["status"] == "report"
    assert dataset.validate(tmp_path / "pkg").valid


# --------------------------------------------------------------------------- reproducibility, output


def test_building_twice_gives_byte_identical_csv_and_parquet(tmp_path: Path) -> None:
    dataset.build([str(EXAMPLES)], tmp_path / "one", jobs=2, command_line="same")
    dataset.build([str(EXAMPLES)], tmp_path / "two", jobs=1, command_line="same")
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*.*"))
    data = [f for f in files if f.suffix in (".csv", ".parquet", ".json")]
    assert len(data) == 2 * 10 + 2
    for f in data:
        assert (tmp_path / "one" / f).read_bytes() == (tmp_path / "two" / f).read_bytes(), f


def test_an_earlier_package_is_replaced_but_other_directories_are_not(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(layouts.write(make_report(random.Random(1)), "pipe"), "utf-8")
    dataset.build([str(src)], tmp_path / "pkg", jobs=1)
    (src / "b.txt").write_text(layouts.write(make_report(random.Random(2)), "pipe"), "utf-8")
    dataset.build([str(src)], tmp_path / "pkg", jobs=1)
    assert len(read_csv(tmp_path / "pkg", "reports")) == 2
    other = tmp_path / "notes"
    other.mkdir()
    (other / "mine.txt").write_text("keep me", "utf-8")
    with pytest.raises(ConfigError, match="not overwriting"):
        dataset.build([str(src)], other, jobs=1)
    assert (other / "mine.txt").read_text("utf-8") == "keep me"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".xxgk-dataset-")]
    shutil.rmtree(other)


def test_a_file_named_twice_is_one_source(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(layouts.write(make_report(random.Random(8)), "tab"), "utf-8")
    dataset.build([str(src), str(src / "a.txt")], tmp_path / "pkg", jobs=1)
    assert len(read_csv(tmp_path / "pkg", "sources")) == 1
    assert len(read_csv(tmp_path / "pkg", "reports")) == 1
