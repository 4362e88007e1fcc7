"""Disk and database-file problems in plain Chinese, and files written whole or not at all.

``describe`` turns an environment failure (full disk, read-only folder, file in use, damaged or
busy database) into the sentence the user sees; anything else (a bug) gives None and stays a
crash. It follows the chain of causes, so an SQLAlchemy error wrapping an ``sqlite3`` error is
recognised without this module knowing SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from pathlib import Path

from sifasuo_desktop.core.errors import StorageError

DISK_FULL = "磁盘空间已满，未能保存。请删除不用的文件腾出空间（或换一个位置）后再试；已保存的数据不受影响。"
READ_ONLY = "数据所在的磁盘或文件夹是只读的，无法写入{where}。请把数据放在可写的文件夹，或请管理员修改权限。"
NO_ACCESS = "没有权限写入{where}：文件夹只读，或文件正被其他程序（如Excel、PDF阅读器）打开。请关闭后再试。"
IO_ERROR = "读写{where}时磁盘出错：磁盘空间可能已满，U盘可能已拔出，或磁盘有故障。请检查后再试；已保存的数据不受影响。"
DB_BUSY = "数据库正忙：另一个程序窗口或命令正在写入同一个数据库。请稍后再试。"
DB_DAMAGED = ("数据库文件已损坏，无法继续读写。请用“文件 → 从备份恢复”恢复最近的备份（数据文件夹的 backups 文件夹中"
              "有自动备份），并把日志发给维护人员。")
DB_CANT_OPEN = "无法打开数据库文件：所在文件夹不存在、只读或没有权限。"

_OS_ERRORS = {
    errno.ENOSPC: DISK_FULL,
    getattr(errno, "EDQUOT", errno.ENOSPC): DISK_FULL,
    errno.EROFS: READ_ONLY,
    errno.EACCES: NO_ACCESS,
    errno.EPERM: NO_ACCESS,
    errno.EIO: IO_ERROR,
}
# Primary SQLite result codes (the low byte of an extended code).
_SQLITE_ERRORS = {
    sqlite3.SQLITE_FULL: DISK_FULL,
    sqlite3.SQLITE_READONLY: READ_ONLY,
    sqlite3.SQLITE_PERM: NO_ACCESS,
    sqlite3.SQLITE_BUSY: DB_BUSY,
    sqlite3.SQLITE_LOCKED: DB_BUSY,
    sqlite3.SQLITE_IOERR: IO_ERROR,
    sqlite3.SQLITE_CORRUPT: DB_DAMAGED,
    sqlite3.SQLITE_NOTADB: DB_DAMAGED,
    sqlite3.SQLITE_CANTOPEN: DB_CANT_OPEN,
}


def _causes(err: BaseException):
    seen: set[int] = set()
    todo: list[BaseException | None] = [err]
    while todo:
        current = todo.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [getattr(current, "orig", None), current.__cause__, current.__context__]


def describe(err: BaseException) -> str | None:
    """The Chinese sentence for an environment failure anywhere in ``err``'s causes, else None."""
    for cause in _causes(err):
        if isinstance(cause, StorageError):
            return str(cause)
        code = getattr(cause, "sqlite_errorcode", None)
        if isinstance(cause, sqlite3.Error) and code is not None and code & 0xFF in _SQLITE_ERRORS:
            return _SQLITE_ERRORS[code & 0xFF].format(where="数据库文件")
        if isinstance(cause, OSError) and cause.errno in _OS_ERRORS:
            where = f"“{cause.filename}”" if cause.filename else "文件"
            return _OS_ERRORS[cause.errno].format(where=where)
    return None


def storage_error(err: BaseException) -> StorageError | None:
    message = describe(err)
    return StorageError(message) if message else None


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file beside it, flushed, then renamed: a full
    disk or a pulled USB stick leaves the old file (or none), never half a file."""
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        problem = storage_error(err)
        if problem is None:
            raise
        raise problem from err
    return path
