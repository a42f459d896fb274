"""Readers: bytes of any supported format → :class:`xxgk.document.Document`.

The format is sniffed from the bytes, not trusted from the file extension (a
``.doc`` that is really HTML is read as HTML). One module per format, each with
``read(data: bytes, path: str | None) -> Document``.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from xxgk.document import Document
from xxgk.errors import UnreadableSource, UnsupportedFormat

# Bounded work per input (documented in docs/formats.md).
MAX_INPUT_BYTES = 200 * 1024 * 1024

_READERS = {
    "text": "xxgk.read.text",
    "html": "xxgk.read.html",
    "docx": "xxgk.read.docx",
    "doc": "xxgk.read.doc",
    "pdf": "xxgk.read.pdf",
    "image": "xxgk.read.ocr",
    "ofd": "xxgk.read.ofd",
}
# A zip is the format whose marker member it holds; any other zip is tried as DOCX.
_ZIP_MARKERS = (("ofd.xml", "ofd"),)


def sniff(data: bytes) -> str:
    """The format of ``data``: text, html, docx, ofd, doc, pdf or image."""
    head = data[:4096]
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM")):
        return "image"
    probe = head.lower()
    for enc_probe in (probe, probe.replace(b"\x00", b"")):  # UTF-16 HTML too
        if any(
            tag in enc_probe
            for tag in (b"<html", b"<!doctype html", b"<table", b"<body", b"<div", b"<p>", b"<p ")
        ):
            return "html"
    return "text"


def _zip_format(data: bytes) -> str:
    """``ofd`` for a zip holding ``OFD.xml`` at its root, else ``docx`` (whose reader says
    what is wrong with a corrupt archive or a zip that is not a Word document)."""
    try:
        names = {n.lower() for n in zipfile.ZipFile(io.BytesIO(data)).namelist()}
    except Exception:  # any damage: the DOCX reader gives the one-line message
        return "docx"
    return next((fmt for marker, fmt in _ZIP_MARKERS if marker in names), "docx")


def _corrupt_errors(fmt: str) -> tuple[type[BaseException], ...]:
    """Exceptions a format's library raises for a damaged file (evaluated only when one is
    raised, so the library is not imported for nothing)."""
    if fmt == "pdf":
        import pypdfium2

        return (pypdfium2.PdfiumError,)
    return ()


def load(source: str | os.PathLike[str]) -> bytes:
    """Read a file's bytes, turning OS errors into one clear :class:`UnreadableSource`."""
    path = Path(source)
    try:
        if path.is_dir():
            raise UnreadableSource("is a directory, not a report file", path=str(path))
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise UnreadableSource(
                f"file is {size} bytes; the limit is {MAX_INPUT_BYTES}", path=str(path)
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise UnreadableSource("no such file", path=str(path)) from None
    except PermissionError:
        raise UnreadableSource("permission denied", path=str(path)) from None
    except OSError as exc:
        raise UnreadableSource(f"cannot read: {exc.strerror or exc}", path=str(path)) from None


def read_bytes(data: bytes, path: str | None = None, fmt: str | None = None) -> Document:
    """Bytes → Document, with the format sniffed unless ``fmt`` is given."""
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise UnreadableSource("file is empty", path=path)
    fmt = fmt or sniff(data)
    module_name = _READERS.get(fmt)
    if module_name is None:
        raise UnsupportedFormat(f"unsupported format {fmt!r}", path=path)
    import importlib

    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        raise UnsupportedFormat(f"reading {fmt} is not available: {exc}", path=path) from None
    try:
        return module.read(data, path)
    except _corrupt_errors(fmt) as exc:  # e.g. PDFium "Failed to load page" on a damaged page
        raise UnreadableSource(f"corrupt {fmt.upper()} file ({exc})", path=path) from None


def read(source: str | os.PathLike[str] | bytes, name: str | None = None) -> Document:
    """A path (or bytes) → Document."""
    if isinstance(source, bytes):
        return read_bytes(source, name)
    return read_bytes(load(source), name or str(source))
