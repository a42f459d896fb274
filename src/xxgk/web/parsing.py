"""Parse an upload off the event loop, in worker processes, with a time limit per file.

A small pool of spawned processes (never more than two) runs :func:`xxgk.api.parse` on the
bytes; the worker stops itself with an alarm at the limit, and a worker stuck beyond that (in
C code) is killed by the parent and the pool rebuilt, so one pathological upload cannot keep a
core or the server. Results cross back as Report JSON; errors as their messages — never a
traceback."""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import multiprocessing
import os
import signal
import threading
from typing import Any

from xxgk.errors import UnreadableSource, UnsupportedFormat, XxgkError
from xxgk.model import Report

GRACE = 5.0  # seconds past the limit before the parent kills a stuck worker
MEMORY_MB = 3072

_lock = threading.Lock()
_pool: concurrent.futures.ProcessPoolExecutor | None = None


class CheckTimeout(XxgkError):
    status = 504


class Unreadable(UnreadableSource):
    status = 422


class Unsupported(UnsupportedFormat):
    status = 415


class _TimeUp(BaseException):
    """Raised in the worker at the limit (a BaseException: parsing code cannot swallow it)."""


def _init_worker() -> None:
    try:
        import resource

        limit = MEMORY_MB * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: no memory cap
        pass


def _expire(signum: int, frame: Any) -> None:
    raise _TimeUp()


def _work(data: bytes, name: str, limit: float) -> dict[str, Any]:
    """In the worker: bytes → ``{"report": …}`` or ``{"error": …}``."""
    from xxgk.api import parse

    signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        return {"report": parse(data, name=name).to_dict()}
    except _TimeUp:
        return {"error": {"type": "timeout"}}
    except XxgkError as exc:
        return {"error": {"type": type(exc).__name__, "en": exc.message, "zh": exc.message_zh}}
    except MemoryError:
        return {"error": {"type": "memory"}}
    except Exception as exc:  # a bug on a strange file: reported, the server goes on
        return {"error": {"type": "internal", "en": type(exc).__name__, "zh": type(exc).__name__}}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _executor() -> concurrent.futures.ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            workers = max(1, min(2, os.cpu_count() or 1))
            _pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
            )
            # stopped before the interpreter tears its modules down (else the executor's
            # weakref callback runs too late and prints "Exception ignored")
            atexit.register(shutdown)
        return _pool


def _reset() -> None:
    """Kill the pool's processes (one is stuck) and start a fresh pool on the next parse."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is None:
        return
    processes: dict[int, Any] = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _error(found: dict[str, Any], name: str, limit: float) -> XxgkError:
    kind = found.get("type")
    if kind == "timeout":
        return CheckTimeout(
            f"not read within {limit:g} s", zh=f"文件在 {limit:g} 秒内未能读完", path=name
        )
    if kind == "memory":
        return Unreadable(
            "the reader stopped (too much memory?)",
            zh="读取进程意外终止（文件可能过于复杂，所需内存超过上限）",
            path=name,
        )
    if kind == "internal":
        en = f"internal error ({found.get('en')})"
        return Unreadable(en, zh=f"读取时出现内部错误（{found.get('zh')}）", path=name)
    en, zh = str(found.get("en")), str(found.get("zh"))
    if kind == "UnsupportedFormat":
        return Unsupported(en, zh=zh if zh != en else f"不支持的文件格式（{en}）", path=name)
    return Unreadable(en, zh=zh if zh != en else f"无法读取为年度报告（{en}）", path=name)


async def parse_upload(data: bytes, name: str, *, limit: float) -> Report:
    """The checked Report of one upload (format sniffed from the bytes), parsed in a worker
    process within ``limit`` seconds; an :class:`~xxgk.errors.XxgkError` otherwise."""
    future = _executor().submit(_work, data, name, limit)
    try:
        found = await asyncio.wait_for(asyncio.wrap_future(future), limit + GRACE)
    except TimeoutError:
        _reset()
        raise _error({"type": "timeout"}, name, limit) from None
    except concurrent.futures.process.BrokenProcessPool:
        _reset()
        raise _error({"type": "memory"}, name, limit) from None
    if "error" in found:
        raise _error(found["error"], name, limit)
    return Report.from_dict(found["report"])


def shutdown() -> None:
    _reset()
