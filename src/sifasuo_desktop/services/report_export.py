"""A statistics report as a file: PDF, Excel or JSON, logged as a print or an export.

``export(ctx, report, start, end, fmt)`` is what the 统计报表 tab and ``sifasuo report`` both
call; the format comes from the file suffix in ``save``.

On a district database (many offices' packages) the report is the district total over all its
offices (``district_reports``), and the Excel workbook also has the sheet 分所对比 (one column per
office and the total). ``by_office=True`` asks for the comparison in the PDF (A4 landscape) and
the JSON (an ``offices`` list) as well.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sifasuo_desktop.core.errors import ValidationError
from sifasuo_desktop.core.storage import write_atomic
from sifasuo_desktop.domain import mediation_table, monthly_table, statistics, table7
from sifasuo_desktop.domain.comparison import Comparison
from sifasuo_desktop.domain.monthly_table import MonthlyTable
from sifasuo_desktop.services import audit, district_reports, district_views, mediation_stats, monthly_stats
from sifasuo_desktop.services import office as office_service
from sifasuo_desktop.services import table7 as table7_service
from sifasuo_desktop.services.context import SYSTEM_USER, AppContext
from sifasuo_desktop.services.report_scope import OfficeIds

REPORTS = {table7.REPORT: "7号表", mediation_table.REPORT: "人民调解统计表", monthly_table.REPORT: "逐月统计表"}
FORMATS = {".pdf": "pdf", ".xlsx": "xlsx", ".json": "json"}

Table = statistics.StatTable | MonthlyTable


def build(ctx: AppContext, report: str, start: date, end: date, *, part1: table7.Part1 | None = None,
          office_ids: OfficeIds = None) -> Table:
    """The computed report (7号表 with the given Part 一, or the stored defaults); on a district
    database, the district total (Part 一 added up from the offices')."""
    if report not in REPORTS:
        raise ValidationError({"report": f"没有报表“{report}”，可选：{'、'.join(REPORTS)}"})
    if office_ids is None and district_views.is_district(ctx):
        return district_reports.district_total(ctx, report, start, end)
    if report == table7.REPORT:
        return table7_service.compute(ctx, start, end, office_ids, part1=part1)
    if report == mediation_table.REPORT:
        return mediation_stats.compute(ctx, start, end, office_ids)
    return monthly_stats.compute(ctx, start, end, office_ids)


def signatures(ctx: AppContext) -> statistics.Signatures:
    """单位负责人 from the office, 填表人 the signed-in user, 填报日期 today; 审核人 signs by hand."""
    info = office_service.get_office(ctx)
    filler = "" if ctx.user.display_name == SYSTEM_USER else ctx.user.display_name
    return statistics.Signatures(head=(info.head_name or "") if info else "", filler=filler, filled_on=ctx.today())


def json_document(report: str, table: Table, comparison: Comparison | None = None) -> dict:
    document = {"report": report, "from": table.start.isoformat(), "to": table.end.isoformat(),
                "office": table.office_name, "rows": table.json_rows()}
    if comparison is not None:
        document["offices"] = [{"office": unit.office_name, "rows": unit.json_rows()} for unit in comparison.units]
    return document


def render(report: str, table: Table, fmt: str, signed: statistics.Signatures,
           comparison: Comparison | None = None) -> bytes:
    """Bytes of the file; reportlab and openpyxl load only when needed (start-up time, STACK.md).
    With a ``comparison`` (a district's offices), the PDF is the landscape 分所对比 and the workbook
    has it as a sheet beside the total."""
    if fmt == "json":
        return json.dumps(json_document(report, table, comparison), ensure_ascii=False, indent=1).encode("utf-8")
    if fmt == "pdf":
        from sifasuo_desktop.reports.pdf import statistics as pdf

        if comparison is not None:
            return pdf.render_comparison(comparison, signed)
        return pdf.render_monthly(table, signed) if isinstance(table, MonthlyTable) else pdf.render_stat_table(table, signed)
    from sifasuo_desktop.reports.excel import statistics as excel

    if comparison is not None:
        return excel.write_comparison(comparison, signed)
    return excel.write_monthly(table, signed) if isinstance(table, MonthlyTable) else excel.write_stat_table(table, signed)


def _comparison(ctx: AppContext, report: str, start: date, end: date, fmt: str, by_office: bool,
                district: bool) -> Comparison | None:
    """The district's offices side by side, when the file shows them: always in the workbook,
    in the PDF and the JSON when asked for."""
    if by_office and not district:
        raise ValidationError({"by_office": "按司法所对比只适用于区县汇总库"})
    if by_office and report not in district_reports.REPORTS:
        raise ValidationError({"by_office": f"{REPORTS[report]}没有按司法所对比的格式"})
    if district and report in district_reports.REPORTS and (by_office or fmt == "xlsx"):
        return district_reports.compute(ctx, report, start, end).comparison()
    return None


def export(ctx: AppContext, report: str, start: date, end: date, fmt: str, *, part1: table7.Part1 | None = None,
           office_ids: OfficeIds = None, by_office: bool = False) -> bytes:
    """The report as PDF / xlsx / json bytes; the print or export is logged."""
    if fmt not in FORMATS.values():
        raise ValidationError({"format": f"不支持的格式“{fmt}”，可选：PDF、Excel(.xlsx)、JSON"})
    district = office_ids is None and district_views.is_district(ctx)
    comparison = _comparison(ctx, report, start, end, fmt, by_office, district)
    table = comparison.total if comparison else build(ctx, report, start, end, part1=part1, office_ids=office_ids)
    data = render(report, table, fmt, signatures(ctx), comparison)
    kind = "（分所对比）" if by_office else "（区县汇总）" if district else ""
    with ctx.transaction() as session:
        audit.record(session, ctx, audit.PRINT if fmt == "pdf" else audit.EXPORT,
                     summary=f"{REPORTS[report]}{kind} {statistics.period_text(start, end)} {fmt.upper()}")
    return data


def format_of(path: Path) -> str:
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ValidationError({"out": f"文件“{Path(path).name}”的扩展名应为 .pdf、.xlsx 或 .json"})
    return fmt


def save(ctx: AppContext, report: str, start: date, end: date, path: Path, *,
         part1: table7.Part1 | None = None, office_ids: OfficeIds = None, by_office: bool = False) -> Path:
    """Write the report to ``path``; the suffix picks the format. Nothing is written on error."""
    path = Path(path)
    data = export(ctx, report, start, end, format_of(path), part1=part1, office_ids=office_ids, by_office=by_office)
    return write_atomic(path, data)  # a full disk or locked file: StorageError, no half-written file
