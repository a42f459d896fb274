"""Scans → Document: PNG/JPG images and PDF pages without a text layer, by OCR.

The engine is RapidOCR (``rapidocr_onnxruntime``, Apache-2.0): PaddleOCR's Chinese
detection and recognition models converted to ONNX, **shipped inside the wheel**,
run on CPU by onnxruntime, offline. It is an optional extra — ``pip install
'xxgk[ocr]'``; without it, reading a scan fails with one line saying so.

OCR gives text pieces with boxes and confidences. The table rules are found in the
image itself (long runs of dark pixels, rows and columns), so a scanned table gets
the same merged-cell grid as a PDF table drawn with rules (the grid code is
:mod:`xxgk.read.pdf`'s); pieces are placed in cells by their centres. Cells whose
confidence is below 0.8 are recorded in ``Document.low_confidence`` and become
``ocr-low-confidence`` findings.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any

from xxgk.document import Document
from xxgk.errors import UnreadableSource, UnsupportedFormat, missing_extra
from xxgk.read.pdf import Char, PageReader, Rule, build_grid, table_groups

RENDER_SCALE = 2.5  # PDF pages are rendered at 180 dpi for OCR
MAX_PIXELS = 40_000_000  # an image larger than this is refused (decompression bombs)
RULE_MIN_FRACTION = 0.04  # a rule is a dark run at least this share of the image side
DARK = 128
INK_PAD = 8  # px of white around a cell's ink before recognition


@lru_cache(maxsize=1)
def engine() -> Any:
    """The OCR engine (loaded once per process: model loading takes ~1 s)."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        raise missing_extra("ocr", "reading scanned pages and images") from None
    return RapidOCR()


def image_rules(gray: Any, scale: float = 1.0) -> list[Rule]:
    """Horizontal and vertical rules: long runs of dark pixels (numpy, no per-pixel Python)."""
    import numpy as np

    dark = np.asarray(gray) < DARK
    height, width = dark.shape
    rules = [
        Rule(True, y / scale, a / scale, b / scale)
        for y, a, b in _runs(dark, max(20, int(width * RULE_MIN_FRACTION)))
    ]
    rules += [
        Rule(False, x / scale, a / scale, b / scale)
        for x, a, b in _runs(dark.T, max(20, int(height * RULE_MIN_FRACTION)))
    ]
    return rules


def _runs(mask: Any, min_length: int) -> list[tuple[int, int, int]]:
    """``(line index, start, end)`` of every run of True at least ``min_length`` long."""
    import numpy as np

    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    edges = np.diff(padded, axis=1)
    starts = np.argwhere(edges == 1)
    ends = np.argwhere(edges == -1)
    lengths = ends[:, 1] - starts[:, 1]
    keep = lengths >= min_length
    return [
        (int(r), int(a), int(b)) for (r, a), (_r, b) in zip(starts[keep], ends[keep], strict=True)
    ]


def pieces(image: Any, scale: float = 1.0) -> list[Char]:
    """OCR text pieces of an image as :class:`Char` s (box in page units, with score)."""
    import numpy as np

    result, _elapsed = engine()(np.asarray(image.convert("RGB")))
    out = []
    for box, text, score in result or []:
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        out.append(
            Char(
                text,
                min(xs) / scale,
                min(ys) / scale,
                max(xs) / scale,
                max(ys) / scale,
                float(score),
            )
        )
    return out


def ocr_image_lines(image: Any, number: int, reader: PageReader, scale: float = 1.0) -> list:
    """One page image → Lines (rules found in the image, pieces placed in cells)."""
    gray = image.convert("L")
    rules = image_rules(gray, scale)
    found = pieces(image, scale)
    found += missed_cells(gray, rules, found, scale)
    return reader.page(rules, number, found)


def missed_cells(gray: Any, rules: list[Rule], found: list[Char], scale: float) -> list[Char]:
    """Text detection skips short isolated marks — a lone ``0`` in a cell is typical. Each
    ruled cell that holds ink but no detected piece is cropped to its ink and recognised."""
    out = []
    for grid in (build_grid(group) for group in table_groups(rules)):
        if grid is None:
            continue
        filled = {grid.locate(c) for c in found if grid.contains(c)}
        for root in set(grid.root.values()) - filled:
            x0, y0, x1, y1 = (v * scale for v in grid.cell_box(root))
            piece = _recognise_ink(gray, (int(x0) + 4, int(y0) + 4, int(x1) - 3, int(y1) - 3))
            if piece is not None:
                text, score = piece
                out.append(
                    Char(
                        text,
                        (x0 + x1) / 2 / scale - 1,
                        (y0 + y1) / 2 / scale - 1,
                        (x0 + x1) / 2 / scale + 1,
                        (y0 + y1) / 2 / scale + 1,
                        score,
                    )
                )
    return out


def _recognise_ink(gray: Any, box: tuple[int, int, int, int]) -> tuple[str, float] | None:
    """Recognition only (no detection) on the ink of one cell, padded like a text line."""
    import numpy as np
    from PIL import ImageOps

    if box[2] - box[0] < 4 or box[3] - box[1] < 4:
        return None
    crop = gray.crop(box)
    ys, xs = np.nonzero(np.asarray(crop) < DARK)
    if len(xs) < 6:
        return None
    ink = ImageOps.expand(
        crop.crop((xs.min(), ys.min(), xs.max() + 1, ys.max() + 1)), border=INK_PAD, fill=255
    )
    result, _elapsed = engine()(np.asarray(ink.convert("RGB")), use_det=False, use_cls=False)
    if not result or not result[0][0].strip():
        return None
    return result[0][0].strip(), float(result[0][1])


def ocr_pdf_page(page: Any, number: int, reader: PageReader) -> list:
    """A PDF page without a text layer: render it and OCR it (boxes in PDF points)."""
    engine()  # fail fast with the install message before rendering
    bitmap = page.render(scale=RENDER_SCALE, grayscale=True)
    return ocr_image_lines(bitmap.to_pil(), number, reader, RENDER_SCALE)


def read(data: bytes, path: str | None = None) -> Document:
    try:
        engine()
    except UnsupportedFormat as exc:
        raise UnsupportedFormat(exc.message, path=path) from None
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise UnreadableSource(f"not a readable image: {exc}", path=path) from None
    reader = PageReader(path)
    lines = ocr_image_lines(image, 1, reader)
    if not lines:
        raise UnreadableSource("OCR found no text in the image", path=path)
    doc = Document(lines, path=path, format="ocr", low_confidence=reader.low_confidence)
    doc.notes.append("read by OCR: check the cells flagged as low-confidence")
    return doc
