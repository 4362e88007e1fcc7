"""Checks of an office package before a district database takes anything from it.

In order: a readable zip with this program's manifest; the data's size and SHA-256; the
passphrase (encrypted packages); a SQLite database of this program whose schema revision this
program knows (a newer one is refused: 请升级程序; an older one is upgraded in the temporary
copy, never in the package); ``quick_check`` and ``foreign_key_check``; an office database whose
office code is present and agrees with the manifest; row counts equal to the manifest's; no rows
of any other office.

``quick_check`` rather than ``integrity_check`` (six times slower): the merge reads the tables,
never the package's indexes, and builds the district's own, so what ``integrity_check`` adds
(indexes agreeing with their tables) cannot reach the district; a broken UNIQUE constraint fails
the merge's transaction instead.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sifasuo_desktop.core.errors import DatabaseError
from sifasuo_desktop.db.migrate import HEAD_REVISION, KNOWN_REVISIONS, current_revision, upgrade
from sifasuo_desktop.services.office_scope import exchanged_tables
from sifasuo_desktop.services.package_format import PackageError, read_manifest, unpack


@dataclass(frozen=True)
class PackageSummary:
    """What the manifest says, readable without the passphrase (shown before importing)."""

    path: Path
    office_code: str
    office_name: str
    office_county: str
    exported_at: datetime
    encrypted: bool
    options: dict[str, Any]


@dataclass(frozen=True)
class CheckedPackage:
    path: Path
    db_path: Path                 # the checked copy, at the program's schema revision
    manifest: dict[str, Any]      # with the counts (unsealed when encrypted)
    office_id: str
    office_code: str
    office_name: str
    exported_at: datetime
    upgraded_from: str | None


def _exported_at(path: Path, manifest: dict[str, Any]) -> datetime:
    try:
        return datetime.fromisoformat(manifest["exported_at"])
    except (TypeError, ValueError):
        raise PackageError(path, "的清单中导出时间无效") from None


def summary(path: Path) -> PackageSummary:
    path = Path(path)
    manifest = read_manifest(path)
    unit = manifest.get("office") or {}
    if not str(unit.get("code") or "").strip():
        raise PackageError(path, "的清单中没有单位代码，不能导入")
    return PackageSummary(path, unit["code"], unit.get("name") or "", unit.get("county") or "",
                          _exported_at(path, manifest),
                          bool(manifest.get("encrypted")), manifest.get("options") or {})


def _check_database(path: Path, db: Path, manifest: dict[str, Any]) -> tuple[str, str]:
    """The office id and name of the unpacked database, after all content checks."""
    try:
        revision = current_revision(db)
    except DatabaseError:
        raise PackageError(path, "中的数据不是本程序的数据库，未导入") from None
    if revision is None:
        raise PackageError(path, "中的数据库是空的，未导入")
    if revision != manifest["schema_revision"]:
        raise PackageError(path, "的清单与数据不符（数据库版本不同），未导入")
    if revision != HEAD_REVISION and revision not in KNOWN_REVISIONS:
        raise PackageError(path, f"来自较新版本的程序（数据库版本 {revision}），请升级程序后再导入")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        result = con.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise PackageError(path, f"中的数据库已损坏（{result}），未导入")
        meta = dict(con.execute("SELECT key, value FROM app_meta"))
        if meta.get("mode", "office") != "office":
            raise PackageError(path, "是区县汇总数据库，不是司法所数据包，未导入")
        row = con.execute("SELECT id, code, name FROM office WHERE id = ?", (meta.get("office_id"),)).fetchone()
        if row is None or not str(row[1] or "").strip():
            raise PackageError(path, "中没有司法所单位代码，未导入")
        office_id, code, name = row
        if code != (manifest.get("office") or {}).get("code"):
            raise PackageError(path, "的清单与数据不符（单位代码不同），未导入")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables
                  if not t.startswith("sqlite_")}
        if counts != manifest.get("counts"):
            raise PackageError(path, "的清单与数据不符（记录数不同），未导入")
        if con.execute("SELECT count(*) FROM office").fetchone()[0] != 1:
            raise PackageError(path, "中含有多个单位的数据，不是一个司法所的数据包，未导入")
        for table in exchanged_tables():
            if table.name in tables and "office_id" in table.columns and con.execute(
                    f"SELECT 1 FROM {table.name} WHERE office_id <> ? LIMIT 1", (office_id,)).fetchone():
                raise PackageError(path, "中含有其他单位的数据，未导入")
        if con.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise PackageError(path, "中的数据库记录不完整（有引用不到的记录），未导入")
    except sqlite3.DatabaseError as err:
        raise PackageError(path, f"中的数据库已损坏（{err}），未导入") from err
    finally:
        con.close()
    return office_id, name


def check_package(path: Path, workfile: Path, passphrase: str | None = None,
                  progress: Callable[[int, int], None] | None = None) -> CheckedPackage:
    """Check ``path`` completely and leave a usable copy of its database at ``workfile``."""
    path = Path(path)
    manifest = unpack(path, workfile, passphrase, progress)
    try:
        exported_at = _exported_at(path, manifest)
        office_id, name = _check_database(path, workfile, manifest)
        revision = manifest["schema_revision"]
        upgraded_from = None
        if revision != HEAD_REVISION:
            upgrade(workfile, backup=False)
            upgraded_from = revision
    except BaseException:
        workfile.unlink(missing_ok=True)
        raise
    return CheckedPackage(path, workfile, manifest, office_id, manifest["office"]["code"], name, exported_at,
                          upgraded_from)
