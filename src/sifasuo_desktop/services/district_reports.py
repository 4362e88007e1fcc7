"""The district's 7号表 and 人民调解工作统计表: per office and for the district, by the same engines.

The district total is computed by one query over every merged office (``office_ids``), not by
adding up columns, and then compared with the sum of the offices' columns: every count row must
agree (a district total equals the sum of its offices). Rates are recomputed from the totals by
the engine. Part 一 (工作机构、人员和经费) is entered by each office and is not part of this view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sifasuo_desktop.domain import mediation_table, table7
from sifasuo_desktop.domain.statistics import StatTable
from sifasuo_desktop.services import district_views, mediation_stats
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


def _table(ctx: AppContext, report: str, start: date, end: date, office_ids: list[str], title: str) -> StatTable:
    if report == table7.REPORT:
        return table7_service.compute(ctx, start, end, office_ids, part1=table7.Part1(), title_office=title)
    return mediation_stats.compute(ctx, start, end, office_ids, title_office=title)


def _additive(table: StatTable) -> list[str]:
    """The codes whose values add up across offices: counts (rates and money in 万元 do not)."""
    return [row.code for row in table.rows if not row.is_rate and row.unit != "万元"]


def district_total(ctx: AppContext, report: str, start: date, end: date) -> StatTable:
    """The district's table over every office it holds."""
    info = district_views.district_info(ctx)
    return _table(ctx, report, start, end, district_views.member_office_ids(ctx), info.name)


def compute(ctx: AppContext, report: str, start: date, end: date) -> DistrictReport:
    if report not in REPORTS:
        raise ValueError(report)
    total = district_total(ctx, report, start, end)
    offices = tuple(
        OfficeColumn(o.id, o.code, o.name, _table(ctx, report, start, end, [o.id], o.name))
        for o in district_views.list_offices(ctx)
    )
    mismatches = tuple(code for code in _additive(total)
                       if total.values[code] != sum(o.table.values[code] for o in offices))
    return DistrictReport(report, start, end, total, offices, mismatches)
