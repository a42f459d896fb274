"""Hostile zips (issue 12 items 3, 6, 10): refused in one clear line, quickly, in bounded
memory — and a legitimate repetitive document is not mistaken for a bomb."""

from __future__ import annotations

import io
import resource
import struct
import time
import zipfile

import pytest

import xxgk
from xxgk.errors import UnreadableSource
from xxgk.read import read_bytes, ziplimits

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(xml: bytes, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(zipfile.ZipInfo("word/document.xml"), xml, compress_type=method)
    return buf.getvalue()


def _document(paragraphs: list[str], grid: str = "") -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return f'<w:document xmlns:w="{W}"><w:body>{grid}{body}</w:body></w:document>'.encode()


def _patch_sizes(data: bytes, size: int) -> bytes:
    """Rewrite every header's uncompressed size of word/document.xml to ``size`` (a lying
    header, as a hand-made bomb has)."""
    out = bytearray(data)
    name = b"word/document.xml"
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = out.find(sig)
        while at != -1:
            name_at = at + (30 if sig == b"PK\x03\x04" else 46)
            if out[name_at : name_at + len(name)] == name:
                out[at + offset : at + offset + 4] = struct.pack("<I", size)
            at = out.find(sig, at + 4)
    return bytes(out)


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_bzip2_or_lzma_document_with_a_lying_size_is_refused_before_inflating(method):
    # 80 MB of zeros packs into a few KB; the header claims 937 bytes.
    payload = b"<w:t>" + b"0" * (80 * 2**20) + b"</w:t>"
    data = _patch_sizes(_docx(payload, method), 937)
    assert len(data) < 200_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    with pytest.raises(UnreadableSource) as err:
        read_bytes(data, "bomb.docx")
    assert time.monotonic() - started < 1.0
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 50
    message = str(err.value)
    assert message.startswith("bomb.docx: ") and "\n" not in message
    assert f"compression method {method}" in message and "only stored and deflate" in message


def test_a_deflated_member_inflating_past_its_lying_header_stops_at_the_header():
    """zipfile never returns more than the declared size, so the cap holds; the CRC then
    fails and the file is corrupt, not a traceback."""
    data = _patch_sizes(_docx(_document(["报告"] * 200_000)), 1000)
    with pytest.raises(UnreadableSource, match="cannot be inflated"):
        read_bytes(data, "lying.docx")


def test_declared_size_above_the_cap_is_refused_without_inflating(monkeypatch):
    monkeypatch.setattr(ziplimits, "_PIECE", 1)  # any inflating would take minutes
    data = _patch_sizes(_docx(_document(["报告"])), 200 * 2**20)
    started = time.monotonic()
    with pytest.raises(UnreadableSource, match="declares 200 MB inflated, above the 64 MB"):
        read_bytes(data, "big.docx")
    assert time.monotonic() - started < 1.0


def test_a_repetitive_10_mb_document_at_261_to_1_is_read():
    """Issue 12 item 10: a legitimate document is judged by its inflated size, not its ratio."""
    row = "<w:p><w:r><w:t>一、本年新收政府信息公开申请数量</w:t></w:r></w:p>"
    count = 10 * 2**20 // len(row.encode())
    xml = f'<w:document xmlns:w="{W}"><w:body>{row * count}</w:body></w:document>'.encode()
    data = _docx(xml)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    assert info.file_size >= 10 * 2**20 and info.file_size / info.compress_size > 200
    doc = read_bytes(data, "long.docx")
    assert len(doc.lines) == count
    assert doc.lines[-1].text == "一、本年新收政府信息公开申请数量"


def test_corrupt_deflate_data_is_unreadable_not_zlib_error():
    data = bytearray(_docx(_document(["三、收到和处理政府信息公开申请情况"] * 50)))
    start = data.find(b"word/document.xml") + len("word/document.xml")
    for i in range(start + 5, start + 40):
        data[i] ^= 0x5A
    with pytest.raises(UnreadableSource, match="cannot be inflated|cannot be opened"):
        read_bytes(bytes(data), "bad.docx")


def test_zip_version_8_header_is_unreadable_not_not_implemented():
    data = bytearray(_docx(_document(["报告"])))
    at = data.find(b"PK\x01\x02")
    data[at + 6 : at + 8] = struct.pack("<H", 80)  # version needed to extract: 8.0
    with pytest.raises(UnreadableSource, match="cannot be opened"):
        read_bytes(bytes(data), "v8.docx")


def test_an_infinite_grid_column_width_is_read_not_overflow():
    grid = '<w:tbl><w:tblGrid><w:gridCol w:w="1e999999"/><w:gridCol w:w="nan"/></w:tblGrid>'
    grid += "<w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc>"
    grid += "<w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    doc = read_bytes(_docx(_document([], grid)), "wide.docx")
    assert [c.text for c in doc.lines[0].cells] == ["甲", "乙"]


def test_the_library_raises_unreadable_source_for_a_bomb():
    data = _patch_sizes(_docx(b"0" * (8 * 2**20), zipfile.ZIP_BZIP2), 937)
    with pytest.raises(xxgk.UnreadableSource):
        xxgk.parse(data, name="bomb.docx")


def test_check_archive_refuses_what_openpyxl_would_inflate():
    data = _docx(b"<x/>" * 10, zipfile.ZIP_LZMA)
    with pytest.raises(UnreadableSource, match="compression method 14"):
        ziplimits.check_archive(data, "book.xlsx", "XLSX")
    ziplimits.check_archive(_docx(b"<x/>"), "book.xlsx", "XLSX")  # stored/deflate: fine
