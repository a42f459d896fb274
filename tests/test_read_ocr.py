"""OCR (xxgk[ocr]): a rendered table image → cells; low confidence → findings."""

from __future__ import annotations

import pytest

from formatgen import table_image
from xxgk.errors import UnreadableSource, UnsupportedFormat
from xxgk.model import Cell, Meta, Report, Source, Table
from xxgk.read import ocr, read_bytes
from xxgk.rules import run

APPEALS = [
    ["行政复议", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
    ["", "3", "0", "1", "", "4"],
    ["复议后起诉", "12", "5", "0", "7", "24"],
]


@pytest.fixture(scope="module")
def scanned():
    png = table_image(
        APPEALS, [200, 150, 150, 150, 150, 120], title="四、政府信息公开行政复议、行政诉讼情况"
    )
    return read_bytes(png, "scan.png")


def test_table_image_reads_to_cells_with_empty_cells_kept(scanned):
    assert scanned.format == "ocr"
    assert scanned.lines[0].text == "四、政府信息公开行政复议、行政诉讼情况"
    rows = [[c.text for c in line.cells] for line in scanned.lines if line.cells is not None]
    assert rows == APPEALS  # the lone "0" cells too: cells the detector misses are recognised alone


def test_cells_know_their_box_in_the_image(scanned):
    row = [line for line in scanned.lines if line.cells][2]
    x0, top, x1, bottom = row.cells[1].source.box  # "12": second column of the third row
    assert (round(x0), round(x1)) == (220, 370)
    assert 56 + 2 * 56 - 2 <= top <= 56 + 2 * 56 + 2
    assert row.cells[1].source.describe() == "第1页"


def test_rules_found_in_the_image_form_one_grid():
    import io

    from PIL import Image

    from xxgk.read.pdf import build_grid, table_groups

    png = table_image([["a", "b"], ["c", "d"]], [100, 100])
    rules = ocr.image_rules(Image.open(io.BytesIO(png)).convert("L"))
    grids = [build_grid(g) for g in table_groups(rules)]
    assert len(grids) == 1
    assert len(grids[0].xs) == 3 and len(grids[0].ys) == 3


def test_missing_extra_gives_the_install_line(monkeypatch):
    from xxgk.errors import missing_extra

    def missing():
        raise missing_extra("ocr", "reading scanned pages and images")

    monkeypatch.setattr(ocr, "engine", missing)
    with pytest.raises(UnsupportedFormat) as err:
        read_bytes(table_image([["规章"]], [100]), "scan.png")
    assert str(err.value) == (
        "scan.png: reading scanned pages and images needs an optional extra: install xxgk[ocr]  (pip install 'xxgk[ocr]')"
    )


def test_broken_image_is_one_clear_error():
    png = table_image([["规章"]], [100])
    with pytest.raises(UnreadableSource) as err:
        read_bytes(png[:60], "cut.png")
    assert str(err.value).startswith("cut.png: not a readable image")


def test_low_confidence_cells_become_findings_naming_the_cell():
    box = (370.0, 112.0, 520.0, 168.0)
    table = Table("appeals", "2021")
    table.set("review", "other", Cell("0", 0, source=Source(page=1, box=box)))
    report = Report(
        Meta(
            extra={
                "low_confidence": [
                    {"source": {"page": 1, "box": list(box)}, "raw": "0", "score": 0.5}
                ]
            }
        )
    )
    report.tables["appeals"] = table
    found = [f for f in run(report) if f.rule == "ocr-low-confidence"]
    assert len(found) == 1
    f = found[0]
    assert (f.severity, f.table, f.row, f.column) == ("warning", "appeals", "review", "other")
    assert f.message == "第1页“0”为扫描件识别结果，置信度仅 0.50，请与原件核对"
    assert f.numbers == {"score": 0.5}


def test_low_confidence_accepts_reader_tuples_and_is_not_repeated():
    entry = (Source(page=2, box=(1.0, 2.0, 3.0, 4.0)), "8", 0.61)
    report = Report(Meta(extra={"low_confidence": [entry]}))
    found = [f for f in run(report) if f.rule == "ocr-low-confidence"]
    assert [(f.table, f.message_en) for f in found] == [
        (None, "page 2: '8' was read by OCR with confidence 0.61; check it against the original")
    ]
    report.findings = found  # as parse() leaves them: check() recomputes, never repeats
    import xxgk

    assert len([f for f in xxgk.check(report) if f.rule == "ocr-low-confidence"]) == 1


def test_reader_low_confidence_reaches_findings_once_end_to_end():
    """Document.low_confidence (what the OCR reader records) → extract → check: one finding
    per unsure piece, and checking a checked report again does not repeat it."""
    from pathlib import Path

    import xxgk
    from xxgk.extract import extract
    from xxgk.model import Source
    from xxgk.read.text import to_document

    text = (Path(__file__).resolve().parents[1] / "examples/reports/example-2021.txt").read_text(
        "utf-8"
    )
    doc = to_document(text, "scan.png")
    doc.low_confidence = [(Source(page=1, box=(10.0, 20.0, 30.0, 40.0)), "8", 0.42)]
    report = extract(doc)
    assert report.meta.extra["low_confidence"][0]["score"] == 0.42
    first = [f for f in xxgk.check(report) if f.rule == "ocr-low-confidence"]
    assert len(first) == 1 and first[0].numbers.get("score", 0.42) == 0.42
    report.findings = xxgk.check(report)
    again = [f for f in xxgk.check(report) if f.rule == "ocr-low-confidence"]
    assert len(again) == 1
