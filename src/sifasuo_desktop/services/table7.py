"""7号表 engine (DOMAIN §7.2): every count row as a SQL aggregate, every cell's persons on demand.

One materialised CTE (``facts``) holds one line per aftercare term touching the period
(``register_start <= E`` and ``end >= S``) with what the rows need as of E: category, latest
placement method, flags, visits on the register in the period, reoffenses in the window. Each
count row is a predicate over that CTE (``_rows``); the same predicate gives the totals
(``SUM(CASE …)``) and the drill-down list, so the two can never disagree.

Counting: rows 1–15 count register stays (terms; a person is never on the register twice at
once, so this is the number of persons and keeps row 4 = 1 + 2 − 3 exact), row 16 counts visits,
row 17 distinct persons. Deleted persons, terms and history rows never count.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, case, distinct, func, literal, literal_column, or_, select
from sqlalchemy.sql.selectable import CTE

from sifasuo_desktop.core.errors import ValidationError
from sifasuo_desktop.db.models import (
    AftercareTerm, CategoryChange, FlagPeriod, Person, Placement, Reoffense, Village, Visit,
)
from sifasuo_desktop.domain import codes, statistics
from sifasuo_desktop.domain import table7 as t7
from sifasuo_desktop.services import report_settings
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.report_scope import DrillPerson, OfficeIds, Scope, id_masker, office_name, scope

TERMS, PERSONS, VISITS = "terms", "persons", "visits"
FEMALE = ("女", "2")  # the name, or the GB/T 2261.1 code


def _latest(column, model, date_column, end: date):
    """The value of ``column`` in the latest live row of ``model`` dated on or before ``end``.

    Rows of the same date: the one recorded last (highest rowid) wins.
    """
    return (
        select(column)
        .where(model.term_id == AftercareTerm.id, model.deleted_at.is_(None), date_column <= end)
        .order_by(date_column.desc(), literal_column(f"{model.__tablename__}.rowid").desc())
        .limit(1)
        .scalar_subquery()
    )


def category_as_of(end: date):
    return _latest(CategoryChange.category, CategoryChange, CategoryChange.effective_date, end)


# Bits of the ``flags`` and ``reoffenses`` columns of the facts CTE (one probe each instead of one per kind).
THREE_NOS, MISMATCH = 1, 2
OFFENCE, CRIME, OTHER_KIND = 1, 2, 4


def _flags(end: date):
    """三无 and 人户分离 flags as of ``end``, as a bit mask."""
    bit = case((FlagPeriod.flag == "three_nos", THREE_NOS), (FlagPeriod.flag == "residence_mismatch", MISMATCH),
               else_=0)
    return (
        select(func.coalesce(func.sum(distinct(bit)), 0))
        .where(FlagPeriod.person_id == AftercareTerm.person_id, FlagPeriod.deleted_at.is_(None),
               FlagPeriod.start_date <= end, or_(FlagPeriod.end_date.is_(None), FlagPeriod.end_date > end))
        .scalar_subquery()
    )


def _reoffenses(start: date, end: date):
    """Kinds of the reoffenses dated in the period and in [register_start, end] of the term, as a bit mask."""
    bit = case((Reoffense.kind == "违法", OFFENCE), (Reoffense.kind == "犯罪", CRIME), else_=OTHER_KIND)
    return (
        select(func.coalesce(func.sum(distinct(bit)), 0))
        .where(Reoffense.person_id == AftercareTerm.person_id, Reoffense.deleted_at.is_(None),
               Reoffense.offense_date >= start, Reoffense.offense_date <= end,
               Reoffense.offense_date >= AftercareTerm.register_start,
               Reoffense.offense_date <= AftercareTerm.end_date)
        .scalar_subquery()
    )


def _flag_int(condition):
    return case((condition, 1), else_=0)


def facts(start: date, end: date, where: Scope) -> CTE:
    t = AftercareTerm
    visits = (
        select(func.count())
        .select_from(Visit)
        .where(Visit.person_id == t.person_id, Visit.deleted_at.is_(None),
               Visit.visit_date >= start, Visit.visit_date <= end,
               Visit.visit_date >= t.register_start, Visit.visit_date < t.end_date)
        .scalar_subquery()
    )
    ended_early = and_(t.removal_date.is_not(None), t.removal_date < t.expiry)
    end_reason = case((ended_early, func.coalesce(t.removal_reason, "其他")), else_=codes.REASON_EXPIRED)
    day_before = start - timedelta(days=1)
    query = (
        select(
            t.id.label("term_id"), t.person_id, t.source, t.register_start, t.end_date,
            # Membership of rows 1 to 4, worked out once per term.
            _flag_int(and_(t.register_start <= day_before, t.end_date > day_before)).label("in1"),
            _flag_int(t.register_start.between(start, end)).label("in2"),
            _flag_int(and_(t.register_start <= end, t.end_date.between(start, end))).label("in3"),
            _flag_int(and_(t.register_start <= end, t.end_date > end)).label("in4"),
            end_reason.label("end_reason"),
            _flag_int(and_(t.handover_date.is_not(None), t.handover_date <= end)).label("handed_over"),
            t.handover_method,
            _flag_int(and_(t.agreement_date.is_not(None), t.agreement_date <= end)).label("agreed"),
            category_as_of(end).label("category"),
            _latest(Placement.method, Placement, Placement.placement_date, end).label("placement"),
            _flags(end).label("flags"),
            Person.sex, Person.birth_date, Person.village_id,
            visits.label("visits"),
            _reoffenses(start, end).label("reoffenses"),
        )
        .join(Person, Person.id == t.person_id)
        .where(where.where(t.office_id), t.deleted_at.is_(None), Person.deleted_at.is_(None),
               t.register_start <= end, t.end_date >= start)
    )
    return query.cte("facts").prefix_with("MATERIALIZED")


def _rows(f: CTE, start: date, end: date) -> dict[str, tuple]:
    """Row code -> (predicate over the facts CTE, measure). The definitions of DOMAIN §7.2."""
    c = f.c
    key = c.category == codes.CATEGORY_KEY
    r2, r3, r4 = c.in2 == 1, c.in3 == 1, c.in4 == 1
    r5 = and_(r2, c.source != codes.SOURCE_TRANSFER_IN)
    r6 = and_(r5, c.handed_over == 1)
    r10 = and_(r4, c.placement.is_not(None))
    known = [m for m in codes.PLACEMENT_METHODS if m != t7.PLACEMENT_OTHER]
    rows = {
        "1": c.in1 == 1,
        "2": r2,
        **{code: and_(r2, c.source == source) for code, source in t7.SOURCE_ROWS.items()},
        "3": r3,
        **{code: and_(r3, c.end_reason == reason) for code, reason in t7.END_REASON_ROWS.items()},
        "4": r4,
        "4.1": and_(r4, key),
        "4.2": and_(r4, c.category == codes.CATEGORY_GENERAL),
        "4.3": and_(r4, c.flags.bitwise_and(THREE_NOS) != 0),
        "4.4": and_(r4, c.birth_date > t7.minor_birth_cutoff(end)),
        "4.5": and_(r4, c.sex.in_(FEMALE)),
        "4.6": and_(r4, c.flags.bitwise_and(MISMATCH) != 0),
        "5": r5,
        "5.1": and_(r5, key),
        "6": r6,
        "6.1": and_(r6, key),
        "6.2": and_(r6, key, c.handover_method == codes.HANDOVER_ESCORTED),
        "7": and_(r5, c.handed_over == 0),
        "9": r4,
        "10": r10,
        **{code: and_(r10, c.placement == method) for code, method in t7.PLACEMENT_ROWS.items()},
        "11": and_(r4, c.placement.is_(None)),
        "13": and_(r4, c.visits > 0),
        "15": and_(r4, c.agreed == 1),
        "16": c.visits > 0,
        "17": c.reoffenses != 0,
        "17.1": c.reoffenses.bitwise_and(CRIME) != 0,
        "17.2": c.reoffenses.bitwise_and(OFFENCE) != 0,
    }
    other = f"10.{t7.PLACEMENT_OTHER}"
    rows[other] = and_(r10, or_(c.placement == t7.PLACEMENT_OTHER, c.placement.not_in(known)))
    measures = {"16": VISITS, "17": PERSONS, "17.1": PERSONS, "17.2": PERSONS}
    return {code: (rows[code], measures.get(code, TERMS)) for code in t7.COUNT_CODES}


def _aggregate(f: CTE, predicate, measure: str):
    if measure == PERSONS:
        return func.count(distinct(case((predicate, f.c.person_id))))
    amount = f.c.visits if measure == VISITS else literal(1)
    return func.coalesce(func.sum(case((predicate, amount), else_=0)), 0)


def _check(start: date | None, end: date | None) -> None:
    problem = statistics.check_period(start, end)
    if problem:
        raise ValidationError({"period": problem})


def count_rows(ctx: AppContext, start: date, end: date, office_ids: OfficeIds = None) -> dict[str, int]:
    """Every count row of the 7号表 (no rates) for [start, end]: one SQL statement."""
    _check(start, end)
    f = facts(start, end, scope(ctx, office_ids))
    rows = _rows(f, start, end)
    columns = [_aggregate(f, predicate, measure).label(f"c{i}") for i, (predicate, measure) in enumerate(rows.values())]
    with ctx.reading() as session:
        result = session.execute(select(*columns).select_from(f)).one()
    return {code: int(value or 0) for code, value in zip(rows, result)}


def compute(ctx: AppContext, start: date, end: date, office_ids: OfficeIds = None,
            part1: t7.Part1 | None = None, title_office: str | None = None) -> statistics.StatTable:
    """The whole 7号表: counts, rates, Part 一 (stored defaults unless given) and logic checks."""
    counts = count_rows(ctx, start, end, office_ids)
    rows = statistics.relabel(t7.ROWS, report_settings.row_labels(ctx, t7.REPORT))
    values = statistics.fill_rates(rows, counts)
    if part1 is None:
        part1 = report_settings.part1_defaults(ctx, start, end)
    with ctx.reading() as session:
        name = title_office or office_name(session, ctx, scope(ctx, office_ids))
    return statistics.StatTable(
        report=t7.REPORT, title=t7.TITLE, office_name=name, start=start, end=end, rows=rows, values=values,
        checks=tuple(t7.logic_checks(values, rows)), part1=part1.items(), parts=t7.PARTS,
        unit_note=t7.UNIT_NOTE,
    )


def drill(ctx: AppContext, start: date, end: date, code: str, office_ids: OfficeIds = None) -> list[DrillPerson]:
    """The persons behind one cell; a rate's cell lists the persons of its numerator."""
    _check(start, end)
    row = t7.BY_CODE.get(code)
    if row is None:
        raise ValidationError({"code": f"7号表没有第{code}行"})
    code = row.numerator if row.is_rate else code
    f = facts(start, end, scope(ctx, office_ids))
    predicate, measure = _rows(f, start, end)[code]
    query = (
        select(f.c.person_id, f.c.term_id, Person.name, Person.id_number, Person.sex, Village.name.label("village"),
               f.c.category, f.c.register_start, f.c.end_date, f.c.end_reason, f.c.visits, f.c.placement)
        .select_from(f)
        .join(Person, Person.id == f.c.person_id)
        .outerjoin(Village, Village.id == Person.village_id)
        .where(predicate)
        .order_by(Village.id.is_(None), Village.sort_order, Village.name, Person.name_pinyin, Person.name, f.c.register_start)
    )
    mask = id_masker(ctx)
    people: dict[str, DrillPerson] = {}
    with ctx.reading() as session:
        for r in session.execute(query):
            if measure == PERSONS and r.person_id in people:
                continue
            key = r.person_id if measure == PERSONS else r.term_id
            people[key] = DrillPerson(
                r.person_id, r.term_id, r.name, mask(r.id_number), r.sex, r.village or "", r.category,
                r.register_start, r.end_date, _detail(code, r),
            )
    return list(people.values())


