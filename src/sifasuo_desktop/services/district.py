"""District mode: a database of many offices, filled from their USB packages.

A district database has the office schema with ``app_meta.mode = district``. The 区/县司法局 is
itself a unit in the ``office`` table (``app_meta.office_id`` points to it): its users sign in
to the district database exactly as an office's users sign in to theirs, its settings and audit
rows are its own, and the offices whose packages were merged are every other ``office`` row.

Merging checks every package first (``package_check``) and writes nothing when one fails. Then
each office's previous rows are replaced by the package's in one transaction (``district_merge``).
A package older than the one held is refused unless ``allow_older`` (the window asks first). The
district database is backed up before the first write.
"""

from __future__ import annotations

import os
import tempfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from sifasuo_desktop.core.errors import Cancelled, DatabaseError, UserError, ValidationError
from sifasuo_desktop.db.models import Meta, Office, PackageImport
from sifasuo_desktop.services import audit, backups, district_merge, office
from sifasuo_desktop.services.context import AppContext, open_database
from sifasuo_desktop.services.district_views import DISTRICT, is_district
from sifasuo_desktop.services.package_check import CheckedPackage, check_package, summary
from sifasuo_desktop.services.package_format import PackageError, PassphraseRequired

ProgressFn = Callable[[int, int, str], None]


def create_district(ctx: AppContext, *, code: str, name: str) -> AppContext:
    """Make an empty database a district database; returns the context bound to the district."""
    if ctx.office_id is not None:
        raise UserError("该数据库已经属于一个单位，不能改为区县汇总库")
    if not name.strip():
        raise ValidationError({"name": "请填写区县司法局名称"})
    if not (code.strip().isdigit() and len(code.strip()) == 6):
        raise ValidationError({"code": "区县代码应为6位数字（行政区划代码）"})
    with ctx.transaction() as session:
        unit = Office(code=code.strip(), name=name.strip())
        session.add(unit)
        session.flush()
        session.merge(Meta(key="office_id", value=unit.id))
        session.merge(Meta(key="mode", value=DISTRICT))
        bound = ctx.for_office(unit.id)
        audit.record_change(session, bound, unit, None, f"建立区县汇总库 {unit.name}")
    return bound


def open_district(path: Path, *, code: str | None = None, name: str | None = None,
                  first_package: Path | None = None) -> AppContext:
    """Open a district database, creating it when the file is new.

    A new one takes ``code`` and ``name``; missing, they come from ``first_package``'s office:
    the county's 6-digit region code and the office's 上级司法局.
    """
    path = Path(path)
    is_new = not path.exists() or path.stat().st_size == 0
    ctx = open_database(path)
    if is_new or ctx.office_id is None:
        if (not code or not name) and first_package is not None:
            first = summary(first_package)
            code = code or first.office_code[:6]
            name = name or first.office_county
        if not name:
            ctx.dispose()
            raise UserError("新建区县汇总库需要区县司法局名称（--district-name）")
        return create_district(ctx, code=code or "", name=name)
    if not is_district(ctx):
        ctx.dispose()
        raise UserError(f"“{path.name}”是司法所数据库，不是区县汇总库，不能合并数据包")
    return ctx


@dataclass(frozen=True)
class MergedOffice:
    office_code: str
    office_name: str
    exported_at: datetime
    file_name: str
    persons: int
    previous_exported_at: datetime | None   # the package it replaced, if any


@dataclass(frozen=True)
class MergeResult:
    merged: list[MergedOffice]
    skipped: list[str]           # older packages of an office merged in the same run
    backup: Path | None


class OlderPackageError(UserError):
    """Packages older than the ones held; ``items`` = (office name, package time, held time)."""

    def __init__(self, items: list[tuple[str, datetime, datetime]]):
        self.items = items
        lines = "\n".join(f"{name}：数据包导出于 {new:%Y-%m-%d %H:%M}，已导入的导出于 {held:%Y-%m-%d %H:%M}"
                          for name, new, held in items)
        super().__init__(f"以下数据包比已导入的旧，导入会退回到旧数据：\n{lines}")


