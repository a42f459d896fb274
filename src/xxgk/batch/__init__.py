"""Batches at corpus scale: files → process pool → records in input order → one sink.

* :mod:`~xxgk.batch.discover` — inputs (files, directories, ``-``) → tasks, in a stable order;
* :mod:`~xxgk.batch.worker` — one task → one outcome (a record or an error record, never an
  exception), under a per-file time limit;
* :mod:`~xxgk.batch.pool` — outcomes in input order from a bounded window of worker chunks;
* :mod:`~xxgk.batch.summary` — files, reports, errors, findings by rule;
* :mod:`~xxgk.batch.runner` — ties them to a sink, a progress bar and the exit code.
"""

from xxgk.batch.discover import Task, discover
from xxgk.batch.runner import run
from xxgk.batch.summary import Summary
from xxgk.batch.worker import Options

__all__ = ["Options", "Summary", "Task", "discover", "run"]
