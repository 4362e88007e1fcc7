"""Checks and copies of the database file as a whole."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sifasuo_desktop.core.errors import DatabaseError
from sifasuo_desktop.db.backup import backup_to, integrity_ok
from sifasuo_desktop.db.engine import sqlite_version
from sifasuo_desktop.db.migrate import HEAD_REVISION, current_revision
from sifasuo_desktop.db.models import Base


@dataclass(frozen=True)
class CheckReport:
    path: Path
    integrity_ok: bool
    integrity_message: str
    revision: str | None
    program_revision: str
    sqlite_version: str
    counts: dict[str, int | None]     # None: the table cannot be read (damaged)


def check(path: Path) -> CheckReport:
    if not Path(path).exists():
        raise DatabaseError(f"数据库文件不存在：{path}")
    revision = current_revision(Path(path))
    ok, message = integrity_ok(Path(path))
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        existing = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        counts = {name: _count(con, name) for name in sorted(Base.metadata.tables) if name in existing}
    finally:
        con.close()
    return CheckReport(Path(path), ok, message, revision, HEAD_REVISION, sqlite_version(), counts)


def _count(con: sqlite3.Connection, table: str) -> int | None:
    try:
        return con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    except sqlite3.DatabaseError:  # a damaged page: the integrity message says where
        return None


def backup(path: Path, target: Path) -> Path:
    if not Path(path).exists():
        raise DatabaseError(f"数据库文件不存在：{path}")
    current_revision(Path(path))  # refuses a damaged or foreign file with its message
    return backup_to(Path(path), Path(target))
