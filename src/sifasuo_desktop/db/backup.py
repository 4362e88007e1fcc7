"""Consistent copies of a live database with SQLite's online backup API.

The backup runs from a *fresh* connection: the API hangs when called on a connection that holds
an open write transaction (STACK.md). The copy therefore holds only committed rows. It is taken
in one step (``pages=-1``): a stepwise backup restarts whenever another connection writes, so a
busy program could keep it from ever finishing; one step reads one snapshot (WAL readers never
block writers). The half-written target needs no journal of its own (it is renamed into place
only when complete), which makes the copy about as fast as a plain file copy.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from sifasuo_desktop.core import paths
from sifasuo_desktop.core.storage import storage_error

STAMP_FORMAT = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<reason>[a-z0-9_]+(?:-[0-9a-z_]+)?)\.sqlite3$")


def snapshot(source: Path, target: Path) -> Path:
    """Copy ``source`` into the new file ``target`` (no journal, no fsync: a scratch copy)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(target)
        try:
            dst.execute("PRAGMA journal_mode=OFF")
            dst.execute("PRAGMA synchronous=OFF")
            src.backup(dst, pages=-1)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_to(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target`` atomically (written beside it, flushed, then renamed).
    A full disk or read-only folder raises ``StorageError`` and leaves no partial copy."""
    partial = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        snapshot(source, partial)
        con = sqlite3.connect(partial)
        try:
            con.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            con.close()
        fsync_file(partial)
    except BaseException as err:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        problem = storage_error(err) if isinstance(err, (OSError, sqlite3.Error)) else None
        if problem is None:
            raise
        raise problem from err
    os.replace(partial, target)
    return target


def automatic_backup_path(db_path: Path, reason: str, when: datetime | None = None) -> Path:
    """A new file in the database's backup folder: ``<stem>-<YYYYmmdd-HHMMSS>-<reason>.sqlite3``."""
    folder = paths.backup_dir(db_path)
    stamp = (when or datetime.now()).strftime(STAMP_FORMAT)
    target = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite3"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{db_path.stem}-{stamp}-{n}-{reason}.sqlite3"
    return target


class BackupName(NamedTuple):
    made_at: datetime
    seq: int          # 1, or 2, 3, ... for further backups made within the same second
    reason: str


def parse_backup_name(db_path: Path, file: Path) -> BackupName | None:
    """When and why an automatic backup of ``db_path`` was made; None for any other file."""
    match = _NAME.match(file.name)
    if not match or match["stem"] != db_path.stem:
        return None
    try:
        return BackupName(datetime.strptime(match["stamp"], STAMP_FORMAT), int(match["n"] or 1), match["reason"])
    except ValueError:
        return None


def automatic_backup(db_path: Path, reason: str, when: datetime | None = None) -> Path:
    """Back ``db_path`` up into its backup folder under the automatic naming scheme."""
    return backup_to(db_path, automatic_backup_path(db_path, reason, when))


def integrity_ok(path: Path) -> tuple[bool, str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = con.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as err:  # so damaged that the check itself cannot run
        result = str(err)
    finally:
        con.close()
    return result == "ok", result
