"""A batch from inputs to sink: discover, process (pool or in-process), write in input order,
report bad files on stderr as they come, show progress on a terminal, summarise at the end.

Exit code: 2 if any input could not be read (after processing all the others), else 1 if any
report has an error finding, else 0.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

import click

from xxgk.batch.discover import Task, discover, is_batch
from xxgk.batch.solo import cores, run_one
from xxgk.batch.summary import Summary
from xxgk.batch.worker import (
    Options,
    Outcome,
    outcome_of,
    process,
    process_chunk,
    time_limit_record,
)
from xxgk.output import FILE_FORMATS, error_record, open_sink
from xxgk.output.jsonout import dumps
from xxgk.output.records import error_line


def _crashed(opts: Options, task: Task) -> Outcome:
    record = error_record(
        task.name,
        "internal error (WorkerDied): the worker process died while reading this file",
        "InternalError",
    )
    return outcome_of(task, record, opts)


def _timed_out(opts: Options, task: Task) -> Outcome:
    return outcome_of(task, time_limit_record(task, opts), opts)


def outcomes(tasks: Sequence[Task], opts: Options, jobs: int) -> Iterator[Outcome]:
    """Every task's outcome, in input order, each in a process killed at the time limit: one
    forked child per file on one job (:mod:`~xxgk.batch.solo`), a supervised pool on more
    (:mod:`~xxgk.batch.pool`). In this process only with no time limit, or with ``--debug``."""
    jobs = max(1, min(jobs, len(tasks)))
    if jobs == 1 and (opts.time_limit <= 0 or opts.reraise):
        return (process(t, opts) for t in tasks)
    if jobs == 1:
        return (_solo(t, opts) for t in tasks)
    from xxgk.batch.pool import ordered_map

    return ordered_map(
        partial(process_chunk, opts),
        tasks,
        jobs=jobs,
        crashed=partial(_crashed, opts),
        timed_out=partial(_timed_out, opts),
        time_limit=opts.time_limit,
        memory_mb=opts.memory_mb,
    )


def _solo(task: Task, opts: Options) -> Outcome:
    return run_one(
        partial(process, opts=opts),
        task,
        time_limit=opts.time_limit,
        crashed=partial(_crashed, opts),
        timed_out=partial(_timed_out, opts),
        memory_mb=opts.memory_mb,
    )


def _progress(total: int, quiet: bool) -> object | None:
    if quiet or not sys.stderr.isatty():
        return None
    import tqdm

    tqdm.tqdm.monitor_interval = 0  # no monitor thread: the pool forks after this
    return tqdm.tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True)


def _say(line: str, bar: object | None) -> None:
    if bar is not None:
        bar.write(line, file=sys.stderr)  # type: ignore[attr-defined]
    else:
        click.echo(line, err=True)


def _drain(stream: Iterable[Outcome], sink, bar, summary: Summary, lang: str = "zh") -> None:  # noqa: ANN001
    for outcome in stream:
        sink.write(None, outcome.text, outcome.prepared)
        summary.add(outcome)
        if outcome.error is not None:
            _say(error_line(outcome.error, lang), bar)
        if bar is not None:
            bar.update(1)  # type: ignore[attr-defined]


def run(
    inputs: Sequence[str],
    opts: Options,
    *,
    output: str | None = None,
    jobs: int | None = None,
    quiet: bool = False,
    summary_json: str | None = None,
    stdin: bytes | None = None,
) -> int:
    """Process ``inputs`` into ``opts.fmt`` at ``output`` (stdout when None) → exit code."""
    batch = is_batch(inputs)
    opts = replace(opts, keep_record=opts.fmt in FILE_FORMATS, reraise=opts.debug and not batch)
    tasks = discover(inputs, stdin)
    sink = open_sink(opts.fmt, output, batch=batch, command=opts.command, lang=opts.lang)
    summary, started = Summary(), time.perf_counter()
    bar = _progress(len(tasks), quiet) if batch else None
    try:
        _drain(
            outcomes(tasks, opts, (jobs or cores()) if batch else 1), sink, bar, summary, opts.lang
        )
    finally:
        if bar is not None:
            bar.close()  # type: ignore[attr-defined]
        sink.close()
    summary.seconds = time.perf_counter() - started
    if batch and not quiet and summary.files > 1:  # one file's line says it all
        click.echo(summary.format(opts.lang), err=True)
    if summary_json:
        Path(summary_json).write_text(dumps(summary.to_dict(), indent=2) + "\n", encoding="utf-8")
    return summary.exit_code
