"""One window per database file: an operating-system lock on ``<database>.lock`` beside it.

SQLite keeps two windows on one file consistent, but two people editing the same dossier in two
windows would overwrite each other's work unnoticed, so a second window is refused. The lock is
the operating system's (``flock`` / ``msvcrt.locking``), not the file's existence: it is freed
when the process ends however it ends (crash, kill -9, power cut), so a stale ``.lock`` file left
behind never blocks the next start. Headless commands do not take it (SQLite's own locking and
busy timeout keep their writes safe).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sifasuo_desktop.core.errors import DatabaseInUse, StorageError
from sifasuo_desktop.core.storage import storage_error

IN_USE = "数据库正被另一个程序窗口使用：\n{path}\n\n请切换到已经打开的“司法所桌面系统”窗口（看看任务栏），不要同时打开两个窗口。"

if sys.platform.startswith("win"):
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def lock_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + ".lock")


class InstanceLock:
    """Held from ``acquire`` until ``release`` (or the end of the process)."""

    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self._fd: int | None = None

    def acquire(self) -> "InstanceLock":
        """Take the lock; ``DatabaseInUse`` when another window holds it, ``StorageError`` when the
        folder cannot be written (read-only, no permission, missing drive)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise (storage_error(err) or StorageError(f"无法在“{self.path.parent}”中创建文件：{err}")) from err
        if not _try_lock(fd):
            os.close(fd)
            raise DatabaseInUse(IN_USE.format(path=self.db_path))
        self._fd = fd
        return self

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor frees the lock on every platform
            self._fd = None
