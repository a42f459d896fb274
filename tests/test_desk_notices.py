"""Notices (文书): each letter opened with python-docx and read; the answer's wording and
cited article follow the outcome; an office's own template replaces the shipped one."""

from __future__ import annotations

import io

import pytest
from docx import Document

from xxgk.errors import LedgerError
from xxgk.ledger import model as m
from xxgk.ledger.book import Ledger
from xxgk.ledger.notices import render
from xxgk.ledger.notices.wording import ANSWERS


def text_of(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


@pytest.fixture
def book(tmp_path):
    b = Ledger.init(tmp_path / "n.db", "示例市司法局", unit="320812001")
    b.add(
        "R1",
        "natural_person",
        "2024-09-25",
        applicant="张三",
        description='2023年<道路>维修"合同"',
    )
    yield b
    b.close()


def test_answer_cites_the_article_of_its_outcome(book):
    book.event("R1", "answered", "2024-10-08", {"outcome": "unavailable.not_held"})
    text = text_of(render(book, "R1", "答复书").content)
    assert "政府信息公开申请答复书" in text
    assert "张三：" in text
    assert "本机关于2024年9月25日收到" in text
    assert "《中华人民共和国政府信息公开条例》第三十六条第（四）项的规定" in text
    assert "该政府信息不存在" in text
    assert '2023年<道路>维修"合同"' in text  # escaped into the XML, read back as typed
    assert "示例市司法局" in text and "2024年10月8日" in text
    assert "编号：R1" in text


@pytest.mark.parametrize(
    ("outcome", "cited"),
    [
        ("granted", "第三十六条第（二）项"),
        ("partially_granted", "第三十七条"),
        ("denied.state_secret", "第十四条、第三十六条第（三）项"),
        ("denied.third_party", "第十五条、第三十六条第（三）项"),
        ("denied.process_info", "第十六条第二款、第三十六条第（三）项"),
        ("denied.administrative_query", "第三十六条第（七）项"),
        ("unavailable.needs_creation", "第三十八条"),
        ("unavailable.still_unclear", "第三十条"),
        ("not_processed.petition", "第三十九条第一款"),
        ("not_processed.repeated", "第三十六条第（六）项"),
        ("not_processed.publication", "第三十九条第二款"),
        ("not_processed.excessive", "第三十五条"),
        ("other.no_correction", "第三十条"),
        ("other.unpaid_fee", "第四十二条"),
    ],
)
def test_each_outcome_has_its_article(book, outcome, cited):
    book.event("R1", "answered", "2024-10-08", {"outcome": outcome})
    text = text_of(render(book, "R1", "answer").content)
    assert f"条例》{cited}" in text
    assert ANSWERS[outcome].decision in text


def test_every_outcome_is_worded():
    assert set(ANSWERS) == set(m.OUTCOMES)
    assert len({a.decision for a in ANSWERS.values()}) == len(ANSWERS)


def test_not_this_agencys_names_the_responsible_one(book):
    book.event(
        "R1",
        "answered",
        "2024-10-08",
        {"outcome": "unavailable.not_held", "responsible": "市住建局"},
    )
    text = text_of(render(book, "R1", "answer").content)
    assert "第三十六条第（五）项" in text and "市住建局" in text


def test_correction_extension_consultation_letters(book):
    book.event("R1", "extended", "2024-10-20", {"days": 15})
    text = text_of(render(book, "R1", "延期答复告知书").content)
    assert "第三十三条第二款" in text and "延长15个工作日" in text
    # 20th working day after 2024-09-25 is 2024-10-28; 15 more working days → 2024-11-18
    assert "本机关将于2024年11月18日前作出答复" in text
    book.add("R2", "commercial", "2024-09-25", applicant="某公司")
    book.event("R2", "correction_requested", "2024-09-27", {"items": "请写明文件名称"})
    text = text_of(render(book, "R2", "correction").content)
    assert "第三十条" in text and "请写明文件名称" in text and "某公司：" in text
    book.event("R2", "correction_received", "2024-09-30")
    book.event("R2", "consultation_started", "2024-10-08", {"party": "third_party", "name": "李四"})
    text = text_of(render(book, "R2", "consultation").content)
    # 15th working day after Tuesday 2024-10-08 (Saturday 10-12 is a make-up workday): 10-28
    assert "李四：" in text and "第三十二条" in text and "2024年10月28日前" in text


def test_a_letter_before_its_step_is_refused(book):
    with pytest.raises(LedgerError, match="record extended first"):
        render(book, "R1", "extension")
    with pytest.raises(LedgerError, match="no 答复书 yet"):
        render(book, "R1", "answer")
    with pytest.raises(LedgerError, match="unknown notice"):
        render(book, "R1", "letter")


def test_office_template_replaces_the_shipped_one(book, tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    doc = Document()
    doc.add_paragraph("本局专用抬头 {{ applicant }} {{ citation }}")
    doc.save(own / "answer.docx")
    book.set_setting("notice_templates", str(own))
    book.event("R1", "answered", "2024-10-08", {"outcome": "granted"})
    text = text_of(render(book, "R1", "answer").content)
    assert text.startswith(
        "本局专用抬头 张三 根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定"
    )
    text = text_of(render(book, "R1", "answer", templates=tmp_path / "none").content)
    assert "政府信息公开申请答复书" in text  # a directory without the file: the shipped one
