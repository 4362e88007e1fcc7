"""``report``: the statistics reports without the window.

    sifasuo --db FILE report table7 --from 2026-01-01 --to 2026-06-30 --out 7号表.pdf
    sifasuo --db FILE report table7 --half-year 2026 --out 7号表.xlsx
    sifasuo --db FILE report mediation --year 2026 --out 调解.json
    sifasuo --db FILE report monthly --year 2026 --out 逐月.pdf

The suffix of ``--out`` picks the format: .pdf, .xlsx or .json.

On a district database the report is the district total over all its offices; its workbook also
has the sheet 分所对比, and ``--by-office`` (7号表 and mediation) gives the comparison as the PDF
(A4 landscape, one column per office and 合计) and adds the offices to the JSON:

    sifasuo --db 区县.sqlite3 report table7 --half-year 2026 --by-office --out 分所对比.pdf
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from sifasuo_desktop.core.errors import UserError
from sifasuo_desktop.domain.dates import half_year, parse_iso, whole_year
from sifasuo_desktop.services import report_export
from sifasuo_desktop.services.context import open_database

HELP = {"table7": "7号表（安置帮教工作情况统计表）", "mediation": "人民调解工作统计表", "monthly": "逐月统计表"}


def _date(text: str) -> date:
    try:
        return parse_iso(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _year(text: str) -> int:
    if not text.isdigit() or not 1990 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"年份“{text}”无效，应为四位数字")
    return int(text)


def register(sub) -> None:
    report = sub.add_parser("report", help="统计报表：7号表、人民调解统计表、逐月统计表（PDF / Excel / JSON）")
    kinds = report.add_subparsers(dest="report", required=True, metavar="报表")
    for name, text in HELP.items():
        parser = kinds.add_parser(name, help=text)
        period = parser.add_mutually_exclusive_group()
        period.add_argument("--from", dest="start", type=_date, help="统计时段开始 YYYY-MM-DD（与 --to 一起用）")
        if name != "monthly":
            period.add_argument("--half-year", type=_year, metavar="年", help="该年的半年报（1月1日至6月30日）")
        period.add_argument("--year", type=_year, metavar="年", help="该年的全年（1月1日至12月31日）")
        parser.add_argument("--to", dest="end", type=_date, help="统计时段结束 YYYY-MM-DD")
        parser.add_argument("--out", type=Path, required=True, help="输出文件：.pdf、.xlsx 或 .json")
        if name != "monthly":
            parser.add_argument("--by-office", action="store_true",
                                help="区县汇总库：按司法所分列对比（PDF 为横向分所对比表，JSON 含各所数值）")
        parser.set_defaults(func=_run)


def _period(args) -> tuple[date, date]:
    if getattr(args, "half_year", None):
        return half_year(args.half_year)
    if args.year:
        if args.end:
            raise UserError("--year 与 --to 不能同时使用")
        return whole_year(args.year)
    if args.start is None or args.end is None:
        raise UserError("请用 --from 和 --to 给出统计时段，或用 --year" + ("" if args.report == "monthly" else " / --half-year"))
    return args.start, args.end


def _run(db_path: Path, args) -> int:
    start, end = _period(args)
    report_export.format_of(args.out)
    if not Path(db_path).exists():
        raise UserError(f"数据库文件不存在：{db_path}")
    ctx = open_database(Path(db_path))
    try:
        path = report_export.save(ctx, args.report, start, end, args.out, by_office=getattr(args, "by_office", False))
    finally:
        ctx.dispose()
    print(f"已生成{HELP[args.report]}（{start.isoformat()} 至 {end.isoformat()}）：{path}")
    return 0
