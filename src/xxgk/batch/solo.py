"""One file under the time limit, in a forked child the parent kills at the limit.

The one-file case of :mod:`xxgk.batch.pool` without its machinery (``multiprocessing``
costs more to import than a small report takes to parse): ``os.fork``, a pipe, and the
outcome pickled back. A child still running at the limit (stuck in C, where its own alarm
cannot run) is killed with ``SIGKILL``; a child that dies gives the crashed outcome.
Where ``fork`` does not exist the work runs in this process (its alarm still applies).
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

GRACE = 1.0  # seconds past the limit before the kill: the child's own alarm answers first


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def run_one(
    work: Callable[[T], R],
    item: T,
    *,
    time_limit: float,
    crashed: Callable[[T], R],
    timed_out: Callable[[T], R],
    memory_mb: int | None = None,
) -> R:
    """``work(item)`` in a child process, killed after ``time_limit`` (+ grace) seconds."""
    if not hasattr(os, "fork"):
        return work(item)
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the work, send the result, leave without cleanup
        os.close(readable)
        _child(work, item, writable, memory_mb)
    os.close(writable)
    try:
        data = _collect(readable, time_limit + GRACE if time_limit > 0 else None)
    finally:
        os.close(readable)
    if data is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        return timed_out(item)
    os.waitpid(pid, 0)
    try:
        return pickle.loads(data) if data else crashed(item)
    except Exception:  # a truncated result: the child died while sending it
        return crashed(item)


def _child(work: Callable, item: object, fd: int, memory_mb: int | None) -> None:
    code = 0
    try:
        set_memory_limit(memory_mb)
        payload = pickle.dumps(work(item), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
    except BaseException:
        code = 70
    finally:
        os._exit(code)


def set_memory_limit(memory_mb: int | None) -> None:
    """Cap this process's heap (``RLIMIT_DATA``); allocation beyond it fails (MemoryError)."""
    if not memory_mb:
        return
    try:
        import resource

        limit = memory_mb * 2**20
        _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass  # not on this platform: the time limit still holds


def _collect(fd: int, timeout: float | None) -> bytes | None:
    """Everything the child writes until it closes the pipe; None when time runs out."""
    deadline = None if timeout is None else time.monotonic() + timeout
    chunks: list[bytes] = []
    while True:
        wait = None if deadline is None else max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            return None
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
