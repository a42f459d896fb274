"""PDF: the DOCX rendering converted by LibreOffice headless.

Each conversion runs in its own temporary directory, under a timeout so a hung
converter cannot hang a batch, with a LibreOffice profile (``-env:UserInstallation``)
private to this process: parallel processes never share a profile lock, and later
conversions in the same process skip the ~2 s of creating a profile. Conversions within
one process are serialised by a lock (one profile, one soffice at a time).
"""

from __future__ import annotations

import atexit
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from xxgk.errors import UnsupportedFormat, XxgkError
from xxgk.model import Report

TIMEOUT_S = 120
MISSING = "rendering PDF needs LibreOffice: apt-get install libreoffice-writer-nogui"
_LOCK = threading.Lock()
_PROFILE: list[Path] = []


def _profile() -> Path:
    """This process's LibreOffice profile directory, removed when the process exits."""
    if not _PROFILE:
        path = Path(tempfile.mkdtemp(prefix="xxgk-lo-profile-"))
        atexit.register(shutil.rmtree, path, True)
        _PROFILE.append(path)
    return _PROFILE[0]


def converter() -> str:
    """The LibreOffice executable, or UnsupportedFormat with the install command."""
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    raise UnsupportedFormat(MISSING)


def render(report: Report, *, timeout: float = TIMEOUT_S, **_options) -> bytes:
    from xxgk.render import docx

    return docx_to_pdf(docx.render(report, fonts=docx.PDF_FONTS), timeout=timeout)


def docx_to_pdf(data: bytes, *, timeout: float = TIMEOUT_S) -> bytes:
    """Convert DOCX bytes to PDF bytes with LibreOffice."""
    exe = converter()
    with _LOCK, tempfile.TemporaryDirectory(prefix="xxgk-pdf-") as tmp:
        work = Path(tmp)
        source = work / "report.docx"
        source.write_bytes(data)
        command = [
            exe,
            f"-env:UserInstallation={_profile().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        _run(command, timeout)
        target = work / "out" / "report.pdf"
        if not target.is_file():
            raise XxgkError("LibreOffice did not produce a PDF (is the DOCX damaged?)")
        return target.read_bytes()


def _run(command: list[str], timeout: float) -> None:
    try:
        subprocess.run(
            command, capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired as exc:
        raise XxgkError(
            f"LibreOffice did not finish converting to PDF within {timeout:.0f} s"
        ) from exc
    except OSError as exc:
        raise UnsupportedFormat(f"{MISSING} ({exc})") from exc
