"""The district's 7号表 and 人民调解工作统计表: per office and for the district, by the same engines.

The district total is computed by one query over every merged office (``office_ids``), not by
adding up columns, and then compared with the sum of the offices' columns: every count row must
agree (a district total equals the sum of its offices). Rates are recomputed from the totals by
the engine. Part 一 (工作机构、人员和经费) is what each office entered for the period (as it
submitted it, else as it last entered it; both travel in its package); the district's Part 一 adds
the offices' numbers up (``table7.part1_total``).

The total is headed with the district's name and how many offices it sums, e.g.
"示范县司法局（汇总3个司法所）".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sifasuo_desktop.domain import mediation_table, monthly_table, table7
from sifasuo_desktop.domain.comparison import Comparison
from sifasuo_desktop.domain.monthly_table import MonthlyTable
from sifasuo_desktop.domain.statistics import StatTable
from sifasuo_desktop.services import district_views, mediation_stats, monthly_stats, report_settings
from sifasuo_desktop.services import table7 as table7_service
from sifasuo_desktop.services.context import AppContext

REPORTS = {table7.REPORT: table7.TITLE, mediation_table.REPORT: mediation_table.TITLE}


@dataclass(frozen=True)
class OfficeColumn:
    office_id: str
    code: str
    name: str
    table: StatTable


@dataclass(frozen=True)
class DistrictReport:
    report: str
    start: date
    end: date
    total: StatTable                     # one query over all offices
    offices: tuple[OfficeColumn, ...]    # in office-code order
    mismatches: tuple[str, ...]          # count rows whose total is not the sum of the offices (none)

    def comparison(self) -> Comparison:
        """The offices side by side with the total (分所对比)."""
        return Comparison(self.total, tuple(o.table for o in self.offices))


def _part1(ctx: AppContext, office_id: str, start: date, end: date) -> table7.Part1:
    return report_settings.part1_defaults(ctx.for_office(office_id), start, end)


def _table(ctx: AppContext, report: str, start: date, end: date, office_ids: list[str], title: str,
           part1: table7.Part1 | None = None) -> StatTable:
    if report == table7.REPORT:
        return table7_service.compute(ctx, start, end, office_ids, part1=part1 or table7.Part1(), title_office=title)
    return mediation_stats.compute(ctx, start, end, office_ids, title_office=title)


def _additive(table: StatTable) -> list[str]:
    """The codes whose values add up across offices: counts (rates and money in 万元 do not)."""
    return [row.code for row in table.rows if not row.is_rate and row.unit != "万元"]


def total_name(ctx: AppContext, offices: int) -> str:
    """填报单位 of a district total: 示范县司法局（汇总3个司法所）."""
    return f"{district_views.district_info(ctx).name}（汇总{offices}个司法所）"


def district_total(ctx: AppContext, report: str, start: date, end: date) -> StatTable | MonthlyTable:
    """The district's table over every office it holds (the 逐月统计表 too)."""
    ids = district_views.member_office_ids(ctx)
    name = total_name(ctx, len(ids))
    if report == monthly_table.REPORT:
        return monthly_stats.compute(ctx, start, end, ids, title_office=name)
    total = _table(ctx, report, start, end, ids, name)
    if report == table7.REPORT:
        total = replace(total, part1=table7.part1_total([_part1(ctx, i, start, end) for i in ids]))
    return total


def compute(ctx: AppContext, report: str, start: date, end: date) -> DistrictReport:
    if report not in REPORTS:
        raise ValueError(report)
    total = district_total(ctx, report, start, end)
    offices = tuple(
        OfficeColumn(o.id, o.code, o.name, _table(ctx, report, start, end, [o.id], o.name,
                                                  _part1(ctx, o.id, start, end) if report == table7.REPORT else None))
        for o in district_views.list_offices(ctx)
    )
    mismatches = tuple(code for code in _additive(total)
                       if total.values[code] != sum(o.table.values[code] for o in offices))
    return DistrictReport(report, start, end, total, offices, mismatches)