def _held(session: Session, district_id: str, pkg: CheckedPackage) -> tuple[str | None, datetime | None]:
    """(office id, export time of its last merged package) of the office a package replaces."""
    ids = set(session.scalars(select(Office.id).where(
        (Office.id == pkg.office_id) | (Office.code == pkg.office_code), Office.id != district_id)))
    if len(ids) > 1:
        raise PackageError(pkg.path, "的单位编号与单位代码分属库中两个不同的司法所，请核对后再导入")
    held_id = ids.pop() if ids else None
    last = session.scalar(select(PackageImport.exported_at).where(PackageImport.office_id == held_id)
                          .order_by(PackageImport.exported_at.desc()).limit(1)) if held_id else None
    return held_id, last


def _newest_per_office(checked: list[CheckedPackage]) -> tuple[list[CheckedPackage], list[str]]:
    newest: dict[str, CheckedPackage] = {}
    for pkg in sorted(checked, key=lambda p: p.exported_at):
        newest[pkg.office_code] = pkg
    keep = list(newest.values())
    skipped = [p.path.name for p in checked if p not in keep]
    return keep, skipped


def _check_all(files: list[Path], workdir: Path, passphrases: dict[str, str], default: str | None,
               report: ProgressFn) -> list[CheckedPackage]:
    """Check every package (a few at a time: hashing and SQLite let other threads run)."""
    results: dict[int, CheckedPackage | BaseException] = {}
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1), thread_name_prefix="check") as pool:
        futures = {pool.submit(check_package, file, workdir / f"{index}.sqlite3",
                               passphrases.get(str(file), default)): index for index, file in enumerate(files)}
        try:
            for done, future in enumerate(as_completed(futures)):
                report(done, len(files) * 2, f"已检查 {files[futures[future]].name}")
                try:
                    results[futures[future]] = future.result()
                except (PackageError, DatabaseError) as err:
                    results[futures[future]] = err
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    ordered = [results[index] for index in range(len(files))]
    for item in ordered:
        if isinstance(item, PassphraseRequired):
            raise item
    problems = [str(item) for item in ordered if isinstance(item, BaseException)]
    if problems:
        raise UserError("以下数据包未通过检查，没有导入任何数据：\n" + "\n".join(problems))
    return ordered


def merge_packages(ctx: AppContext, files: list[Path], *, passphrases: dict[str, str] | None = None,
                   passphrase: str | None = None, allow_older: bool = False, progress: ProgressFn | None = None,
                   now: datetime | None = None) -> MergeResult:
    """文件 → 导入数据包: check all packages, then merge each office's newest one."""
    report = progress or (lambda done, total, message="": None)
    if not is_district(ctx):
        raise UserError("只有区县汇总库可以导入数据包；司法所数据库请使用“导出U盘数据包”")
    files = [Path(f) for f in files]
    if not files:
        raise UserError("请选择要导入的数据包")
    now = now or datetime.now()
    with tempfile.TemporaryDirectory(prefix="sifasuo-merge-", dir=Path(ctx.path).parent) as tmp:
        checked = _check_all(files, Path(tmp), passphrases or {}, passphrase, report)
        checked, skipped = _newest_per_office(checked)
        plans, older = [], []
        own_code = office.get_office(ctx).code
        with ctx.reading() as session:
            for pkg in checked:
                if pkg.office_id == ctx.office_id or pkg.office_code == own_code:
                    raise PackageError(pkg.path, "的单位代码与本区县汇总库相同，不能导入")
                held_id, held_at = _held(session, ctx.office_id, pkg)
                if held_at is not None and pkg.exported_at < held_at:
                    older.append((pkg.office_name, pkg.exported_at, held_at))
                plans.append((pkg, held_id, held_at))
        if older and not allow_older:
            raise OlderPackageError(older)
        report(len(files), len(files) * 2, "正在备份汇总库…")
        backup = backups.backup_now(ctx, backups.MERGE)

        def quietly(done: int, total: int, message: str = "") -> None:
            try:  # merging is quick and goes by whole offices: it is not cancelled halfway
                report(len(files) + done, len(files) + total, message)
            except Cancelled:
                pass

        district_merge.merge(ctx, [district_merge.Plan(*plan) for plan in plans], now, quietly)
        merged = [MergedOffice(pkg.office_code, pkg.office_name, pkg.exported_at, pkg.path.name,
                               pkg.manifest["counts"].get("person", 0), held_at) for pkg, _held_id, held_at in plans]
    return MergeResult(merged, skipped, backup)
