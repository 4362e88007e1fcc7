"""人民调解工作统计表 engine (DOMAIN §7.3): SQL aggregates over the cases, and each cell's cases.

As in ``services.table7``, each code is one predicate over ``mediation_case`` used both for the
totals and for the drill-down list. Deleted cases and follow-ups never count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, literal, or_, select

from sifasuo_desktop.core.errors import ValidationError
from sifasuo_desktop.db.models import MediationCase, MediationFollowup, MediationParty
from sifasuo_desktop.domain import codes, statistics
from sifasuo_desktop.domain.mediation import case_number
from sifasuo_desktop.domain import mediation_table as mt
from sifasuo_desktop.services import report_settings
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.report_scope import OfficeIds, Scope, office_name, scope

SUCCESS, FAILURE = "成功", "不成功"
PERFORMED = "已履行"


def _predicates(start: date, end: date) -> dict[str, object]:
    m = MediationCase
    accepted = m.acceptance_date.between(start, end)
    concluded = m.concluded_date.between(start, end)
    success = and_(concluded, m.result == SUCCESS)
    rows = {
        "M1": accepted,
        **{code: and_(accepted, m.dispute_type == name) for code, name in mt.DISPUTE_CODES.items()},
        **{code: and_(accepted, m.source == name) for code, name in mt.SOURCE_CODES.items()},
        "M2": success,
        "M3": and_(concluded, m.result == FAILURE),
        "M5": and_(success, m.agreement_form.in_(codes.AGREEMENT_FORMS)),
        **{code: and_(success, m.agreement_form == form) for code, form in mt.FORM_CODES.items()},
        "M6": and_(success, m.agreement_amount.is_not(None)),
        "M7": and_(success, m.performance_status == PERFORMED),
        "M8": m.judicial_confirm_date.between(start, end),
    }
    for code, column in mt.PREVENTION_ROWS.items():
        rows[code] = rows[f"{code}.人"] = and_(success, getattr(m, column) > 0)
    return rows


def _followups(start: date, end: date):
    return and_(MediationFollowup.case_id == MediationCase.id, MediationFollowup.deleted_at.is_(None),
                MediationFollowup.followup_date.between(start, end))


def _amount(code: str):
    """What a case adds to the cell: 1, its prevented people, or its amount in 分 (M6)."""
    if code == "M6":
        return func.round(MediationCase.agreement_amount * 100)
    if code.endswith(".人"):
        return getattr(MediationCase, mt.PREVENTION_ROWS[code.removesuffix(".人")])
    return literal(1)


def count_rows(ctx: AppContext, start: date, end: date, office_ids: OfficeIds = None) -> dict[str, int]:
    """Every value of the table except the rate; M6 in 分 (converted to 万元 by ``compute``)."""
    problem = statistics.check_period(start, end)
    if problem:
        raise ValidationError({"period": problem})
    where = scope(ctx, office_ids)
    predicates = _predicates(start, end)
    columns = [func.coalesce(func.sum(case((p, _amount(code)), else_=0)), 0) for code, p in predicates.items()]
    live = _scope_live(where)
    followups = (
        select(func.count()).select_from(MediationFollowup).join(MediationCase, _followups(start, end)).where(live)
    )
    m = MediationCase
    touching = or_(m.acceptance_date.between(start, end), m.concluded_date.between(start, end),
                   m.judicial_confirm_date.between(start, end))
    with ctx.reading() as session:
        result = session.execute(select(*columns).where(live, touching)).one()
        visits = session.scalar(followups)
    values = {code: int(value or 0) for code, value in zip(predicates, result)}
    values["M9"] = int(visits or 0)
    return values


def compute(ctx: AppContext, start: date, end: date, office_ids: OfficeIds = None,
            title_office: str | None = None) -> statistics.StatTable:
    counts = count_rows(ctx, start, end, office_ids)
    rows = statistics.relabel(mt.ROWS, report_settings.row_labels(ctx, mt.REPORT))
    values = statistics.fill_rates(rows, counts)
    values["M6"] = mt.wan_yuan(counts["M6"])
    with ctx.reading() as session:
        name = title_office or office_name(session, ctx, scope(ctx, office_ids))
    return statistics.StatTable(
        report=mt.REPORT, title=mt.TITLE, office_name=name, start=start, end=end, rows=rows, values=values,
        checks=tuple(mt.logic_checks(values, rows)), parts=mt.PARTS, unit_note=mt.UNIT_NOTE,
    )


@dataclass(frozen=True)
class DrillCase:
    """One case behind a cell of the mediation table."""

    case_id: str
    number: str
    acceptance_date: date
    dispute_type: str
    source: str
    result: str
    concluded_date: date | None
    parties: str
    summary: str
    detail: str = ""


def drill(ctx: AppContext, start: date, end: date, code: str, office_ids: OfficeIds = None) -> list[DrillCase]:
    """The cases behind one cell; the rate lists the successful cases."""
    row = mt.BY_CODE.get(code)
    if row is None:
        raise ValidationError({"code": f"人民调解统计表没有{code}行"})
    if statistics.check_period(start, end):
        raise ValidationError({"period": statistics.check_period(start, end)})
    code = row.numerator if row.is_rate else code
    m = MediationCase
    if code == "M9":
        condition = select(MediationFollowup.id).where(_followups(start, end)).exists()
    else:
        condition = _predicates(start, end)[code]
    parties = (
        select(func.group_concat(MediationParty.name, "、"))
        .where(MediationParty.case_id == m.id, MediationParty.deleted_at.is_(None))
        .scalar_subquery()
    )
    query = (
        select(m, parties.label("parties"))
        .where(_scope_live(scope(ctx, office_ids)), condition)
        .order_by(m.acceptance_date, m.year, m.seq)
    )
    with ctx.reading() as session:
        return [_drill_case(c, names, code) for c, names in session.execute(query)]


def _scope_live(where: Scope):
    return and_(where.where(MediationCase.office_id), MediationCase.deleted_at.is_(None))


def _drill_case(c: MediationCase, parties: str | None, code: str) -> DrillCase:
    detail = ""
    if code == "M6":
        detail = f"{c.agreement_amount:.2f}元"
    elif code.endswith(".人"):
        detail = f"{getattr(c, mt.PREVENTION_ROWS[code.removesuffix('.人')])}人"
    return DrillCase(c.id, case_number(c.number_prefix, c.year, c.seq), c.acceptance_date, c.dispute_type, c.source,
                     c.result, c.concluded_date, parties or "", c.summary or "", detail)
