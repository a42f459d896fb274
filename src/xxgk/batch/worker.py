"""One task → one :class:`Outcome`. Runs in a worker process (or in-process for one file).

Nothing escapes as an exception: an :class:`~xxgk.errors.XxgkError` becomes an error record
with its message and type; anything unexpected becomes an error record saying "internal error"
with the exception type, so one strange file never stops a batch. A file that takes longer than
the per-file time limit becomes an error record too: the worker's own alarm (``SIGALRM``) stops
Python-level work, and the supervising parent (:mod:`xxgk.batch.pool`) kills a worker whose
work is stuck in C. A file that needs more memory than the per-file limit becomes a
``MemoryLimit`` record.
"""

from __future__ import annotations

import signal
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from xxgk.batch.discover import Task
from xxgk.errors import XxgkError
from xxgk.model import Report
from xxgk.output import check_record, error_record, prepare, render

MEMORY_MB = 3072  # per worker process: a 16 MB HTML page peaks near 1 GB (docs/formats.md)


class TimeLimit(BaseException):
    """Raised inside a parse that ran out of time. A BaseException, so a broad ``except
    Exception`` in parsing code cannot swallow it."""


@dataclass(frozen=True, slots=True)
class Options:
    """What a worker needs to know: what to make of a report and how to write it."""

    fmt: str = "jsonl"
    command: str = "parse"  # parse | check
    lang: str = "zh"
    time_limit: float = 120.0  # seconds per file; 0 = none
    memory_mb: int | None = MEMORY_MB  # heap per worker process (RLIMIT_DATA); None = none
    keep_record: bool = False  # file formats need the record (prepared), text formats the text
    debug: bool = False
    reraise: bool = False  # one file in-process with --debug: let the traceback through
    previous: str | None = None  # last year's report, for the cross-year rules X1–X3


@dataclass(slots=True)
class Outcome:
    file: str
    text: str | None = None
    prepared: Any = None  # what a file sink needs (output.prepare), None for text formats
    error: dict[str, Any] | None = None
    findings: list[tuple[str, str]] = field(default_factory=list)  # (rule, severity)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise TimeLimit

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@lru_cache(maxsize=4)
def _previous(path: str) -> Report:
    """Last year's report, parsed once per worker process."""
    from xxgk.api import parse
    from xxgk.render.inputs import data_report

    return data_report(Path(path)) or parse(Path(path), check=False)


def _report(task: Task, previous: str | None = None) -> dict[str, Any]:
    from xxgk.api import check, parse
    from xxgk.render.inputs import data_report

    source = task.data if task.data is not None else Path(task.name)
    data = data_report(source, task.name)  # a workbook, Report JSON, YAML, TOML: as render reads
    if data is not None:
        report = data
        report.findings = check(report, previous=_previous(previous) if previous else None)
    elif previous is None:
        report = parse(source, name=task.name)
    else:
        report = parse(source, name=task.name, check=False)
        report.findings = check(report, previous=_previous(previous))
    report.meta.file = task.name
    return report.to_dict()


def _attempt(task: Task, opts: Options) -> dict[str, Any]:
    """The record for ``task``: a report, or an error record."""
    if task.error:
        return error_record(task.name, task.error, "NotAReport")
    try:
        with time_limit(opts.time_limit):
            return _report(task, opts.previous)
    except XxgkError as exc:
        if opts.reraise:
            raise
        return error_record(task.name, exc.message, type(exc).__name__, exc.message_zh)
    except TimeLimit:
        return time_limit_record(task, opts)
    except MemoryError:
        return error_record(
            task.name,
            f"needs more memory than the per-file limit of {opts.memory_mb} MB",
            "MemoryLimit",
        )
    except Exception as exc:
        if opts.reraise:
            raise
        if opts.debug:
            traceback.print_exc()
        return error_record(
            task.name, f"internal error ({type(exc).__name__}): {exc}", "InternalError"
        )


def time_limit_record(task: Task, opts: Options) -> dict[str, Any]:
    return error_record(
        task.name, f"took longer than the time limit of {opts.time_limit:g} s", "TimeLimit"
    )


def process(task: Task, opts: Options) -> Outcome:
    """Parse (and check) one input and render it for the output format."""
    record = _attempt(task, opts)
    return outcome_of(task, record, opts)


def outcome_of(task: Task, record: dict[str, Any], opts: Options) -> Outcome:
    """A record rendered for the output format."""
    if record.get("schema") == "xxgk/error/1":
        text = render(record, opts.fmt, lang=opts.lang)
        return Outcome(task.name, text, _prepared(record, opts), record)
    findings = [(f["rule"], f["severity"]) for f in record.get("findings") or ()]
    if opts.command == "check":
        record = check_record(record)
    text = render(record, opts.fmt, lang=opts.lang, command=opts.command)
    return Outcome(task.name, text, _prepared(record, opts), None, findings)


def _prepared(record: dict[str, Any], opts: Options) -> Any:
    return prepare(record, opts.fmt) if opts.keep_record else None


def process_chunk(opts: Options, tasks: list[Task]) -> list[Outcome]:
    """A chunk of tasks, so that pool messages are few even for tiny files."""
    return [process(t, opts) for t in tasks]
