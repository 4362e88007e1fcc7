"""``check`` and ``backup``: the state of a database file, and a consistent copy of it."""

from __future__ import annotations

from pathlib import Path

from sifasuo_desktop.services import backups, maintenance


def register(sub) -> None:
    check = sub.add_parser("check", help="检查数据库：完整性、版本、记录数")
    check.set_defaults(func=_check)
    backup = sub.add_parser("backup", help="备份数据库（一致性副本）")
    backup.add_argument("--out", type=Path, help="备份文件（不填则备份到数据库旁的 backups 文件夹，并轮换旧备份）")
    backup.set_defaults(func=_backup)


def _check(db_path: Path, args) -> int:
    report = maintenance.check(db_path)
    print(f"数据库：{report.path}")
    print(f"完整性：{'正常' if report.integrity_ok else '异常 ' + report.integrity_message}")
    print(f"版本：{report.revision}（程序支持 {report.program_revision}）")
    print(f"SQLite：{report.sqlite_version}")
    for table, count in report.counts.items():
        print(f"  {table}: {'无法读取（已损坏）' if count is None else count}")
    return 0 if report.integrity_ok and report.revision == report.program_revision else 1


def _backup(db_path: Path, args) -> int:
    target = maintenance.backup(db_path, args.out) if args.out else backups.backup_now(db_path, backups.MANUAL)
    print(f"已备份到 {target}")
    return 0
