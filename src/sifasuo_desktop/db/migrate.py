"""Bring a database file to the program's schema: check, back up, upgrade in one transaction.

A new database is an empty file upgraded to head: one tested path. A database newer than the
program, or a file that is not one of ours, is refused with a Chinese message.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from sifasuo_desktop.core import paths
from sifasuo_desktop.core.errors import DatabaseError, DatabaseTooNew
from sifasuo_desktop.core.storage import storage_error
from sifasuo_desktop.db.backup import automatic_backup

log = logging.getLogger(__name__)

# The newest revision this program knows. Kept here (not read from migrations/) so start-up can
# skip importing alembic when the file is already at head.
HEAD_REVISION = "0001_initial"
KNOWN_REVISIONS = ("0001_initial",)
_DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def current_revision(path: Path) -> str | None:
    """The alembic revision stored in the file; None for an empty new file.

    Raises DatabaseError for a file that is not SQLite or is a SQLite file of another program.
    """
    if path.is_dir():
        raise DatabaseError(f"“{path}”是一个文件夹，不是数据库文件。请选择数据库文件（如 office.sqlite3）。")
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not tables:
                return None
            if "alembic_version" not in tables:
                raise DatabaseError(f"文件“{path.name}”不是本程序的数据库（可能是其他程序的文件），未作任何修改。")
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as err:
        log.warning("cannot read %s: %s", path, err)
        problem = storage_error(err)  # a read-only or missing folder is not a damaged file
        if problem is not None and getattr(err, "sqlite_errorcode", 0) & 0xFF not in _DAMAGED:
            raise problem from err
        raise DatabaseError(f"文件“{path.name}”已损坏或不是数据库文件，未作任何修改。"
                            "请从备份恢复（数据文件夹的 backups 文件夹中有自动备份）。") from err
    return row[0] if row else None


def _alembic_config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(paths.migrations_path()))
    return cfg


def upgrade(path: Path, backup: bool = True) -> str | None:
    """Upgrade ``path`` to head. Returns the backup file made before upgrading, if any."""
    revision = current_revision(path)
    if revision == HEAD_REVISION:
        return None
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise DatabaseTooNew(
            f"数据库版本（{revision}）比本程序新，请升级程序后再打开。为保护数据，未作任何修改。"
        )
    backup_file = None
    if revision is not None and backup:
        backup_file = automatic_backup(path, f"upgrade-{revision.split('_')[0]}")
        log.info("backed up %s to %s before upgrading", path, backup_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    from alembic import command

    from sifasuo_desktop.db.engine import make_engine

    engine = make_engine(path)
    try:
        with engine.connect() as connection:
            cfg = _alembic_config()
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
    finally:
        engine.dispose()
    log.info("database %s upgraded from %s to %s", path, revision, HEAD_REVISION)
    return str(backup_file) if backup_file else None
