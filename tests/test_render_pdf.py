"""PDF through LibreOffice: a real PDF with the text, the provenance, a clear error without it."""

from __future__ import annotations

import subprocess

import pytest

import xxgk
from render_support import sample
from xxgk.errors import UnsupportedFormat
from xxgk.render import content, pdf


def test_pdf_has_every_label_and_the_checksum(tmp_path):
    report = sample("2021", seed=3)
    data = xxgk.render(report, "pdf")
    assert data.startswith(b"%PDF-")
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert content.checksum(report) in info  # LibreOffice carries the DOCX keywords over
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    squeezed = "".join(text.split())
    for label in (
        "申请人情况",
        "法人或其他组织",
        "本年收费金额（单位：万元）",
        "未经复议直接起诉",
        "3.危及“三安全一稳定”",
    ):
        assert label in squeezed, label
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 2 <= pages <= 4
    assert "-1-" in squeezed and f"-{pages}-" in squeezed  # the footer's page numbers


def test_missing_converter_says_what_to_install(monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(UnsupportedFormat, match="apt-get install libreoffice-writer-nogui"):
        xxgk.render(sample("2019"), "pdf")
