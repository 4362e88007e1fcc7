"""The SQLite engine with the pragmas of ARCHITECTURE.md, and the session factory."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

# How long a write waits for another program's write to finish before giving up with "busy".
BUSY_TIMEOUT_MS = 5000


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Memory-mapped reads: the 7号表 over 50,000 persons runs about a third faster (scripts/bench_reports.py).
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.close()


def make_engine(path: Path | str) -> Engine:
    """An engine on the SQLite file at ``path`` (``:memory:`` is not supported: use a temp file)."""
    engine = create_engine(f"sqlite:///{Path(path)}", future=True)
    event.listen(engine, "connect", _on_connect)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, future=True)


def sqlite_version() -> str:
    return sqlite3.sqlite_version
