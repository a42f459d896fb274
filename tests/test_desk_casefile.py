"""Case files, personal data and the deadline explained (library level)."""

from __future__ import annotations

import csv
import io
import zipfile

import pdfplumber
import pytest
from docx import Document

from ledger_support import db_target  # noqa: F401  (fixture)
from xxgk.errors import LedgerError
from xxgk.ledger import approval as ap
from xxgk.ledger import casefile, personal
from xxgk.ledger.book import Ledger
from xxgk.ledger.explain import explain
from xxgk.ledger.importer import export


@pytest.fixture
def book(db_target):  # noqa: F811
    b = Ledger.init(db_target, "示例市司法局", unit="A1")
    b.add("R1", "natural_person", "2024-09-25", applicant="张三丰", description="合同")
    yield b
    b.close()


def test_case_file_holds_letters_timeline_trail_and_a_pdf_index(book):
    with pytest.raises(LedgerError, match="only a closed request"):
        casefile.build(book, "R1")
    book.set_setting("approval", "required")
    book.event("R1", "extended", "2024-10-20", {"days": 10})
    ap.draft(book, "R1", "granted", "2024-10-28", by="王")
    ap.review(book, "R1", "2024-10-29", by="李")
    ap.secrecy_review(book, "R1", "2024-10-29", by="李")
    ap.sign(book, "R1", "2024-10-30", by="赵")
    name, content = casefile.build(book, "R1", by="王")
    assert name == "R1-案卷.zip"
    z = zipfile.ZipFile(io.BytesIO(content))
    assert sorted(z.namelist()) == sorted(
        [
            "目录.pdf",
            "时间线.csv",
            "审批记录.csv",
            "文书/R1-延期答复告知书.docx",
            "文书/R1-答复书.docx",
        ]
    )
    answer = Document(io.BytesIO(z.read("文书/R1-答复书.docx")))
    assert any("第三十六条第（二）项" in p.text for p in answer.paragraphs)
    trail = list(csv.reader(io.StringIO(z.read("审批记录.csv").decode("utf-8-sig"))))
    assert [(r[1], r[3]) for r in trail[1:]] == [
        ("拟办", "王"),
        ("审核", "李"),
        ("保密审查", "李"),
        ("签发", "赵"),
    ]
    timeline = list(csv.reader(io.StringIO(z.read("时间线.csv").decode("utf-8-sig"))))
    assert [r[1] for r in timeline[1:]][-2:] == ["签发", "作出答复"]
    with pdfplumber.open(io.BytesIO(z.read("目录.pdf"))) as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert "政府信息公开申请案卷目录（R1）" in text and "示例市司法局" in text
    assert "文书/R1-答复书.docx" in text and "签发" in text
    assert book.show("R1").state.events[-1].kind == "archived"


def test_personal_data_masked_audited_and_never_exported(book):
    personal.set_contact(
        book,
        "R1",
        {"id_number": "32081219900101123X", "phone": "13812345678", "email": "zs@example.cn"},
        by="王",
    )
    masked = personal.masked_contact(book, "R1")
    assert (masked.name, masked.id_number, masked.phone, masked.email) == (
        "张**",
        "3208**********123X",
        "138****5678",
        "z***@example.cn",
    )
    full = personal.view_contact(book, "R1", viewer="王")
    assert full.id_number == "32081219900101123X"
    from xxgk.store import audit

    entries = audit.entries(store=book.store, target="request:A1/R1")
    assert [(e.actor, e.action) for e in entries] == [("王", "request.view_personal")]
    assert "1990" not in str(entries[0].detail)
    exported = export(book)
    assert exported is not None
    for secret in ("张三丰", "13812345678", "32081219900101123X", "zs@example.cn"):
        assert secret not in exported
    with pytest.raises(LedgerError, match="18位"):
        personal.set_contact(book, "R1", {"id_number": "12345"}, by="王")
    assert personal.mask_name("某某科技有限公司") == "某某科技****"


def test_deadline_explained_day_by_day(book):
    # received Wed 2024-09-25; consultation 10-09 .. 10-15 pauses the clock; hand count:
    # 09-26 1, 09-27 2, 09-28 Sat, 09-29 Sun make-up 3, 09-30 4, 10-01..07 National Day (10-05/06
    # weekend), 10-08 5, 10-09 6 (the day it went out still counts), 10-10 .. 10-15 paused
    # (10-10, 10-11, 10-12 make-up Sat, 10-14, 10-15: 5 working days), then 10-16 7 … 20th = 11-04
    book.event("R1", "consultation_started", "2024-10-09", {"party": "third_party"})
    book.event("R1", "consultation_ended", "2024-10-15")
    x = explain(book.show("R1").state, book.calendar)
    assert x["due"] == "2024-11-04"
    days = {d["day"]: d for d in x["days"]}
    assert days["2024-09-29"]["kind"] == "makeup_workday" and days["2024-09-29"]["number"] == 3
    assert days["2024-10-01"]["note"] == "国庆节" and not days["2024-10-01"]["counted"]
    assert days["2024-10-09"]["number"] == 6
    assert [d for d in days if days[d]["kind"] == "paused"] == [
        "2024-10-10",
        "2024-10-11",
        "2024-10-12",
        "2024-10-14",
        "2024-10-15",
    ]
    assert days["2024-10-16"]["number"] == 7 and days["2024-11-04"]["number"] == 20
    assert (x["counted"], x["paused_workdays"]) == (20, 5)
    assert x["skipped_holiday"] == 5  # 10-01..10-04 and 10-07 (10-05, 10-06 are weekend days)
