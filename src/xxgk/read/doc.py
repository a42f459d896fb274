"""Word 97–2003 ``.doc`` → Document, through a real converter.

The binary Word format is not worth a parser of our own. Two converters from
Debian's packages are used, best first:

* **LibreOffice** (``soffice --headless --convert-to docx``; Debian package
  ``libreoffice-writer-nogui``): keeps tables with their merged cells, so the
  result goes through :mod:`xxgk.read.docx` and a ``.doc`` parses to exactly the
  same cells as the ``.docx`` it was saved from. About 1–3 s per file, mostly
  start-up. Each conversion gets its own profile directory, so conversions can run
  in parallel.
* **antiword** (package ``antiword``): fast (milliseconds) but prints tables as
  text with ``|`` between cells and no merges; used only when LibreOffice is
  missing. The pipe layout is one the text extractor reads.

Neither installed → :class:`UnsupportedFormat` naming the packages to install.
An OLE file that is an *encrypted* Office document (``EncryptedPackage``), or is
Excel/PowerPoint, is refused with its own clear message.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from xxgk.document import Document
from xxgk.errors import UnreadableSource, UnsupportedFormat

TIMEOUT = 120  # seconds per conversion
INSTALL_HINT = "reading .doc needs LibreOffice or antiword: apt-get install libreoffice-writer-nogui (or antiword)"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _check_ole(data: bytes, path: str | None) -> None:
    """Refuse encrypted Office files and OLE files that are not Word documents."""
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        raise UnreadableSource(
            "Office document is password-protected; save an unprotected copy first", path=path
        )
    if _utf16("WordDocument") not in data:
        raise UnsupportedFormat(
            "an OLE (Office 97–2003) file with no Word document in it (Excel/PowerPoint, or truncated)",
            path=path,
        )


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(data: bytes, path: str | None, soffice: str) -> bytes:
    """``.doc`` bytes → ``.docx`` bytes, in a private temp dir and profile."""
    with tempfile.TemporaryDirectory(prefix="xxgk-doc-") as tmp:
        source = Path(tmp) / "report.doc"
        source.write_bytes(data)
        profile = Path(tmp) / "profile"
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            tmp,
            str(source),
        ]
        _run(command, path, what="LibreOffice")
        target = Path(tmp) / "report.docx"
        if not target.exists():
            raise UnreadableSource(
                "LibreOffice could not convert this .doc (corrupt or protected?)", path=path
            )
        return target.read_bytes()


def convert_with_antiword(data: bytes, path: str | None, antiword: str) -> str:
    """``.doc`` bytes → UTF-8 text (tables as ``|`` rows)."""
    with tempfile.TemporaryDirectory(prefix="xxgk-doc-") as tmp:
        source = Path(tmp) / "report.doc"
        source.write_bytes(data)
        out = _run([antiword, "-m", "UTF-8.txt", "-w", "0", str(source)], path, what="antiword")
        return out.decode("utf-8", errors="replace")


def _run(command: list[str], path: str | None, *, what: str) -> bytes:
    env = {**os.environ, "HOME": os.environ.get("HOME", tempfile.gettempdir())}
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise UnreadableSource(
            f"{what} did not finish converting this .doc within {TIMEOUT} s", path=path
        ) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else f"exit code {done.returncode}"
        raise UnreadableSource(f"{what} could not convert this .doc: {detail}", path=path)
    return done.stdout


def read(data: bytes, path: str | None = None) -> Document:
    _check_ole(data, path)
    soffice = _soffice()
    if soffice:
        from xxgk.read import docx

        return docx.read(convert_with_libreoffice(data, path, soffice), path, fmt="doc")
    antiword = shutil.which("antiword")
    if antiword:
        from xxgk.read.text import to_document

        return to_document(convert_with_antiword(data, path, antiword), path, fmt="doc")
    raise UnsupportedFormat(INSTALL_HINT, path=path)
