"""Outcomes in input order from a process pool, with bounded memory.

Tasks go out in chunks (few pool messages even for tiny files); at most ``window`` chunks are
in flight, and the parent waits for the oldest, so results are yielded in input order and
never more than ``window × chunk`` outcomes are held — however many files the batch has, and
however slow one of them is. (``Pool.imap`` would queue every finished result behind a slow
one.)

A worker that dies (a crash in a C library, the OOM killer) breaks the pool. The pool is then
rebuilt, the oldest chunk is re-run one file at a time so the culprit is found exactly (it gets
an error record), and the other chunks are resubmitted.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def chunk_size(n: int, jobs: int) -> int:
    """Big enough to amortise a pool message, small enough to keep every worker busy."""
    return max(1, min(16, n // (jobs * 16) or 1))


def _context() -> multiprocessing.context.BaseContext:
    # fork: workers start in milliseconds with xxgk already imported (POSIX); spawn elsewhere.
    method = "fork" if sys.platform.startswith("linux") else None
    return multiprocessing.get_context(method)


class _Pool(Generic[T, R]):
    def __init__(self, run: Callable[[list[T]], list[R]], jobs: int) -> None:
        self.run, self.jobs = run, jobs
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.jobs, mp_context=_context())

    def submit(self, chunk: list[T]) -> Future[list[R]]:
        return self.executor.submit(self.run, chunk)

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def ordered_map(
    run: Callable[[list[T]], list[R]],
    items: Sequence[T],
    *,
    jobs: int,
    crashed: Callable[[T], R],
    chunk: int | None = None,
    window: int | None = None,
) -> Iterator[R]:
    """``run`` over ``items`` in chunks on ``jobs`` processes, yielding results in input order.
    ``crashed(item)`` makes the result for an item whose worker died."""
    size = chunk or chunk_size(len(items), jobs)
    chunks = (list(items[i : i + size]) for i in range(0, len(items), size))
    limit = window or jobs * 4
    pool: _Pool[T, R] = _Pool(run, jobs)
    pending: deque[tuple[list[T], Future[list[R]]]] = deque()
    try:
        while True:
            while len(pending) < limit and (c := next(chunks, None)) is not None:
                pending.append((c, pool.submit(c)))
            if not pending:
                return
            head, future = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                results = _recover(pool, head, pending, crashed)
            yield from results
    finally:
        pool.close()


def _recover(
    pool: _Pool[T, R], head: list[T], pending: deque, crashed: Callable[[T], R]
) -> list[R]:
    """After a worker died: run ``head`` one item at a time on a fresh pool, then resubmit the rest."""
    rest = [c for c, _ in pending]
    pending.clear()
    pool.restart()
    results: list[R] = []
    for item in head:
        try:
            results += pool.submit([item]).result()
        except BrokenProcessPool:
            results.append(crashed(item))
            pool.restart()
    pending.extend((c, pool.submit(c)) for c in rest)
    return results
