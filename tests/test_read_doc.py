"""Word 97–2003 .doc: converted by LibreOffice (or antiword), else a clear message."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from formatgen import to_docx
from xxgk.errors import UnreadableSource, UnsupportedFormat, XxgkError
from xxgk.read import doc as doc_reader
from xxgk.read import read, read_bytes
from xxgk.synth.reports import make_report

FIXTURE = (
    Path(__file__).parent / "fixtures" / "formats" / "report-2019.doc"
)  # LibreOffice's .doc of the DOCX below


def _signature(document):
    return [
        (line.text, [(c.text, c.span, c.source.col) for c in line.cells] if line.cells else None)
        for line in document.lines
    ]


def test_doc_reads_like_the_docx_it_was_saved_from():
    source = make_report(random.Random(2019), "2019", 2019, "示例市司法局")
    expected = read_bytes(to_docx(source), "report.docx")
    got = read(FIXTURE)
    assert got.format == "doc"
    # LibreOffice adds a 1-twip grid column to the appeals table; spans must not count it.
    assert _signature(got) == _signature(expected)


def test_doc_without_any_converter_names_what_to_install(monkeypatch):
    monkeypatch.setattr(doc_reader.shutil, "which", lambda name: None)
    with pytest.raises(UnsupportedFormat) as err:
        read(FIXTURE)
    assert str(err.value) == f"{FIXTURE}: {doc_reader.INSTALL_HINT}"
    assert "apt-get install" in str(err.value)


def test_antiword_fallback_reads_the_text(monkeypatch):
    monkeypatch.setattr(doc_reader, "_soffice", lambda: None)
    got = read(FIXTURE)
    assert got.format == "doc"
    assert any("示例市司法局2019年政府信息公开工作年度报告" in line.text for line in got.lines)
    assert any(line.text.startswith("|规章") for line in got.lines)  # tables as | rows


def test_encrypted_office_file_is_refused():
    fake = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le")
    )
    with pytest.raises(UnreadableSource, match="password-protected"):
        read_bytes(fake, "secret.docx")


def test_ole_file_that_is_not_word():
    fake = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "Workbook".encode("utf-16-le")
    with pytest.raises(UnsupportedFormat, match="no Word document in it"):
        read_bytes(fake, "book.xls")


def test_truncated_doc_is_one_clear_error():
    with pytest.raises(XxgkError) as err:
        read_bytes(FIXTURE.read_bytes()[:3000], "cut.doc")
    assert str(err.value).startswith("cut.doc: an OLE (Office 97–2003) file with no Word document")


def test_garbled_doc_is_one_clear_error():
    data = bytearray(FIXTURE.read_bytes())
    data[512:40000] = b"\x5a" * (40000 - 512)  # the streams destroyed, the directory kept
    with pytest.raises(XxgkError) as err:
        read_bytes(bytes(data), "garbled.doc")
    assert str(err.value).startswith("garbled.doc: ")
