"""Submitting (freezing) a report: its values are stored with date and user, so later edits to
the data show as differences against what was sent and never silently change it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from sifasuo_desktop.core.errors import ValidationError
from sifasuo_desktop.db.models import FrozenReport
from sifasuo_desktop.domain import mediation_table, statistics, table7
from sifasuo_desktop.services import audit, mediation_stats, report_settings
from sifasuo_desktop.services import table7 as table7_service
from sifasuo_desktop.services.context import AppContext

NAMES = {table7.REPORT: "7号表", mediation_table.REPORT: "人民调解统计表"}
_CATALOGUES = {table7.REPORT: table7.BY_CODE, mediation_table.REPORT: mediation_table.BY_CODE}


@dataclass(frozen=True)
class FrozenCopy:
    id: str
    report: str
    start: date
    end: date
    frozen_at: datetime
    frozen_by: str
    values: dict[str, statistics.Value]
    part1: table7.Part1 | None


def _copy(row: FrozenReport) -> FrozenCopy:
    catalogue = _CATALOGUES[row.report]
    values = {code: statistics.from_json_value(v, catalogue.get(code)) for code, v in json.loads(row.values_json).items()}
    part1 = table7.Part1.from_dict(json.loads(row.part1_json)) if row.part1_json else None
    return FrozenCopy(row.id, row.report, row.period_start, row.period_end, row.frozen_at, row.frozen_by, values, part1)


def _compute(ctx: AppContext, report: str, start: date, end: date, part1: table7.Part1 | None) -> statistics.StatTable:
    if report == table7.REPORT:
        return table7_service.compute(ctx, start, end, part1=part1)
    if report == mediation_table.REPORT:
        return mediation_stats.compute(ctx, start, end)
    raise ValidationError({"report": "只有7号表和人民调解统计表可以报送"})


def freeze(ctx: AppContext, report: str, start: date, end: date, part1: dict | None = None) -> FrozenCopy:
    """Store the report as submitted. Refused while a logic check fails."""
    if not ctx.office_id:
        raise ValidationError({"report": "区县汇总库不能报送，请在司法所的数据库中报送"})
    entered = report_settings.save_part1(ctx, part1) if (part1 is not None and report == table7.REPORT) else None
    table = _compute(ctx, report, start, end, entered)
    if table.checks:
        raise ValidationError({"checks": "逻辑校验未通过，不能报送：" + "；".join(table.checks)})
    stored_part1 = (entered or report_settings.part1_defaults(ctx, start, end)) if report == table7.REPORT else None
    with ctx.transaction() as session:
        row = FrozenReport(
            office_id=ctx.office_id, report=report, period_start=start, period_end=end, frozen_at=datetime.now(),
            frozen_by=ctx.user.display_name, values_json=json.dumps(table.json_rows(), ensure_ascii=False),
            part1_json=json.dumps(stored_part1.as_dict()) if stored_part1 else None,
        )
        session.add(row)
        audit.record_change(session, ctx, row, None,
                            f"报送{NAMES[report]} {statistics.period_text(start, end)}")
        return _copy(row)


def latest(ctx: AppContext, report: str, start: date, end: date) -> FrozenCopy | None:
    """The last submitted copy of this report for exactly this period, if any."""
    with ctx.reading() as session:
        row = session.scalars(
            select(FrozenReport)
            .where(FrozenReport.office_id == ctx.office_id, FrozenReport.report == report,
                   FrozenReport.period_start == start, FrozenReport.period_end == end)
            .order_by(FrozenReport.frozen_at.desc())
            .limit(1)
        ).first()
        return _copy(row) if row else None


def history(ctx: AppContext, report: str) -> list[FrozenCopy]:
    """Every submitted copy of a report, newest first."""
    with ctx.reading() as session:
        rows = session.scalars(
            select(FrozenReport)
            .where(FrozenReport.office_id == ctx.office_id, FrozenReport.report == report)
            .order_by(FrozenReport.frozen_at.desc())
        )
        return [_copy(row) for row in rows]


def compare(ctx: AppContext, table: statistics.StatTable) -> tuple[FrozenCopy | None, list[statistics.Difference]]:
    """The submitted copy of the table's period and the cells whose live value differs from it."""
    frozen = latest(ctx, table.report, table.start, table.end)
    if frozen is None:
        return None, []
    return frozen, statistics.differences(table.rows, frozen.values, table.values)
