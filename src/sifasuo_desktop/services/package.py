"""文件 → 导出U盘数据包: one checked (optionally encrypted) file for the district.

The package holds a consistent copy of the office database (the online backup API, so the
program may keep working meanwhile) and a manifest (see ``package_format``). The copy never
carries password hashes: the stick can be lost, and the district signs in with its own users.

Options for a smaller copy, stated in the manifest:

- a period [S, E]: persons on the aftercare register on some day of [S−1, E] or in correction
  during [S, E], with all their history; visits, correction activities and the audit log dated
  in [S, E]; mediation cases open during [S, E], confirmed or followed up in it; frozen reports
  overlapping it. That is everything the 7号表 and the mediation table need for any period
  inside [S, E].
- without attachments (the scans are the bulk of a large database).

The file is written under a temporary name and renamed when complete and flushed: a full stick
or a pulled-out stick leaves no partial package.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sifasuo_desktop import __version__
from sifasuo_desktop.core.errors import UserError, ValidationError
from sifasuo_desktop.db.backup import snapshot
from sifasuo_desktop.db.engine import sqlite_version
from sifasuo_desktop.db.models import Base
from sifasuo_desktop.services import audit, office
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.package_format import CHUNK, SUFFIX, file_chunks, write_package

MIN_PASSPHRASE = 6
MEMORY_COPY_LIMIT = 128 * 2**20   # the in-memory copy needs twice this much memory at its peak
ProgressFn = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ExportOptions:
    period_start: date | None = None
    period_end: date | None = None
    attachments: bool = True

    def check(self) -> None:
        if (self.period_start is None) != (self.period_end is None):
            raise ValidationError({"period": "请同时填写期间的起止日期"})
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValidationError({"period": "期间的开始日期不能晚于结束日期"})

    def as_manifest(self) -> dict[str, Any]:
        return {"period_start": self.period_start.isoformat() if self.period_start else None,
                "period_end": self.period_end.isoformat() if self.period_end else None,
                "attachments": self.attachments, "password_hashes": False}

    def describe(self) -> str:
        parts = [f"期间 {self.period_start}至{self.period_end}" if self.period_start else "全部数据"]
        if not self.attachments:
            parts.append("不含附件")
        return "，".join(parts)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    size: int
    encrypted: bool
    counts: dict[str, int]


def package_file_name(code: str, name: str, when: datetime) -> str:
    """``<office code>-<office name>-<YYYYmmdd-HHMMSS>.sfpkg`` (characters Windows refuses removed)."""
    safe_name = re.sub(r'[\\/:*?"<>|\s]+', "", name) or "司法所"
    return f"{code}-{safe_name}-{when:%Y%m%d-%H%M%S}{SUFFIX}"


def _disk_error(err: OSError, target: Path) -> UserError:
    if err.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return UserError(f"磁盘空间不足，数据包未能写完（{target.parent}）。未留下不完整的文件。"
                         "请换一个空间足够的U盘，或选择“不含附件”以减小数据包后重试。")
    return UserError(f"无法写入数据包“{target.name}”：{err.strerror or err}。未留下不完整的文件。"
                     "请检查U盘是否已插好、是否写保护。")


def _period_filter(con: sqlite3.Connection, start: date, end: date) -> None:
    s, e = start.isoformat(), end.isoformat()
    day_before, day_after = (start - timedelta(days=1)).isoformat(), (end + timedelta(days=1)).isoformat()
    params = {"s": s, "e": e, "s1": day_before, "e1": day_after}
    for sql in (
        """DELETE FROM person WHERE id NOT IN (
               SELECT person_id FROM aftercare_term WHERE register_start <= :e AND end_date >= :s1
               UNION SELECT person_id FROM correction_term
                     WHERE start_date <= :e AND COALESCE(actual_end_date, end_date) >= :s)""",
        "DELETE FROM visit WHERE visit_date < :s OR visit_date > :e",
        "DELETE FROM correction_activity WHERE activity_date < :s OR activity_date > :e",
        """DELETE FROM mediation_case WHERE NOT (
               (acceptance_date <= :e AND (concluded_date IS NULL OR concluded_date >= :s))
               OR (judicial_confirm_date IS NOT NULL AND judicial_confirm_date BETWEEN :s AND :e)
               OR id IN (SELECT case_id FROM mediation_followup WHERE followup_date BETWEEN :s AND :e))""",
        "DELETE FROM audit_log WHERE at < :s OR at >= :e1",
        "DELETE FROM frozen_report WHERE period_end < :s OR period_start > :e",
        "DELETE FROM due_postponement WHERE subject_id NOT IN (SELECT id FROM person UNION SELECT id FROM mediation_case)",
    ):
        con.execute(sql, params)


def _prepare(con: sqlite3.Connection, options: ExportOptions) -> None:
    """Strip what must not or need not travel; compact the copy when rows were removed."""
    con.execute("PRAGMA foreign_keys=ON")  # period filtering relies on ON DELETE CASCADE
    con.execute("BEGIN")
    con.execute("UPDATE user_account SET password_hash = '', failed_attempts = 0, locked_until = NULL")
    before = con.total_changes
    if options.period_start:
        _period_filter(con, options.period_start, options.period_end)
    if not options.attachments:
        con.execute("DELETE FROM attachment")
    owners = [r[0] for r in con.execute("SELECT DISTINCT owner_table FROM attachment")]
    for owner in owners:
        if owner in Base.metadata.tables:  # an attachment goes with its record
            con.execute(f"DELETE FROM attachment WHERE owner_table = ? AND owner_id NOT IN (SELECT id FROM {owner})",
                        (owner,))
    removed = con.total_changes > before
    con.execute("COMMIT")
    if removed:
        con.execute("VACUUM")


def table_counts(con: sqlite3.Connection) -> dict[str, int]:
    names = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def _memory_chunks(image: bytes) -> Iterator[bytes | memoryview]:
    """The in-memory copy as a plain single file. Its header still says WAL (file format bytes
    18-19 = 2, copied from the live file); set them to 1 (legacy), as ``PRAGMA journal_mode=DELETE``
    leaves a file, so the package's database opens on its own, read-only."""
    view = memoryview(image)
    yield bytes(view[:18]) + b"\x01\x01" + bytes(view[20:CHUNK])
    for start in range(CHUNK, len(view), CHUNK):
        yield view[start:start + CHUNK]


