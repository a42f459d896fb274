"""OFD (GB/T 33190): sniffing, the reader's pieces, hand-made files, hostile files, and the
same report in OFD and in the other editions giving the same cells."""

from __future__ import annotations

import io
import random
import shutil
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import xxgk
from test_render_roundtrip import assert_same, cell_differences
from xxgk import form
from xxgk.errors import UnreadableSource
from xxgk.read import ofd, read_bytes, sniff
from xxgk.synth.ofd import write
from xxgk.synth.reports import make_report

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def _package(pages: list[str], templates: dict[str, str] | None = None, **extra: bytes) -> bytes:
    """A hand-made OFD: page bodies (the Layer's objects) and template pages by ID."""
    templates = templates or {}
    tpl = "".join(f'<ofd:TemplatePage ID="{k}" BaseLoc="Tpls/{k}.xml"/>' for k in templates)
    listed = "".join(
        f'<ofd:Page ID="{i + 10}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages))
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "OFD.xml",
            f"<ofd:OFD {NS}><ofd:DocBody><ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot>"
            "</ofd:DocBody></ofd:OFD>",
        )
        z.writestr(
            "Doc_0/Document.xml",
            f"<ofd:Document {NS}><ofd:CommonData>{tpl}</ofd:CommonData>"
            f"<ofd:Pages>{listed}</ofd:Pages></ofd:Document>",
        )
        for k, body in templates.items():
            z.writestr(
                f"Doc_0/Tpls/{k}.xml",
                f"<ofd:Page {NS}><ofd:Content>{body}</ofd:Content></ofd:Page>",
            )
        for i, body in enumerate(pages):
            z.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", f"<ofd:Page {NS}>{body}</ofd:Page>")
        for name, data in extra.items():
            z.writestr(name.replace("__", "/"), data)
    return buf.getvalue()


def _text(
    x: float, y: float, text: str, size: float = 4, delta: str | None = None, ctm: str = ""
) -> str:
    delta = delta if delta is not None else " ".join(["4"] * (len(text) - 1))
    ctm_attr = f' CTM="{ctm}"' if ctm else ""
    return (
        f'<ofd:TextObject ID="1" Boundary="{x} {y} 100 6" Size="{size}"{ctm_attr}>'
        f'<ofd:TextCode X="0" Y="4" DeltaX="{delta}">{text}</ofd:TextCode></ofd:TextObject>'
    )


def _box(x: float, y: float, w: float, h: float) -> str:
    return (
        f'<ofd:PathObject ID="2" Boundary="{x} {y} {w} {h}"><ofd:AbbreviatedData>'
        f"M 0 0 L {w} 0 L {w} {h} L 0 {h} C</ofd:AbbreviatedData></ofd:PathObject>"
    )


def _layer(*objects: str) -> str:
    return f'<ofd:Content><ofd:Layer ID="3">{"".join(objects)}</ofd:Layer></ofd:Content>'


def test_sniff_tells_ofd_from_docx():
    assert sniff(_package([_layer(_text(10, 10, "报告"))])) == "ofd"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    assert sniff(buf.getvalue()) == "docx"
    assert sniff(b"PK\x03\x04 truncated") == "docx"  # the DOCX reader names the damage


def test_delta_x_repeats_with_g():
    assert ofd.deltas("g 3 1.5 2", 5) == [1.5, 1.5, 1.5, 2.0, None]
    assert ofd.deltas("1e999 abc", 2) == [0.0, None]  # absurd numbers are not positions


def test_a_hand_made_ruled_table_gives_its_cells():
    """Two rows × two columns, ruled; the label in the first column, the number in the second."""
    page = _layer(
        _text(20, 10, "三、收到和处理政府信息公开申请情况"),
        _box(20, 20, 80, 10),
        _box(100, 20, 30, 10),
        _box(20, 30, 80, 10),
        _box(100, 30, 30, 10),
        _text(21, 22, "一、本年新收政府信息公开申请数量", size=2.5, delta="g 15 2.5"),
        _text(101, 22, "12", size=2.5, delta="1.25"),
        _text(21, 32, "二、上年结转政府信息公开申请数量", size=2.5, delta="g 15 2.5"),
        _text(101, 32, "3", size=2.5),
    )
    doc = read_bytes(_package([page]), "hand.ofd")
    assert doc.format == "ofd"
    assert doc.lines[0].text == "三、收到和处理政府信息公开申请情况"
    rows = [[c.text for c in line.cells] for line in doc.lines if line.cells]
    assert rows == [
        ["一、本年新收政府信息公开申请数量", "12"],
        ["二、上年结转政府信息公开申请数量", "3"],
    ]
    first = doc.lines[1].cells[1].source
    assert first.page == 1
    # the number's cell, in points: x 100–130 mm, y 20–30 mm
    assert [round(v / ofd.PT_PER_MM) for v in first.box] == [100, 20, 130, 30]


