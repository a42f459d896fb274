"""Safe reading of zip-based inputs (DOCX, OFD, and any reader that opens a zip).

A zip member is read only when

* it is *stored* or *deflated* — the other methods Python's :mod:`zipfile` knows
  (bzip2, LZMA) inflate a whole block in one call, so a cap on the bytes read
  comes too late (a 4 KB bzip2 member can become gigabytes before the first byte
  is returned);
* it is not encrypted and its header is one :mod:`zipfile` can read (a "zip file
  version 8.0" header is refused, not raised);
* its inflated size stays under a cap, whatever its header declares: the member
  is inflated in pieces and reading stops at the cap.

The judgement is the inflated size, never the compression ratio: a repetitive but
legitimate 10 MB ``document.xml`` packs 261:1 and must be read. A caller that
reads several members (OFD pages) shares one :class:`Budget` between them.

Every failure is an :class:`~xxgk.errors.UnreadableSource` naming the file and the member.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from xxgk.errors import UnreadableSource

SAFE_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one inflated member (DOCX document.xml, an OFD page)
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # all members read from one file together
MAX_MEMBERS = 100_000  # entries in the central directory
_PIECE = 1024 * 1024
_CORRUPT = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError)


def size_text(n: int) -> str:
    """``64 MB``, ``97 KB``: sizes in messages."""
    return f"{n // 2**20} MB" if n >= 2**20 else f"{max(n // 1024, 1)} KB"


class Budget:
    """The inflated bytes one input may still produce, shared by its members."""

    def __init__(self, total: int = MAX_TOTAL_BYTES) -> None:
        self.left = total

    def spend(self, n: int) -> bool:
        self.left -= n
        return self.left >= 0


def open_archive(data: bytes, path: str | None, what: str) -> zipfile.ZipFile:
    """The zip archive in ``data``, or UnreadableSource naming ``what`` it should be."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (*_CORRUPT, OverflowError, UnicodeDecodeError):
        raise UnreadableSource(
            f"corrupt or truncated {what} (the zip archive cannot be opened)", path=path
        ) from None
    if len(archive.infolist()) > MAX_MEMBERS:
        raise UnreadableSource(
            f"{what} holds more than {MAX_MEMBERS} zip entries (not a document)", path=path
        )
    return archive


def check_member(info: zipfile.ZipInfo, path: str | None, what: str, limit: int) -> None:
    """Refuse a member before inflating it: method, encryption, declared size."""
    if info.flag_bits & 0x1:
        raise UnreadableSource(f"{what} is encrypted; save it without a password first", path=path)
    if info.compress_type not in SAFE_METHODS:
        raise UnreadableSource(
            f"{what}: {info.filename} uses zip compression method {info.compress_type}; "
            "only stored and deflate are read",
            path=path,
        )
    if info.file_size > limit:
        raise UnreadableSource(
            f"{what}: {info.filename} declares {size_text(info.file_size)} inflated, "
            f"above the {size_text(limit)} limit",
            path=path,
        )


def read_member(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    path: str | None,
    what: str,
    *,
    limit: int = MAX_MEMBER_BYTES,
    budget: Budget | None = None,
) -> bytes:
    """A member's inflated bytes, checked (:func:`check_member`) and capped at ``limit``."""
    check_member(info, path, what, limit)
    out = bytearray()
    try:
        with archive.open(info) as stream:
            while piece := stream.read(_PIECE):
                out += piece
                if len(out) > limit or (budget is not None and not budget.spend(len(piece))):
                    raise UnreadableSource(
                        f"{what}: {info.filename} inflates beyond the {size_text(limit)} limit",
                        path=path,
                    )
    except UnreadableSource:
        raise
    except _CORRUPT:
        raise UnreadableSource(
            f"corrupt or truncated {what} ({info.filename} cannot be inflated)", path=path
        ) from None
    return bytes(out)


def read_named(
    data: bytes,
    name: str,
    path: str | None,
    what: str,
    *,
    limit: int = MAX_MEMBER_BYTES,
) -> bytes | None:
    """One member by name (None when absent) — the one-call form for readers and renderers."""
    archive = open_archive(data, path, what)
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    return read_member(archive, info, path, what, limit=limit)


def check_archive(
    data: bytes, path: str | None, what: str, *, limit: int = MAX_TOTAL_BYTES
) -> None:
    """Refuse an archive before a third-party library (openpyxl) inflates all of it: every
    member stored/deflated and unencrypted, and the declared sizes within ``limit``
    together (zipfile never returns more than a member's declared size)."""
    archive = open_archive(data, path, what)
    total = 0
    for info in archive.infolist():
        check_member(info, path, what, limit)
        total += info.file_size
    if total > limit:
        raise UnreadableSource(
            f"{what} declares {size_text(total)} inflated, above the {size_text(limit)} limit",
            path=path,
        )
