"""Plain text: decode the bytes (encoding detected from the bytes) into lines."""

from __future__ import annotations

import codecs
import re

from xxgk.document import Document, Line
from xxgk.errors import UnreadableSource

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: many NULs in alternate positions."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    for enc, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros > half * 0.2:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


# Control characters other than whitespace, and the replacement character: signs of binary.
_BAD_CHAR = re.compile(r"[\x00-\x08\x0e-\x1f\ufffd]")


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return True
    bad = len(_BAD_CHAR.findall(sample))  # counted in C, not per character in Python
    return bad > max(8, len(sample) // 50)


def decode(data: bytes, path: str | None = None) -> tuple[str, str]:
    """``(text, encoding)``: BOM, UTF-16 by NUL pattern, strict UTF-8, then GB18030."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                break
    text = _utf16_without_bom(data)
    if text is not None and not _looks_binary(text):
        return text, "utf-16"
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if not _looks_binary(text):
            return text, enc
    raise UnreadableSource(
        "not text in any supported encoding (UTF-8, GBK/GB18030, UTF-16): binary or garbled",
        path=path,
    )


def to_document(text: str, path: str | None = None, fmt: str = "text") -> Document:
    """Text → Document with one plain line per input line (1-based line numbers)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [Line(t, None, None, i) for i, t in enumerate(text.split("\n"), 1)]  # lazy sources
    if path is not None:
        for line in lines:
            line.source.file = path
    return Document(lines, path=path, format=fmt)


def read(data: bytes, path: str | None = None) -> Document:
    text, _encoding = decode(data, path)
    return to_document(text, path)
