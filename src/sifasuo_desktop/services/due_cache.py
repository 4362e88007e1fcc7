"""The office's open due items, kept between 工作台 refreshes while the database has not changed.

The 工作台 recomputes on every tab switch and every refresh; at district scale that is a few
hundred milliseconds of SQL each time. The result is reused while the database file, the
office, the day and the rules are the same **and no commit has happened since**. Commits are
seen through SQLite's ``PRAGMA data_version`` on a connection of our own that never writes: its
value moves on every commit by any other connection, this program's pooled connections and
other programs (the CLI) alike, so nothing written anywhere can leave a stale list behind.

The watching connection is opened on first use and closed when the engine is disposed (restore
from a backup, switching databases), so it never holds the file open beyond the engine's life.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import weakref
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

log = logging.getLogger(__name__)


class _Watch:
    """The data version of one database file, and the last result computed on it."""

    def __init__(self, path: str):
        self.lock = threading.Lock()
        self.entry: tuple[Hashable, int, Any] | None = None      # (key, data version, value)
        self.closed = False
        try:                               # read-only: never creates or changes the file
            uri = Path(path).resolve().as_uri() + "?mode=ro"
            self.connection: sqlite3.Connection | None = sqlite3.connect(uri, uri=True, check_same_thread=False)
        except sqlite3.Error as err:
            log.warning("due items not cached: cannot watch %s (%s)", path, err)
            self.connection = None

    def version(self) -> int | None:
        """The data version, or None when it cannot be read (then nothing is cached)."""
        with self.lock:
            if self.connection is None:
                return None
            try:
                return self.connection.execute("PRAGMA data_version").fetchone()[0]
            except sqlite3.Error as err:
                log.warning("due items not cached: %s", err)
                return None

    def close(self) -> None:
        with self.lock:
            if self.connection is not None:
                self.connection.close()
            self.connection, self.entry, self.closed = None, None, True


_watches: weakref.WeakKeyDictionary[Engine, _Watch] = weakref.WeakKeyDictionary()
_watches_lock = threading.Lock()


def _watch(engine: Engine) -> _Watch:
    with _watches_lock:
        watch = _watches.get(engine)
        if watch is None or watch.closed:
            watch = _Watch(engine.url.database)
            _watches[engine] = watch
            if not event.contains(engine, "engine_disposed", _disposed):
                event.listen(engine, "engine_disposed", _disposed)
            weakref.finalize(engine, watch.close)
        return watch


def _disposed(engine: Engine) -> None:
    with _watches_lock:
        watch = _watches.pop(engine, None)
    if watch is not None:
        watch.close()


def cached(engine: Engine, key: Hashable, compute: Callable[[], Any]) -> Any:
    """``compute()``, or its last result for the same ``key`` when nothing was committed since."""
    watch = _watch(engine)
    version = watch.version()              # read before computing: a commit meanwhile means "stale"
    entry = watch.entry
    if entry is not None and version is not None and entry[0] == key and entry[1] == version:
        return entry[2]
    value = compute()
    if version is not None:
        with watch.lock:
            watch.entry = (key, version, value)
    return value
