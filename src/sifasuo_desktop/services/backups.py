"""Backups of the database file: automatic and rotating, by hand, listed, restored.

Automatic backups (on exit, before a migration, an import, a merge or a restore) go into the
``backups`` folder beside the database, named ``<stem>-<YYYYmmdd-HHMMSS>-<reason>.sqlite3``.
Rotation keeps, like ``borg prune``, the newest backup of each of the last ``backup_keep_daily``
days that have backups and of each of the last ``backup_keep_monthly`` months; the backups made
before a restore or an upgrade are kept at least ``backup_keep_daily`` days whatever else happens
that day, and the newest backup is never deleted.

Restoring replaces the open database file: the caller's context is disposed, the file is swapped
atomically and a new context is returned; the window rebuilds itself on it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sifasuo_desktop.core import paths
from sifasuo_desktop.core.errors import DatabaseError
from sifasuo_desktop.core.settings import AppSettings
from sifasuo_desktop.db.backup import automatic_backup, backup_to, integrity_ok, parse_backup_name
from sifasuo_desktop.db.migrate import HEAD_REVISION, KNOWN_REVISIONS, current_revision, upgrade
from sifasuo_desktop.services import audit
from sifasuo_desktop.services.context import AppContext, open_database
from sifasuo_desktop.services.office import app_settings

log = logging.getLogger(__name__)

EXIT, MANUAL, IMPORT, MERGE, RESTORE = "exit", "manual", "import", "merge", "restore"
REASON_LABELS = {EXIT: "退出时", MANUAL: "手动", IMPORT: "导入前", MERGE: "合并数据包前", RESTORE: "恢复前",
                 "upgrade": "升级前"}
PROTECTED = ("restore", "upgrade")
# What a backup's description counts (the confirmation before a restore names these).
COUNTED = (("person", "人员"), ("visit", "走访记录"), ("mediation_case", "调解案件"))


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime
    reason: str                    # reason code; "" for a file chosen by hand
    unit_name: str                 # the office (or district) whose data it holds
    counts: dict[str, int]         # label -> rows not deleted

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason.split("-")[0], self.reason or "其他")

    def describe(self) -> str:
        counts = "、".join(f"{label}{n}" for label, n in self.counts.items())
        return f"{self.made_at:%Y-%m-%d %H:%M}（{counts}）"


def _path_and_settings(ctx_or_path: AppContext | Path) -> tuple[Path, AppSettings]:
    path = Path(ctx_or_path.path if isinstance(ctx_or_path, AppContext) else ctx_or_path)
    if not path.exists():
        raise DatabaseError(f"数据库文件不存在：{path}")
    if isinstance(ctx_or_path, AppContext):
        return path, app_settings(ctx_or_path)
    if current_revision(path) is None:  # also refuses a damaged or foreign file with its message
        raise DatabaseError(f"“{path.name}”是空数据库，无需备份")
    ctx = open_database(path, migrate=False)
    try:
        return path, app_settings(ctx)
    finally:
        ctx.dispose()


def backup_now(ctx_or_path: AppContext | Path, reason: str, now: datetime | None = None,
               rotate_after: bool = True) -> Path:
    """An automatic backup of the database, then rotation of the backup folder. Returns the file."""
    path, settings = _path_and_settings(ctx_or_path)
    target = automatic_backup(path, reason, now)
    log.info("backup (%s) of %s to %s", reason, path, target)
    if rotate_after:
        rotate(path, settings.backup_keep_daily, settings.backup_keep_monthly, now)
    return target


def backup_to_file(ctx: AppContext, target: Path) -> Path:
    """文件 → 备份: a consistent copy to a file the user chose (never rotated)."""
    result = backup_to(Path(ctx.path), Path(target))
    with ctx.transaction() as session:
        audit.record(session, ctx, audit.EXPORT, summary=f"备份数据库到 {Path(target).name}")
    return result


def _automatic(db_path: Path) -> list[tuple[datetime, str, Path]]:
    """(made at, reason, file) of the automatic backups of ``db_path``, newest first."""
    folder = paths.backup_dir(db_path)
    if not folder.is_dir():
        return []
    found = []
    for file in folder.iterdir():
        name = parse_backup_name(db_path, file)
        if name:
            found.append(((name.made_at, name.seq), name.reason, file))
    return [(made[0], reason, file) for made, reason, file in sorted(found, key=lambda f: f[0], reverse=True)]


def _newest_per(backups: list[tuple[datetime, str, Path]], key, keep: int) -> set[Path]:
    kept: dict[object, Path] = {}
    for made_at, _reason, file in backups:  # newest first
        bucket = key(made_at)
        if bucket not in kept:
            if len(kept) >= keep:
                break
            kept[bucket] = file
    return set(kept.values())


def rotate(db_path: Path, keep_daily: int, keep_monthly: int, now: datetime | None = None) -> list[Path]:
    """Delete the automatic backups the rules do not keep. Returns the deleted files."""
    backups = _automatic(Path(db_path))
    if not backups:
        return []
    today = (now or datetime.now()).date()
    keep = {backups[0][2]}
    keep |= _newest_per(backups, lambda t: t.date(), keep_daily)
    keep |= _newest_per(backups, lambda t: (t.year, t.month), keep_monthly)
    keep |= {file for made_at, reason, file in backups
             if reason.startswith(PROTECTED) and made_at.date() > today - timedelta(days=keep_daily)}
    deleted = []
    for _made_at, _reason, file in backups:
        if file not in keep:
            try:
                file.unlink()
                deleted.append(file)
            except OSError as err:  # a locked file is simply kept until next time
                log.warning("could not delete old backup %s: %s", file, err)
    return deleted


def _read_backup(file: Path) -> tuple[str | None, str, dict[str, int]]:
    """(unit id, unit name, counts) of a backup file; DatabaseError when it is not usable."""
    revision = current_revision(file)
    if revision is None:
        raise DatabaseError(f"文件“{file.name}”是空数据库，不是备份")
    con = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
    try:
        meta = dict(con.execute("SELECT key, value FROM app_meta"))
        unit_id = meta.get("office_id")
        row = con.execute("SELECT name FROM office WHERE id = ?", (unit_id,)).fetchone()
        counts = {label: con.execute(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0]
                  for table, label in COUNTED}
    except sqlite3.DatabaseError as err:
        raise DatabaseError(f"文件“{file.name}”已损坏，不能用于恢复：{err}") from err
    finally:
        con.close()
    return unit_id, row[0] if row else "", counts


def describe_backup(file: Path, made_at: datetime | None = None, reason: str = "") -> BackupInfo:
    unit_id, unit_name, counts = _read_backup(Path(file))
    when = made_at or datetime.fromtimestamp(Path(file).stat().st_mtime)
    return BackupInfo(Path(file), when, reason, unit_name, counts)


def list_backups(ctx_or_path: AppContext | Path) -> list[BackupInfo]:
    """The automatic backups of the database, newest first (damaged files are left out)."""
    db_path = Path(ctx_or_path.path if isinstance(ctx_or_path, AppContext) else ctx_or_path)
    found = []
    for made_at, reason, file in _automatic(db_path):
        try:
            found.append(describe_backup(file, made_at, reason))
        except DatabaseError as err:
            log.warning("backup %s unreadable: %s", file, err)
    return found


def check_restorable(ctx: AppContext, info: BackupInfo) -> None:
    """Refuse a backup of another unit, a newer program's or a damaged one, before anything is done."""
    unit_id, unit_name, _counts = _read_backup(info.path)
    if unit_id != ctx.office_id:
        raise DatabaseError(f"该备份属于“{unit_name or '未建立单位的数据库'}”，不是本单位的数据，不能恢复。")
    revision = current_revision(info.path)
    if revision != HEAD_REVISION and revision not in KNOWN_REVISIONS:
        raise DatabaseError(f"该备份来自较新版本的程序（{revision}），请升级程序后再恢复。")
    ok, message = integrity_ok(info.path)
    if not ok:
        raise DatabaseError(f"该备份文件已损坏（{message}），不能用于恢复。")


