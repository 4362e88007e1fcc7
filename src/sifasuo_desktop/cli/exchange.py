"""``export``, ``merge``, ``backups`` and ``restore``: the USB package and the backups, headless."""

from __future__ import annotations

import sys
from pathlib import Path

from sifasuo_desktop.cli.progress import TextProgress
from sifasuo_desktop.core.errors import DatabaseError, UserError
from sifasuo_desktop.domain.dates import parse_iso
from sifasuo_desktop.services import backups, district, package
from sifasuo_desktop.services.context import AppContext, open_database
from sifasuo_desktop.services.package_format import PassphraseRequired


def register(sub) -> None:
    export = sub.add_parser("export", help="导出U盘数据包（报送区县）")
    export.add_argument("--out", type=Path, required=True, help="保存数据包的文件夹（如U盘）")
    export.add_argument("--passphrase-file", type=Path, help="数据包密码所在的文本文件（加密数据包）")
    export.add_argument("--from", dest="period_start", help="只导出该期间：开始日期 YYYY-MM-DD")
    export.add_argument("--to", dest="period_end", help="只导出该期间：结束日期 YYYY-MM-DD")
    export.add_argument("--no-attachments", action="store_true", help="不含附件（数据包更小）")
    export.set_defaults(func=_export)

    merge = sub.add_parser("merge", help="区县：导入各司法所的数据包（--db 为区县汇总库）")
    merge.add_argument("packages", type=Path, nargs="+", metavar="数据包")
    merge.add_argument("--passphrase-file", type=Path, help="加密数据包的密码所在的文本文件")
    merge.add_argument("--district-name", help="新建汇总库时：区县司法局名称（默认取数据包中的上级司法局）")
    merge.add_argument("--district-code", help="新建汇总库时：6位区县代码（默认取单位代码前6位）")
    merge.add_argument("--allow-older", action="store_true", help="允许用较旧的数据包替换已导入的数据")
    merge.set_defaults(func=_merge)

    listing = sub.add_parser("backups", help="列出自动备份（时间、原因、记录数）")
    listing.set_defaults(func=_list_backups)

    restore = sub.add_parser("restore", help="从备份恢复（当前数据先自动备份）")
    restore.add_argument("backup", type=Path, metavar="备份文件")
    restore.add_argument("--yes", action="store_true", help="不再询问，直接恢复")
    restore.set_defaults(func=_restore)


def _open_existing(db_path: Path) -> AppContext:
    if not db_path.exists():
        raise DatabaseError(f"数据库文件不存在：{db_path}")
    return open_database(db_path)


def _passphrase(file: Path | None) -> str | None:
    if file is None:
        return None
    try:
        return file.read_text(encoding="utf-8").strip("\r\n")
    except OSError as err:
        raise UserError(f"无法读取密码文件 {file}：{err.strerror}") from err


def _date(text: str | None):
    try:
        return parse_iso(text) if text else None
    except ValueError as err:
        raise UserError(str(err)) from err


def _export(db_path: Path, args) -> int:
    options = package.ExportOptions(_date(args.period_start), _date(args.period_end),
                                    attachments=not args.no_attachments)
    ctx = _open_existing(db_path)
    try:
        result = package.export_package(ctx, args.out, passphrase=_passphrase(args.passphrase_file),
                                        options=options, progress=TextProgress())
    finally:
        ctx.dispose()
    print(f"已导出 {result.path}（{result.size / 1_048_576:.1f} MB，{'已加密' if result.encrypted else '未加密'}，"
          f"人员 {result.counts.get('person', 0)}）")
    return 0


def _merge(db_path: Path, args) -> int:
    ctx = district.open_district(db_path, code=args.district_code, name=args.district_name,
                                 first_package=args.packages[0])
    try:
        result = district.merge_packages(ctx, args.packages, passphrase=_passphrase(args.passphrase_file),
                                         allow_older=args.allow_older, progress=TextProgress())
    except PassphraseRequired as err:
        raise UserError(f"{err}（用 --passphrase-file 指定密码文件）") from err
    except district.OlderPackageError as err:
        raise UserError(f"{err}\n确需导入时请加 --allow-older") from err
    finally:
        ctx.dispose()
    for item in result.merged:
        replaced = f"，替换了导出于 {item.previous_exported_at:%Y-%m-%d %H:%M} 的数据" if item.previous_exported_at else ""
        print(f"已导入 {item.office_code} {item.office_name}：导出于 {item.exported_at:%Y-%m-%d %H:%M}，"
              f"人员 {item.persons}{replaced}")
    for name in result.skipped:
        print(f"已跳过 {name}（同一司法所有更新的数据包）")
    return 0


def _list_backups(db_path: Path, args) -> int:
    found = backups.list_backups(db_path)
    if not found:
        print("没有自动备份")
    for info in found:
        print(f"{info.made_at:%Y-%m-%d %H:%M:%S}  {info.reason_label:<6}  {info.describe()}  {info.path}")
    return 0


def _restore(db_path: Path, args) -> int:
    ctx = _open_existing(db_path)
    try:
        info = backups.describe_backup(args.backup)
        backups.check_restorable(ctx, info)
        if not args.yes:
            answer = input(f"将把数据恢复为 {info.describe()} 的备份，当前数据会先备份。确定恢复吗？(y/N) ")
            if answer.strip().lower() not in ("y", "yes", "是"):
                print("已取消，未作任何修改")
                return 1
        result = backups.restore_backup(ctx, info)
        result.ctx.dispose()
    finally:
        ctx.dispose()
    print(f"已恢复为 {info.describe()} 的备份；恢复前的数据已备份为 {result.safety_backup}", file=sys.stdout)
    return 0
