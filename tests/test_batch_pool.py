"""The process pool: results in input order, bounded windows, and survival of a dying worker."""

from __future__ import annotations

import os
import time

from xxgk.batch.pool import chunk_size, ordered_map


def slow_first(items: list[int]) -> list[tuple[int, int]]:
    # early items sleep longest, so later chunks finish first: order must still hold
    out = []
    for i in items:
        time.sleep(max(0.0, (20 - i) * 0.002))
        out.append((i, os.getpid()))
    return out


def die_on_seven(items: list[int]) -> list[int]:
    for i in items:
        if i == 7:
            os._exit(3)  # a worker killed mid-task, like a segfault in a C library
    return [i * 10 for i in items]


def test_results_come_in_input_order_from_several_processes() -> None:
    results = list(
        ordered_map(slow_first, list(range(40)), jobs=2, crashed=lambda i: None, chunk=2)
    )
    assert [i for i, _ in results] == list(range(40))
    assert len({pid for _, pid in results}) == 2
    assert os.getpid() not in {pid for _, pid in results}


def test_a_dying_worker_costs_only_its_own_item() -> None:
    results = list(
        ordered_map(die_on_seven, list(range(30)), jobs=2, crashed=lambda i: -i, chunk=4)
    )
    assert results == [i * 10 if i != 7 else -7 for i in range(30)]


def test_results_are_consumed_lazily() -> None:
    stream = ordered_map(
        slow_first, list(range(1000)), jobs=2, crashed=lambda i: None, chunk=1, window=4
    )
    first = next(stream)
    assert first[0] == 0
    stream.close()  # shuts the pool down without running the rest


def test_chunk_size_bounds() -> None:
    assert chunk_size(1, 2) == 1
    assert chunk_size(100, 2) == 3
    assert chunk_size(100_000, 2) == 16
