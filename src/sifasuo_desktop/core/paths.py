"""Where things live: the per-user data folder, the database, logs, backups and bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

_APP = "sifasuo-desktop"
_AUTHOR = "sifasuo"


def data_dir() -> Path:
    """The per-user data folder (``SIFASUO_DATA_DIR`` overrides it, e.g. for the smoke test)."""
    override = os.environ.get("SIFASUO_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(_APP, _AUTHOR))
    return path


def default_db_path() -> Path:
    """The office database: ``SIFASUO_DB`` if set, else ``office.sqlite3`` in the data folder."""
    override = os.environ.get("SIFASUO_DB")
    return Path(override) if override else data_dir() / "office.sqlite3"


def log_dir() -> Path:
    override = os.environ.get("SIFASUO_DATA_DIR")
    return Path(override) / "logs" if override else Path(platformdirs.user_log_dir(_APP, _AUTHOR))


def backup_dir(db_path: Path) -> Path:
    """Backups sit in a ``backups`` folder beside the database they belong to."""
    return db_path.parent / "backups"


def project_root() -> Path:
    """The repository root, or the unpacked bundle when frozen by PyInstaller."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parents[3]


def resource_path(*parts: str) -> Path:
    """A file under ``resources/`` that works both from the source tree and frozen."""
    return project_root().joinpath("resources", *parts)


def migrations_path() -> Path:
    return project_root() / "migrations"
