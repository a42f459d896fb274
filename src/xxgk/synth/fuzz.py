"""Seeded mutations of valid inputs in every format, for the fuzz test and benchmark.

``bases(report, pdf)`` gives one valid file per format (text, html, docx, pdf, xlsx, ofd);
``mutate(data, rng, fmt)`` damages one the ways files get damaged or made hostile: bytes
flipped, inserted, deleted, duplicated, truncated, "interesting" values written in (huge
numbers, ``1e999``, NUL, deep tags); for zip formats, half the time a member is mutated
inside and the archive rebuilt (so the damage reaches the XML instead of stopping at a CRC),
sometimes with another compression method or a lying header.

``outcome(name, data)`` runs the CLI's per-file work (:func:`xxgk.batch.worker.process`) and
says how it ended: ``report``, an error type (``UnreadableSource``, ``NotAReport`` …) or
``InternalError`` — a crash, the one thing fuzzing must never find.
"""

from __future__ import annotations

import io
import random
import zipfile

from xxgk.model import Report

FORMATS = ("text", "html", "docx", "pdf", "xlsx", "ofd")
_INTERESTING = (
    b"9" * 400,
    b"1e999999",
    b"-1",
    b"\x00",
    b"\xff\xfe",
    b"NaN",
    b"<div>" * 64,
    b"<table><tr><td rowspan=99999 colspan=99999>",
    "年".encode() * 200,
    b"%PDF-1.7",
    b"PK\x03\x04",
    b"]]>",
    b"&#xFFFF;&#0;",
)


def bases(report: Report, pdf: bytes) -> dict[str, tuple[str, bytes]]:
    """One valid file per format: ``fmt → (file name, bytes)``."""
    from xxgk.render import docx, html, workbook
    from xxgk.synth import layouts, ofd

    return {
        "text": ("report.txt", layouts.write(report, "tab").encode("utf-8")),
        "html": ("report.html", html.render(report)),
        "docx": ("report.docx", docx.render(report)),
        "pdf": ("report.pdf", pdf),
        "xlsx": ("report.xlsx", workbook.write(report)),
        "ofd": ("report.ofd", ofd.write(report)),
    }


def _bytes_mutation(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return rng.choice(_INTERESTING)
    buf = bytearray(data)
    kind = rng.randrange(7)
    at = rng.randrange(len(buf))
    if kind == 0:
        for _ in range(rng.randint(1, 8)):
            buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
    elif kind == 1:
        buf[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    elif kind == 2:
        del buf[at : at + rng.randint(1, 256)]
    elif kind == 3:
        piece = buf[at : at + rng.randint(1, 512)]
        buf[at:at] = piece * rng.randint(1, 8)
    elif kind == 4:
        del buf[at:]
    elif kind == 5:
        value = rng.choice(_INTERESTING)
        buf[at : at + len(value)] = value
    else:
        digits = [i for i in range(at, min(len(buf), at + 4096)) if 48 <= buf[i] <= 57]
        for i in digits[: rng.randint(1, 6)]:
            buf[i : i + 1] = rng.choice((b"99999999999", b"1e999", b"-", b"."))
    return bytes(buf)


def mutate(data: bytes, rng: random.Random, fmt: str) -> bytes:
    """One damaged variant of ``data`` (a valid file of format ``fmt``)."""
    if fmt in ("docx", "xlsx", "ofd") and rng.random() < 0.5:
        return _zip_mutation(data, rng)
    out = data
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        out = _bytes_mutation(out, rng)
    return out


def _zip_mutation(data: bytes, rng: random.Random) -> bytes:
    """A member mutated inside the archive, which is then written again."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        members = [(info, src.read(info)) for info in src.infolist()]
    target = rng.randrange(len(members))
    method = rng.choice(
        [zipfile.ZIP_DEFLATED] * 8 + [zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for i, (info, content) in enumerate(members):
            if i == target:
                content = _bytes_mutation(content, rng)
                dst.writestr(info.filename, content, compress_type=method)
            else:
                dst.writestr(info, content)
    out = buf.getvalue()
    return _bytes_mutation(out, rng) if rng.random() < 0.2 else out


def outcome(name: str, data: bytes, time_limit: float = 0) -> str:
    """How the CLI's per-file work ends on ``data``: ``report`` or the error record's type."""
    from xxgk.batch.discover import Task
    from xxgk.batch.worker import Options, process

    result = process(Task(name, data=data), Options(fmt="jsonl", time_limit=time_limit))
    return "report" if result.error is None else str(result.error["type"])


def crash_detail(name: str, data: bytes) -> str:
    """The error line of a crash (for a failing test's message)."""
    from xxgk.batch.discover import Task
    from xxgk.batch.worker import Options, process

    result = process(Task(name, data=data), Options(fmt="jsonl", time_limit=0))
    return str(result.error["error"]) if result.error else ""
