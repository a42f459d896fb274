"""Inputs → tasks. Every regular file is taken and the readers' sniffing decides what it is;
hidden files and directories (``.git``, ``.DS_Store``) are skipped. Directories are walked
recursively in sorted order, so a batch's output order does not depend on the file system.
Symlinked directories are not followed (no loops); symlinked files are.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Task:
    """One input: a path, or ``-`` with the bytes read from stdin; ``error`` when discovery
    already knows it cannot be a report (a directory holding no files)."""

    name: str
    data: bytes | None = None
    error: str | None = None


def _walk(root: str) -> Iterator[str]:
    for here, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(here, name)
            if not name.startswith(".") and os.path.isfile(path):
                yield path


def discover(inputs: Iterable[str], stdin: bytes | None = None) -> list[Task]:
    """Tasks for ``inputs`` in the order given; a directory contributes its files, sorted."""
    tasks: list[Task] = []
    for item in inputs:
        if item == STDIN:
            tasks.append(Task(STDIN, data=stdin if stdin is not None else b""))
        elif os.path.isdir(item):
            found = [Task(p) for p in _walk(item)]
            tasks += found or [Task(item, error="directory holds no report files")]
        else:
            tasks.append(Task(item))  # a missing file becomes an error record in the worker
    return tasks


def is_batch(inputs: Iterable[str]) -> bool:
    """More than one input, or any directory: output is a batch (JSON array, summary …)."""
    items = list(inputs)
    return len(items) != 1 or os.path.isdir(items[0])
