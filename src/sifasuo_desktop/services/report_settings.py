"""What an office keeps for its statistics: its own row labels and the last Part 一 values.

Both live in the ``setting`` table under keys of their own (``report_labels.<report>``,
``report_part1.table7``); ``RuleSettings``/``AppSettings`` ignore keys they do not know.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select

from sifasuo_desktop.core.errors import ValidationError
from sifasuo_desktop.db.models import FrozenReport, Setting
from sifasuo_desktop.domain import mediation_table, table7
from sifasuo_desktop.services import office
from sifasuo_desktop.services.context import AppContext

CATALOGUES = {table7.REPORT: table7.BY_CODE, mediation_table.REPORT: mediation_table.BY_CODE}
PART1_KEY = "report_part1.table7"


def _labels_key(report: str) -> str:
    return f"report_labels.{report}"


def _read(ctx: AppContext, key: str) -> Any:
    if not ctx.office_id:
        return None
    with ctx.reading() as session:
        row = session.get(Setting, (ctx.office_id, key))
        return json.loads(row.value) if row else None


def _write(ctx: AppContext, key: str, value: Any, summary: str) -> None:
    with ctx.transaction() as session:
        office.store_setting(session, ctx, key, value, summary)


def row_labels(ctx: AppContext, report: str) -> dict[str, str]:
    """The office's own labels ``{code: label}`` for a report (only the rows it changed)."""
    return dict(_read(ctx, _labels_key(report)) or {})


def save_row_labels(ctx: AppContext, report: str, labels: dict[str, str]) -> None:
    """Store relabelled rows; a label equal to the default (or empty) goes back to the default."""
    ctx.require_admin("修改报表行名称")
    catalogue = CATALOGUES.get(report)
    if catalogue is None:
        raise ValidationError({"report": f"没有报表 {report}"})
    unknown = [code for code in labels if code not in catalogue]
    if unknown:
        raise ValidationError({"code": f"报表中没有行次 {'、'.join(unknown)}"})
    too_long = [code for code, text in labels.items() if len(text.strip()) > 40]
    if too_long:
        raise ValidationError({"label": f"第{'、'.join(too_long)}行的名称超过40个字"})
    kept = {code: text.strip() for code, text in labels.items()
            if text.strip() and text.strip() != catalogue[code].label}
    _write(ctx, _labels_key(report), kept, f"修改{report}行名称")


def part1_defaults(ctx: AppContext, start: date, end: date) -> table7.Part1:
    """Part 一 for a report: as submitted for this period, else as last entered, else zeros."""
    if ctx.office_id:
        with ctx.reading() as session:
            frozen = session.scalar(
                select(FrozenReport.part1_json)
                .where(FrozenReport.office_id == ctx.office_id, FrozenReport.report == table7.REPORT,
                       FrozenReport.period_start == start, FrozenReport.period_end == end)
                .order_by(FrozenReport.frozen_at.desc())
                .limit(1)
            )
        if frozen:
            return table7.Part1.from_dict(json.loads(frozen))
    return table7.Part1.from_dict(_read(ctx, PART1_KEY))


def save_part1(ctx: AppContext, values: dict[str, Any]) -> table7.Part1:
    """Check and keep the entered Part 一 values as the defaults of the next report."""
    problems = table7.part1_problems(values)
    if problems:
        raise ValidationError(problems)
    part1 = table7.Part1.from_dict(values)
    _write(ctx, PART1_KEY, part1.as_dict(), "7号表 工作机构、人员和经费")
    return part1
