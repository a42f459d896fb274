"""``xxgk office collect``: the files an office already has (any format xxgk reads), each
matched to a unit by its parsed agency, the unit's aliases and former names, and the file
name — normalised, fuzzy only where one unit fits. Unmatched and ambiguous files are listed,
never guessed; two different reports for one unit-year are both kept and flagged."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from xxgk.office.errors import OfficeError
from xxgk.office.ingest import Ingested, ingest
from xxgk.office.names import build_index
from xxgk.store import Store
from xxgk.store import units as uq

MAX_FILE_BYTES = 200 * 1024 * 1024


def files_in(paths: list[str | os.PathLike[str]]) -> Iterator[Path]:
    """Every regular, non-hidden file under ``paths``, in sorted order."""
    for p in map(Path, paths):
        if p.is_file():
            yield p
        elif p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f
        else:
            raise OfficeError("没有这个文件或目录", path=str(p))


def collect(
    *,
    store: Store,
    paths: list[str | os.PathLike[str]],
    year: int | None = None,
    progress: Callable[[Ingested], None] | None = None,
) -> list[Ingested]:
    """Collect every file under ``paths`` for ``year`` (else the year each report prints)."""
    units = uq.list_units(store=store)
    if not units:
        raise OfficeError("还没有单位：先运行 xxgk office units import FILE")
    index = build_index([(u.code, u.name) for u in units], uq.all_aliases(store=store), year)
    out = []
    for path in files_in(paths):
        item = _one(store, path, year, index)
        out.append(item)
        if progress:
            progress(item)
    return out


def _one(store: Store, path: Path, year: int | None, index) -> Ingested:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Ingested(str(path), "failed", message=f"文件过大（{size} 字节）")
        content = path.read_bytes()
    except OSError as exc:
        return Ingested(str(path), "failed", message=f"无法读取：{exc.strerror}")
    if not content:
        return Ingested(str(path), "failed", message="空文件")
    source = str(path.resolve())
    return ingest(
        store=store,
        content=content,
        name=path.name,
        source=source,
        source_kind="file",
        year=year,
        index=index,
    )
