"""Outcomes in input order from supervised worker processes, with bounded memory and time.

Each worker is a process of its own with a pipe to the parent. Tasks go out in chunks (few
messages even for tiny files) and come back one result per item, so the parent always knows
which item a worker is on and since when. That makes the per-file time limit hold whatever
the work is doing — a parse stuck in C code (Lexbor on a very deep tree, an inflater) does
not return to Python for a signal handler to run, but a process can always be killed:

* an item running longer than ``time_limit`` gets its worker killed (``SIGKILL``) and the
  result ``timed_out(item)``; the rest of that worker's chunk goes back to the queue;
* a worker that dies (a crash in a C library, the memory limit, the OOM killer) costs only
  the item it was on: ``crashed(item)``; a new worker takes its place;
* at most ``window`` items past the oldest undelivered one are in flight, and results are
  yielded in input order — however slow one file is, memory stays bounded.

Workers are forked (POSIX: they start in milliseconds with xxgk already imported); each sets
its own memory limit (``RLIMIT_DATA``) when ``memory_mb`` is given.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

from xxgk.batch.solo import cores, set_memory_limit

__all__ = ["chunk_size", "cores", "ordered_map"]

T = TypeVar("T")
R = TypeVar("R")

GRACE = 1.0  # seconds past the limit before a kill: the worker's own alarm answers first


def chunk_size(n: int, jobs: int) -> int:
    """Big enough to amortise a pool message, small enough to keep every worker busy."""
    return max(1, min(16, n // (jobs * 16) or 1))


def _context() -> multiprocessing.context.BaseContext:
    method = "fork" if sys.platform.startswith("linux") else None
    return multiprocessing.get_context(method)


def _serve(conn: Connection, run: Callable[[list[Any]], list[Any]], memory_mb: int | None) -> None:
    """A worker's loop: a chunk in, one ``run([item])`` result out per item."""
    set_memory_limit(memory_mb)
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        for item in chunk:
            conn.send(run([item])[0])


class _Worker(Generic[T]):
    def __init__(self, ctx: Any, run: Callable, memory_mb: int | None) -> None:
        mine, theirs = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(theirs, run, memory_mb), daemon=True)
        self.process.start()
        theirs.close()
        self.conn: Connection = mine
        self.chunk: deque[tuple[int, T]] = deque()
        self.since = 0.0

    def give(self, chunk: list[tuple[int, T]]) -> None:
        self.chunk.extend(chunk)
        self.since = time.monotonic()
        self.conn.send([item for _, item in chunk])

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class _Supervisor(Generic[T, R]):
    """The workers, the queue of items not yet sent, and the results not yet yielded."""

    def __init__(
        self,
        run: Callable[[list[T]], list[R]],
        items: Sequence[T],
        jobs: int,
        chunk: int,
        memory_mb: int | None,
    ) -> None:
        self.ctx, self.run, self.memory_mb, self.size = _context(), run, memory_mb, chunk
        self.queue: deque[tuple[int, T]] = deque(enumerate(items))
        self.workers = [self._new() for _ in range(jobs)]
        self.results: dict[int, R] = {}

    def _new(self) -> _Worker[T]:
        return _Worker(self.ctx, self.run, self.memory_mb)

    def dispatch(self, horizon: int) -> None:
        """Idle workers get the next chunk of items below ``horizon`` (the window's end)."""
        for worker in self.workers:
            if worker.chunk or not self.queue or self.queue[0][0] >= horizon:
                continue
            chunk: list[tuple[int, T]] = []
            while self.queue and len(chunk) < self.size and self.queue[0][0] < horizon:
                chunk.append(self.queue.popleft())
            try:
                worker.give(chunk)
            except OSError:  # it died while idle: a new worker takes the chunk next round
                self._replace(worker, None)

    def collect(self, time_limit: float, crashed: Callable, timed_out: Callable) -> None:
        busy = {w.conn: w for w in self.workers if w.chunk}
        if not busy:
            return
        timeout = None
        if time_limit > 0:
            first = min(w.since for w in busy.values())
            timeout = max(0.0, first + time_limit + GRACE - time.monotonic())
        for conn in wait(list(busy), timeout):
            self._receive(busy[conn], crashed)  # type: ignore[index]
        if time_limit > 0:
            now = time.monotonic()
            for worker in busy.values():
                if worker.chunk and now - worker.since > time_limit + GRACE:
                    self._replace(worker, timed_out)

    def _receive(self, worker: _Worker[T], crashed: Callable) -> None:
        try:
            while worker.chunk and worker.conn.poll():
                result = worker.conn.recv()
                index, _item = worker.chunk.popleft()
                self.results[index] = result
                worker.since = time.monotonic()
        except (EOFError, OSError):
            self._replace(worker, crashed)

    def _replace(self, worker: _Worker[T], outcome: Callable | None) -> None:
        """The worker's current item gets ``outcome(item)``; the rest of its chunk is requeued;
        the worker is killed and a new one takes its place."""
        if outcome is not None and worker.chunk:
            index, item = worker.chunk.popleft()
            self.results[index] = outcome(item)
        self.queue.extendleft(reversed(worker.chunk))
        worker.chunk.clear()
        worker.stop(kill=True)
        self.workers[self.workers.index(worker)] = self._new()

    def close(self) -> None:
        for worker in self.workers:
            worker.stop(kill=bool(worker.chunk))


def ordered_map(
    run: Callable[[list[T]], list[R]],
    items: Sequence[T],
    *,
    jobs: int,
    crashed: Callable[[T], R],
    timed_out: Callable[[T], R] | None = None,
    time_limit: float = 0.0,
    memory_mb: int | None = None,
    chunk: int | None = None,
    window: int | None = None,
) -> Iterator[R]:
    """``run`` over ``items`` on ``jobs`` worker processes, yielding results in input order.

    ``crashed(item)`` is the result for an item whose worker died, ``timed_out(item)`` for
    one that ran over ``time_limit`` seconds (0: no limit)."""
    size = chunk or chunk_size(len(items), jobs)
    ahead = window * size if window else max(jobs * 4 * size, jobs)
    sup: _Supervisor[T, R] = _Supervisor(run, items, jobs, size, memory_mb)
    expired = timed_out or crashed
    try:
        for done in range(len(items)):
            while done not in sup.results:
                sup.dispatch(done + ahead)
                sup.collect(time_limit, crashed, expired)
            yield sup.results.pop(done)
    finally:
        sup.close()
