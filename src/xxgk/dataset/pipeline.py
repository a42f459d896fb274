"""``build(inputs, output)``: a pile of report files → a data package directory.

1. Every input file is hashed (SHA-256); a file with the same bytes as an earlier one is not
   parsed again.
2. The other files are parsed and checked on every core by :func:`xxgk.batch.run` (its
   progress bar, time limit and error lines included), writing JSON lines into a pipe;
3. a second process reads the pipe as the lines come and writes the package
   (:mod:`~xxgk.dataset.consume`), so parsing and writing overlap and nothing is held.
4. ``datapackage.json`` and Datasette's ``metadata.json`` are written last
   (:mod:`~xxgk.dataset.package`), and the finished directory replaces ``output``.

A package is built in a temporary directory beside ``output`` and moved into place only when
complete: an interrupted build leaves any earlier package as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from xxgk.dataset.consume import Input, consume
from xxgk.errors import ConfigError, missing_extra

RESULT = "result.json"
FAILED = "failed.txt"


@dataclass
class BuildResult:
    path: Path
    files: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    status: dict[str, int] = field(default_factory=dict)  # sources by status
    conflicts: int = 0
    seconds: float = 0.0

    def format(self) -> str:
        s = self.status
        return (
            f"数据包 {self.path}：文件 {self.files}  报告 {self.rows.get('reports', 0)}  "
            f"字节相同 {s.get('same_bytes', 0)}  内容相同 {s.get('same_content', 0)}  "
            f"无法读取 {s.get('unreadable', 0)}  版本冲突的报告 {self.conflicts}  "
            f"单元格 {self.rows.get('cells', 0)}  用时 {self.seconds:.1f} 秒"
        )


def require() -> None:
    """pyarrow is in the ``data`` extra."""
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise missing_extra("data", "xxgk dataset") from None


def _hash(path: str) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def hash_inputs(inputs: Sequence[str]) -> list[Input]:
    """Every input file with its SHA-256, in the batch's order; byte-duplicates marked."""
    from xxgk.batch import discover

    if "-" in inputs:
        raise ConfigError("xxgk dataset build reads files and directories, not stdin (-)")
    for item in inputs:
        if not os.path.exists(item):
            raise ConfigError(f"{item}: no such file or directory")
    seen: dict[str, str] = {}
    out, names = [], set()
    for task in discover(inputs):
        if task.name in names:  # the same file named twice (a file and its directory)
            continue
        names.add(task.name)
        if task.error:
            out.append(Input(task.name, None, None, error=task.error))
            continue
        try:
            sha, size = _hash(task.name)
        except OSError as exc:
            out.append(Input(task.name, None, None, error=exc.strerror or str(exc)))
            continue
        out.append(Input(task.name, sha, size, same_as=seen.get(sha)))
        seen.setdefault(sha, task.name)
    return out


def _prepare_output(output: Path) -> Path:
    if output.exists() and not output.is_dir():
        raise ConfigError(f"cannot write the package to {output}: it is a file")
    if output.is_dir() and any(output.iterdir()) and not (output / "datapackage.json").exists():
        raise ConfigError(
            f"{output} is not empty and holds no datapackage.json: not overwriting it"
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".xxgk-dataset-", dir=output.parent))


def _install(work: Path, output: Path) -> None:
    if output.exists():
        shutil.rmtree(output)
    os.replace(work, output)


def _consumer(source: str, root: str, inputs: list[Input]) -> None:
    """The writing process: the pipe → the package; the outcome in a file of ``root``."""
    try:
        with open(source, encoding="utf-8") as fh:
            counts = consume(fh, Path(root), inputs)
        Path(root, RESULT).write_text(json.dumps(counts), encoding="utf-8")
    except BaseException as exc:  # reported by the parent as one line
        Path(root, FAILED).write_text(f"{type(exc).__name__}: {exc}", encoding="utf-8")
        raise SystemExit(1) from None


def _release(fifo: str) -> None:
    """Give the reader its end of file when the batch never opened the pipe."""
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return
    os.close(fd)


def _parse(
    files: list[str], fifo: str, *, jobs: int | None, quiet: bool, time_limit: float
) -> None:
    from xxgk.batch import Options, run

    opts = Options(fmt="jsonl", time_limit=time_limit)
    with contextlib.suppress(BrokenPipeError):  # the writer stopped; its own message says why
        run(files, opts, output=fifo, jobs=jobs, quiet=quiet)


def _pipeline(work: Path, inputs: list[Input], **kw: object) -> dict[str, int]:
    files = [i.file for i in inputs if i.same_as is None and i.error is None]
    fifo = str(work / "records.jsonl")
    if not hasattr(os, "mkfifo"):  # no pipes: parse to a file, then write the package
        _parse(files, fifo, **kw)  # type: ignore[arg-type]
        _consumer(fifo, str(work), inputs)
    else:
        os.mkfifo(fifo)
        method = "fork" if sys.platform.startswith("linux") else "spawn"
        proc = multiprocessing.get_context(method).Process(  # type: ignore[attr-defined]
            target=_consumer, args=(fifo, str(work), inputs), daemon=True
        )
        proc.start()
        try:
            _parse(files, fifo, **kw)  # type: ignore[arg-type]
        finally:
            _release(fifo)
            proc.join()
    os.unlink(fifo)
    failed = work / FAILED
    if failed.exists() or not (work / RESULT).exists():
        reason = failed.read_text("utf-8") if failed.exists() else "the writing process died"
        raise ConfigError(f"the package could not be written: {reason}")
    counts = json.loads((work / RESULT).read_text("utf-8"))
    (work / RESULT).unlink()
    return counts


def build(
    inputs: Sequence[str],
    output: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    quiet: bool = True,
    time_limit: float = 120.0,
    command_line: str | None = None,
) -> BuildResult:
    """Parse, check and de-duplicate ``inputs`` (files and directories) into a data package
    at ``output`` → what was built. ``command_line`` is recorded in ``datapackage.json``."""
    from xxgk.dataset.package import write_metadata

    require()
    started, target = time.perf_counter(), Path(output)
    work = _prepare_output(target)
    try:
        inputs_ = hash_inputs(list(inputs))
        counts = _pipeline(work, inputs_, jobs=jobs, quiet=quiet, time_limit=time_limit)
        summary = write_metadata(work, counts, inputs_, command_line=command_line)
        _install(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return BuildResult(
        target,
        files=len(inputs_),
        rows=counts,
        status=summary["sources"],
        conflicts=summary["conflicts"],
        seconds=time.perf_counter() - started,
    )