def _detail(code: str, r) -> str:
    """A short note on why the person is in the cell."""
    if code in ("13", "16"):
        return f"走访{r.visits}次"
    if code == "3" or code in t7.END_REASON_ROWS:
        return f"{r.end_reason} {r.end_date.isoformat()}"
    if code == "10" or code in t7.PLACEMENT_ROWS:
        return codes.PLACEMENT_METHODS.get(r.placement, r.placement or "")
    return ""


def register_breakdown(ctx: AppContext, day: date, office_ids: OfficeIds = None) -> list[tuple[str, str, int]]:
    """(村(社区), 类别, 人数) of the persons on the register on ``day`` (chart data)."""
    t = AftercareTerm
    category = func.coalesce(category_as_of(day), "未分类")
    village = func.coalesce(Village.name, "未填村(社区)")
    query = (
        select(village, category, func.count())
        .select_from(t)
        .join(Person, Person.id == t.person_id)
        .outerjoin(Village, Village.id == Person.village_id)
        .where(scope(ctx, office_ids).where(t.office_id), t.deleted_at.is_(None), Person.deleted_at.is_(None),
               t.register_start <= day, t.end_date > day)
        .group_by(Village.id, category)
        .order_by(func.min(Village.sort_order), village, category)
    )
    with ctx.reading() as session:
        return [(v, c, n) for v, c, n in session.execute(query)]

