"""``template``, ``import`` and ``export-list``: Excel in and out without the window."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from sifasuo_desktop.cli.progress import TextProgress
from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.services import excel_export, excel_import
from sifasuo_desktop.services.context import AppContext, open_database


def register(sub) -> None:
    template = sub.add_parser("template", help="生成空白导入模板（Excel）")
    template.add_argument("kind", choices=["roster", "visits", "mediation"],
                          help="roster 安置帮教对象 / visits 走访记录 / mediation 人民调解台账")
    template.add_argument("--out", type=Path, required=True, help="输出文件 .xlsx")
    template.set_defaults(func=_template)

    imp = sub.add_parser("import", help="导入Excel（安置帮教对象、走访记录、人民调解台账）")
    imp.add_argument("file", type=Path, help="Excel 文件 .xlsx")
    imp.add_argument("--update", action="store_true", help="更新系统中已有的人员")
    imp.add_argument("--valid-only", action="store_true", help="只导入无误的行（有错误的行列出后跳过）")
    imp.set_defaults(func=_import)

    export = sub.add_parser("export-list", help="导出名单（Excel）")
    export.add_argument("kind", choices=list(excel_export.LIST_KINDS),
                        help="roster 花名册 / unconnected 未衔接人员 / visits 走访记录 / mediation 人民调解台账")
    export.add_argument("--out", type=Path, required=True, help="输出文件 .xlsx")
    export.add_argument("--village", help="只导出这个村(社区)")
    export.add_argument("--full-id", action="store_true", help="导出完整的公民身份号码（默认遮蔽）")
    export.add_argument("--all", action="store_true", dest="include_ended", help="花名册包含已解除的帮教期")
    export.add_argument("--columns", help="花名册的列，用逗号分隔的列名（默认：模板的全部列）")
    export.add_argument("--from", dest="start", type=date.fromisoformat, help="起始日期 YYYY-MM-DD")
    export.add_argument("--to", dest="end", type=date.fromisoformat, help="截止日期 YYYY-MM-DD")
    export.set_defaults(func=_export)


def _open(db_path: Path) -> AppContext:
    if not Path(db_path).exists():
        raise UserError(f"数据库文件不存在：{db_path}")
    ctx = open_database(Path(db_path))
    if ctx.office_id is None:
        ctx.dispose()
        raise UserError("数据库中还没有建立司法所，请先启动程序完成初始设置")
    return ctx


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as err:
        raise UserError(f"无法写入文件 {path}：{err.strerror}") from None


def _template(db_path: Path, args) -> int:
    if Path(db_path).exists():
        ctx = _open(db_path)
        try:
            data = excel_export.template(ctx, args.kind)
        finally:
            ctx.dispose()
    else:
        data = excel_export.template(None, args.kind)
    _write(args.out, data)
    print(f"已生成模板 {args.out}")
    return 0


def _import(db_path: Path, args) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as err:
        raise UserError(f"无法读取文件 {args.file}：{err.strerror}") from None
    ctx = _open(db_path)
    try:
        result = excel_import.import_excel(ctx, data, file_name=args.file.name, update=args.update,
                                           valid_only=args.valid_only, progress=TextProgress(sys.stderr))
    finally:
        ctx.dispose()
    for issue in result.issues:
        where = f"{issue.sheet} 第{issue.row}行" if issue.row else issue.sheet
        column = f" {issue.column}" if issue.column else ""
        value = f"“{issue.value}”" if issue.value else ""
        print(f"[{issue.level}] {where}{column} {value} {issue.reason}".replace("  ", " "))
    print(result.summary())
    return 1 if result.errors else 0


def _export(db_path: Path, args) -> int:
    ctx = _open(db_path)
    columns = None
    if args.columns:
        by_header = {c.header: c.key for c in excel_export.roster_columns()}
        names = [n.strip().rstrip("*") for n in args.columns.replace("，", ",").split(",") if n.strip()]
        unknown = [n for n in names if n not in by_header]
        if unknown:
            raise UserError(f"花名册没有这些列：{'、'.join(unknown)}")
        columns = tuple(by_header[n] for n in names)
    options = excel_export.ListOptions(village=args.village, columns=columns, full_id=args.full_id,
                                       include_ended=args.include_ended, start=args.start, end=args.end)
    try:
        data = excel_export.export_list(ctx, args.kind, options)
    finally:
        ctx.dispose()
    _write(args.out, data)
    print(f"已导出 {excel_export.LIST_KINDS[args.kind]} 到 {args.out}", file=sys.stdout)
    return 0