def test_templates_and_ctm_are_drawn():
    template = _layer(
        _text(20, 280, "索引号：001", delta="g 4 4 2 2"), _text(20, 10, "示例市司法局")
    )
    page = _layer(_text(0, 0, "年度报告", ctm="1 0 0 1 20 30"))
    doc = read_bytes(
        _package(
            [page.replace("<ofd:Content>", '<ofd:Template TemplateID="7"/><ofd:Content>')],
            {"7": template},
        ),
        "tpl.ofd",
    )
    assert [line.text for line in doc.lines] == ["示例市司法局", "年度报告", "索引号：001"]


@pytest.mark.parametrize(
    "parts, words",
    [
        ({"OFD.xml": "<ofd:OFD/>"}, "corrupt OFD (OFD.xml is not well-formed XML)"),
        ({"OFD.xml": f"<ofd:OFD {NS}/>"}, "corrupt OFD (OFD.xml names no document)"),
    ],
)
def test_broken_packages_are_one_line(parts, words):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
    with pytest.raises(UnreadableSource) as err:
        read_bytes(buf.getvalue(), "bad.ofd")
    assert str(err.value) == f"bad.ofd: {words}"


def test_a_missing_page_part_and_a_bzip2_page_are_refused():
    data = _package([_layer(_text(10, 10, "报告"))])
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            if "Page_0" not in info.filename:
                dst.writestr(info, src.read(info))
            else:
                dst.writestr(info.filename, src.read(info), compress_type=zipfile.ZIP_BZIP2)
    with pytest.raises(UnreadableSource, match="compression method 12"):
        read_bytes(broken.getvalue(), "bz.ofd")
    no_page = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(no_page, "w") as dst:
        for info in src.infolist():
            text = src.read(info)
            if info.filename == "Doc_0/Document.xml":
                text = text.replace(b"Page_0/Content", b"Page_9/Content")
            dst.writestr(info, text)
    no_page = no_page.getvalue()
    with pytest.raises(UnreadableSource, match="Page_9/Content.xml is missing"):
        read_bytes(no_page, "gone.ofd")


def test_too_many_pages_is_refused(monkeypatch):
    monkeypatch.setattr(ofd, "MAX_PAGES", 2)
    with pytest.raises(UnreadableSource, match="OFD has 3 pages; the limit is 2"):
        read_bytes(_package([_layer(_text(10, 10, "报告"))] * 3), "long.ofd")


def test_a_table_continued_on_the_next_page_keeps_its_rows():
    report = make_report(random.Random(0), "2021")
    back = xxgk.parse(write(report), name="r.ofd")
    pages = {cell.source.page for _r, _c, cell in back.table("requests").cells()}
    assert pages == {1, 2}  # the writer breaks table 三 across pages for this report
    assert cell_differences(report, back) == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), edition=st.sampled_from(form.EDITIONS))
def test_same_report_same_cells_in_ofd(seed, edition):
    report = make_report(random.Random(seed), edition)
    back = xxgk.parse(write(report), name="report.ofd")
    assert_same(report, back, squeeze=True)
    assert [f for f in back.findings if f.severity == "error"] == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice renders the PDF")
@pytest.mark.parametrize("edition", form.EDITIONS)
def test_the_pdf_and_the_ofd_of_one_report_give_the_same_cells(edition):
    report = make_report(random.Random(7), edition)
    from_pdf = xxgk.parse(xxgk.render(report, "pdf", allow_errors=True), name="r.pdf")
    from_ofd = xxgk.parse(write(report), name="r.ofd")
    assert cell_differences(report, from_pdf) == []
    assert cell_differences(from_pdf, from_ofd) == []
