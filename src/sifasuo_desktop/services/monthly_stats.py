"""逐月统计表: month-by-month counts, each a GROUP BY over the month of its date.

Each column counts what the matching 7号表 or mediation row counts for one month (see
``domain.monthly_table``); tests check that month by month against ``services.table7``.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, case, distinct, func, select

from sifasuo_desktop.core.errors import ValidationError
from sifasuo_desktop.db.models import AftercareTerm, MediationCase, Person, Reoffense, Visit
from sifasuo_desktop.domain import monthly_table as mt
from sifasuo_desktop.domain import statistics
from sifasuo_desktop.domain.dates import whole_year
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.report_scope import OfficeIds, Scope, office_name, scope


def _month(column):
    return func.strftime("%Y-%m", column)


def _live_terms(where: Scope):
    return and_(where.where(AftercareTerm.office_id), AftercareTerm.deleted_at.is_(None),
                Person.id == AftercareTerm.person_id, Person.deleted_at.is_(None))


def _on_register(where: Scope, person_id, day, inclusive_end: bool = False):
    """A live term of this person on the register on ``day`` (end day included for reoffenses)."""
    t = AftercareTerm
    end_ok = t.end_date >= day if inclusive_end else t.end_date > day
    return (select(t.id).select_from(t).join(Person, Person.id == t.person_id)
            .where(t.person_id == person_id, _live_terms(where), t.register_start <= day, end_ok).exists())


def _grouped(session, query) -> dict[str, int]:
    return {key: int(n) for key, n in session.execute(query)}


def compute(ctx: AppContext, start: date, end: date, office_ids: OfficeIds = None,
            title_office: str | None = None) -> mt.MonthlyTable:
    problem = statistics.check_period(start, end)
    if problem:
        raise ValidationError({"period": problem})
    where = scope(ctx, office_ids)
    months = mt.months(start, end)
    t, v, r, m = AftercareTerm, Visit, Reoffense, MediationCase
    term_base = select().select_from(t).join(Person, Person.id == t.person_id).where(_live_terms(where))
    queries = {
        "new": term_base.add_columns(_month(t.register_start), func.count())
        .where(t.register_start.between(start, end)).group_by(_month(t.register_start)),
        "ended": term_base.add_columns(_month(t.end_date), func.count())
        .where(t.end_date.between(start, end), t.register_start <= t.end_date).group_by(_month(t.end_date)),
        "visits": select(_month(v.visit_date), func.count())
        .where(v.visit_date.between(start, end), v.deleted_at.is_(None),
               _on_register(where, v.person_id, v.visit_date))
        .group_by(_month(v.visit_date)),
        "reoffenders": select(_month(r.offense_date), func.count(distinct(r.person_id)))
        .where(r.offense_date.between(start, end), r.deleted_at.is_(None),
               _on_register(where, r.person_id, r.offense_date, inclusive_end=True))
        .group_by(_month(r.offense_date)),
        "mediation_accepted": select(_month(m.acceptance_date), func.count())
        .where(where.where(m.office_id), m.deleted_at.is_(None), m.acceptance_date.between(start, end))
        .group_by(_month(m.acceptance_date)),
        "mediation_success": select(_month(m.concluded_date), func.count())
        .where(where.where(m.office_id), m.deleted_at.is_(None), m.concluded_date.between(start, end),
               m.result == "成功")
        .group_by(_month(m.concluded_date)),
    }
    month_ends = [last for _key, _first, last in months]
    on_register = term_base.add_columns(
        *[func.coalesce(func.sum(case((and_(t.register_start <= d, t.end_date > d), 1), else_=0)), 0) for d in month_ends]
    ).where(t.register_start <= end, t.end_date > start)
    distinct_reoffenders = queries["reoffenders"].with_only_columns(func.count(distinct(r.person_id))).group_by(None)
    with ctx.reading() as session:
        grouped = {code: _grouped(session, query) for code, query in queries.items()}
        registered = session.execute(on_register).one()
        reoffenders_total = session.scalar(distinct_reoffenders) or 0
        name = title_office or office_name(session, ctx, where)
    cells = {}
    for index, (key, _first, _last) in enumerate(months):
        cells[key] = {code: grouped.get(code, {}).get(key, 0) for code in mt.COLUMN_CODES if code != "on_register"}
        cells[key]["on_register"] = int(registered[index])
        cells[key] = {code: cells[key][code] for code in mt.COLUMN_CODES}
    keys = tuple(key for key, _first, _last in months)
    totals = {}
    for column in mt.COLUMNS:
        if column.total == "last":
            totals[column.code] = cells[keys[-1]][column.code]
        elif column.total == "distinct":
            totals[column.code] = int(reoffenders_total)
        else:
            totals[column.code] = sum(cells[key][column.code] for key in keys)
    return mt.MonthlyTable(mt.TITLE, name, start, end, mt.COLUMNS, keys, cells, totals)


def for_year(ctx: AppContext, year: int, office_ids: OfficeIds = None) -> mt.MonthlyTable:
    """The 逐月统计表 of a calendar year."""
    return compute(ctx, *whole_year(year), office_ids)
