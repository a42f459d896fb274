"""Issue 12 item 18: the PDF in a serif CJK font (body and digits alike), headers wrapped
between words. Read back from the real PDF LibreOffice writes (pdfplumber: each character's
font and position)."""

from __future__ import annotations

import io
import shutil
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from xxgk.render import docx, render
from xxgk.render.inputs import load

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")


@pytest.fixture(scope="module")
def pdf() -> pdfplumber.PDF:
    report = load(ROOT / "examples" / "data" / "example-2021.yaml")
    return pdfplumber.open(io.BytesIO(render(report, "pdf")))


def _fonts(chars: list[dict]) -> Counter:
    return Counter(c["fontname"].split("+")[-1].split("-")[0] for c in chars if c["text"].strip())


def test_body_and_table_digits_are_one_serif_cjk_font(pdf: pdfplumber.PDF) -> None:
    chars = [c for page in pdf.pages for c in page.chars if c["text"].strip()]
    fonts = _fonts(chars)
    assert set(fonts) <= {"NotoSerifCJKjp", "NotoSerifCJKsc", "NotoSansCJKjp", "NotoSansCJKsc"}, (
        fonts
    )
    digits = _fonts([c for c in chars if c["text"].isdigit()])
    assert all(name.startswith("NotoSerifCJK") for name in digits), digits
    serif = sum(n for name, n in fonts.items() if name.startswith("NotoSerif"))
    assert serif > 0.8 * sum(fonts.values())  # headings (黑体) are the sans; the rest serif


def test_headings_are_the_sans_cjk_font(pdf: pdfplumber.PDF) -> None:
    page = pdf.pages[0]
    text = page.extract_text()
    assert "一、总体情况" in text
    words = page.extract_words(extra_attrs=["fontname"])
    heading = next(w for w in words if w["text"].startswith("一、总体情况"))
    assert "NotoSansCJK" in heading["fontname"]


def test_column_headers_wrap_between_words(pdf: pdfplumber.PDF) -> None:
    page = next(p for p in pdf.pages if "申请人情况" in (p.extract_text() or ""))
    lines = (page.extract_text() or "").splitlines()
    joined = "\n".join(lines)
    assert "商业企" not in joined and "社会公益组" not in joined and "法律服务机" not in joined
    assert any("商业" in ln and "企业" not in ln for ln in lines)
    assert any("企业" in ln and "商业" not in ln for ln in lines)


def test_wrap_label_breaks_only_between_two_character_words() -> None:
    assert docx.wrap_label("商业企业", 3) == ["商业", "企业"]
    assert docx.wrap_label("社会公益组织", 3) == ["社会", "公益", "组织"]
    assert docx.wrap_label("社会公益组织", 4) == ["社会公益", "组织"]
    assert docx.wrap_label("自然人", 3) == ["自然人"]
    assert docx.wrap_label("法人或其他组织", 20) == ["法人或其他组织"]
    assert docx.wrap_label("ABC DEF", 3) == ["ABC DEF"]  # not Chinese: left to the layout


def test_docx_keeps_the_government_fonts() -> None:
    report = load(ROOT / "examples" / "data" / "example-2021.yaml")
    data = render(report, "docx")
    import zipfile

    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode("utf-8")
    assert 'w:eastAsia="仿宋_GB2312"' in styles and "Noto" not in styles
