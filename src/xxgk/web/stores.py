"""One :class:`~xxgk.store.Store` per worker thread: routes run in Starlette's thread pool and
a database connection is never shared between two threads at once."""

from __future__ import annotations

import contextlib
import threading

from xxgk.store.db import Store


class Stores:
    def __init__(self, target: str) -> None:
        self.target = target
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[Store] = []
        self.get()  # opens (and migrates) the database at start, in the caller's thread

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.target, create=True)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                with contextlib.suppress(Exception):  # at shutdown: nothing left to do
                    store.close()
            self._all.clear()