def _database_image(source: Path, options: ExportOptions, workdir: Path):
    """A prepared consistent copy of ``source``: (chunks, size, row counts, schema revision).

    Up to ``MEMORY_COPY_LIMIT`` the copy is made in memory, so the only file written is the
    package itself; a larger database is copied to a scratch file in ``workdir``.
    """
    in_memory = source.stat().st_size <= MEMORY_COPY_LIMIT and hasattr(sqlite3.Connection, "serialize")
    scratch = workdir / "data.sqlite3"
    if in_memory:
        con = sqlite3.connect(":memory:", isolation_level=None)
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
        try:
            src.backup(con, pages=-1)  # one step, one snapshot (see db.backup)
        finally:
            src.close()
    else:
        snapshot(source, scratch)
        con = sqlite3.connect(scratch, isolation_level=None)
        con.execute("PRAGMA journal_mode=DELETE")
    try:
        _prepare(con, options)
        counts = table_counts(con)
        revision = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        if not in_memory:
            return file_chunks(scratch), scratch.stat().st_size, counts, revision
        image = con.serialize()
    finally:
        con.close()
    return _memory_chunks(image), len(image), counts, revision


def export_package(ctx: AppContext, out_dir: Path, *, passphrase: str | None = None,
                   options: ExportOptions = ExportOptions(), progress: ProgressFn | None = None,
                   now: datetime | None = None) -> ExportResult:
    """Write the office's package into ``out_dir``; audited. Returns the file written."""
    report = progress or (lambda done, total, message="": None)
    info = office.get_office(ctx)
    if info is None or office.database_mode(ctx) != "office":
        raise UserError("只有司法所数据库可以导出数据包")
    options.check()
    if passphrase is not None and len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError({"passphrase": f"数据包密码至少{MIN_PASSPHRASE}位"})
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise UserError(f"文件夹不存在：{out_dir}")
    now = (now or datetime.now()).replace(microsecond=0)
    target = out_dir / package_file_name(info.code, info.name, now)
    if target.exists():
        raise UserError(f"文件夹中已有同名数据包“{target.name}”，请稍后再导出或换一个文件夹")
    partial = target.with_name(target.name + ".part")
    try:
        with tempfile.TemporaryDirectory(prefix="sifasuo-export-", dir=Path(ctx.path).parent) as tmp:
            report(0, 100, "正在复制数据库…")
            chunks, size, counts, revision = _database_image(Path(ctx.path), options, Path(tmp))
            manifest = {
                "office": {"id": info.id, "code": info.code, "name": info.name, "county": info.county},
                "exported_at": now.isoformat(), "exported_by": ctx.user.display_name,
                "program_version": __version__, "schema_revision": revision,
                "sqlite_version": sqlite_version(), "options": options.as_manifest(), "counts": counts,
            }
            report(30, 100, "正在写入数据包…")
            write_package(partial, chunks, size, manifest, passphrase,
                          lambda done, total: report(30 + 69 * done // max(total, 1), 100, "正在写入数据包…"))
            os.replace(partial, target)
    except OSError as err:
        partial.unlink(missing_ok=True)
        raise _disk_error(err, target) from err
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    size = target.stat().st_size
    with ctx.transaction() as session:
        audit.record(session, ctx, audit.EXPORT, table="package", summary=(
            f"导出U盘数据包 {target.name}（{options.describe()}，{'已加密' if passphrase else '未加密'}，"
            f"人员{counts.get('person', 0)}）"), after={"file": target.name, "size": size, **options.as_manifest()})
    report(100, 100, "完成")
    return ExportResult(target, size, bool(passphrase), counts)