@dataclass(frozen=True)
class RestoreResult:
    ctx: AppContext            # a fresh context on the restored file (same user)
    restored: BackupInfo
    safety_backup: Path        # the current data, backed up first


def _leave_wal(db_path: Path) -> None:
    """Fold the write-ahead log into the file and switch it off, so the file stands alone."""
    con = sqlite3.connect(db_path, timeout=1)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except sqlite3.OperationalError:
        mode = "busy"
    finally:
        con.close()
    if mode != "delete":
        raise DatabaseError("数据库正被其他程序或窗口使用，无法恢复，未作任何修改。请关闭其他使用该数据库的程序后重试。")


def restore_backup(ctx: AppContext, info: BackupInfo, now: datetime | None = None) -> RestoreResult:
    """Replace the database with the backup ``info``; the current file is backed up first.

    ``ctx`` is disposed: the caller must use ``result.ctx`` from then on (and no other thread may
    use the old one). Nothing changes when a check fails.
    """
    check_restorable(ctx, info)
    db_path = Path(ctx.path)
    safety = backup_now(ctx, RESTORE, now, rotate_after=False)  # never rotate away the backup being restored
    staged = db_path.with_name(db_path.name + ".restore")
    staged.unlink(missing_ok=True)
    try:
        backup_to(info.path, staged)
        upgrade(staged, backup=False)
        ctx.dispose()
        _leave_wal(db_path)
        os.replace(staged, db_path)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    fresh = open_database(db_path, today=ctx.today_override).as_user(ctx.user)
    with fresh.transaction() as session:
        audit.record(session, fresh, audit.RESTORE, summary=(
            f"从备份恢复：{info.path.name}（{info.describe()}）；恢复前的数据已备份为 {safety.name}"))
    log.info("restored %s from %s (safety backup %s)", db_path, info.path, safety)
    return RestoreResult(fresh, info, safety)
