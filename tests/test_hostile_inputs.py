"""Raw exceptions found by fuzzing (issue 12 item 6) and the per-file time limit for work
stuck in C (item 4): the library raises XxgkError, the CLI prints one line and exits 2."""

from __future__ import annotations

import io
import signal
import subprocess
import sys
import time
import zipfile

import pytest

import xxgk
import xxgk.api
from xxgk.batch import Options, run
from xxgk.errors import UnreadableSource


def _pdf_with_a_missing_page() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_compression(False)
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="hello")
    data = bytes(pdf.output())
    assert b"/Kids [3 0 R]" in data
    return data.replace(b"/Kids [3 0 R]", b"/Kids [9 0 R]")  # the page object is gone


def test_pdfium_failing_to_load_a_page_is_unreadable_source():
    with pytest.raises(UnreadableSource) as err:
        xxgk.parse(_pdf_with_a_missing_page(), name="broken.pdf")
    assert str(err.value) == "broken.pdf: corrupt PDF file (Failed to load page.)"


def test_a_long_line_of_text_is_text_not_a_file_name():
    with pytest.raises(xxgk.NotAReport):  # was OSError: File name too long
        xxgk.parse("年" * 100)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "xxgk", "--lang", "en", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _bzip2_docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_BZIP2) as z:
        z.writestr("word/document.xml", "<w:document/>" + " " * 100_000)
    return buf.getvalue()


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("broken.pdf", _pdf_with_a_missing_page(), "corrupt PDF file (Failed to load page.)"),
        ("bz.docx", _bzip2_docx(), "uses zip compression method 12"),
    ],
)
def test_cli_prints_one_line_and_exits_2(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    done = _cli("parse", str(path))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "internal error" not in lines[0]


def _stuck_in_c(source, **kw):
    """Like C code that never returns to the interpreter: the worker's alarm cannot run."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(30)


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_time_limit_holds_for_work_stuck_in_c(monkeypatch, tmp_path, capsys, jobs):
    monkeypatch.setattr(xxgk.api, "parse", _stuck_in_c)
    files = []
    for i in range(jobs):
        files.append(tmp_path / f"r{i}.txt")
        files[-1].write_text("x")
    out = tmp_path / "out.jsonl"
    started = time.monotonic()
    code = run([str(f) for f in files], Options(fmt="jsonl", time_limit=0.5), output=str(out))
    assert time.monotonic() - started < 10  # the worker sleeps 30 s with its alarm blocked
    assert code == 2
    records = out.read_text(encoding="utf-8").splitlines()
    assert len(records) == jobs
    assert all('"type":"TimeLimit"' in r.replace(" ", "") for r in records)
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("xxgk: ")]
    assert len(errors) == jobs and all("0.5" in line for line in errors)
