"""Everything the 统计报表 tab shows for one report and period, in one call.

The chosen table (with its frozen copy and differences), the key rates at a glance (衔接率,
安置率, 帮教率, 重新违法犯罪率, 调解成功率) and the data of the charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sifasuo_desktop.domain import mediation_table, monthly_table, statistics, table7
from sifasuo_desktop.domain.monthly_table import MonthlyTable
from sifasuo_desktop.services import mediation_stats, monthly_stats, report_freeze, report_settings
from sifasuo_desktop.services import table7 as table7_service
from sifasuo_desktop.services.context import AppContext

SUCCESS_RATE = "M4"


@dataclass(frozen=True)
class ReportView:
    report: str
    start: date
    end: date
    table: statistics.StatTable | MonthlyTable
    frozen: report_freeze.FrozenCopy | None
    differences: tuple[statistics.Difference, ...]
    key_rates: tuple[tuple[str, statistics.Value], ...]
    register: tuple[tuple[str, str, int], ...]      # (village, category, persons) on the period's last day
    monthly: MonthlyTable
    dispute_types: dict[str, int]
    part1: table7.Part1


def load(ctx: AppContext, report: str, start: date, end: date, part1: table7.Part1 | None = None) -> ReportView:
    entered = part1 or report_settings.part1_defaults(ctx, start, end)
    aftercare = table7_service.compute(ctx, start, end, part1=entered)
    mediation = mediation_stats.compute(ctx, start, end)
    monthly = monthly_stats.compute(ctx, start, end)
    shown = {table7.REPORT: aftercare, mediation_table.REPORT: mediation, monthly_table.REPORT: monthly}[report]
    frozen, differences = (None, [])
    if isinstance(shown, statistics.StatTable) and ctx.office_id:
        frozen, differences = report_freeze.compare(ctx, shown)
    rates = [(name, aftercare.values[code]) for code, name in table7.KEY_RATES.items()]
    rates.append(("调解成功率", mediation.values[SUCCESS_RATE]))
    return ReportView(
        report=report, start=start, end=end, table=shown, frozen=frozen, differences=tuple(differences),
        key_rates=tuple(rates), register=tuple(table7_service.register_breakdown(ctx, end)), monthly=monthly,
        dispute_types={name: int(mediation.values[code]) for code, name in mediation_table.DISPUTE_CODES.items()},
        part1=entered,
    )
