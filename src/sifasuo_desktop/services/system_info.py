"""Facts about the running program and its files, for 帮助 → 关于 and for support calls."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from sifasuo_desktop import __version__
from sifasuo_desktop.core import paths
from sifasuo_desktop.db.migrate import current_revision
from sifasuo_desktop.services.context import AppContext


@dataclass(frozen=True)
class SystemInfo:
    version: str
    database_path: Path
    database_bytes: int
    schema_revision: str | None
    sqlite_version: str          # of the library the database connection really uses
    python_version: str
    data_dir: Path
    log_dir: Path
    backup_dir: Path


def system_info(ctx: AppContext) -> SystemInfo:
    with ctx.reading() as session:
        sqlite_version = session.scalar(text("SELECT sqlite_version()"))
    return SystemInfo(
        version=__version__,
        database_path=ctx.path,
        database_bytes=ctx.path.stat().st_size if ctx.path.exists() else 0,
        schema_revision=current_revision(ctx.path),
        sqlite_version=sqlite_version,
        python_version=platform.python_version(),
        data_dir=paths.data_dir(),
        log_dir=paths.log_dir(),
        backup_dir=paths.backup_dir(ctx.path),
    )
