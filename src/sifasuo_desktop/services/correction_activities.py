"""社区矫正 daily work recorded like visits: 报到, 教育学习 and 公益活动 hours, 请假/销假, rewards and
punishments. Each activity is tied to the person's correction term that covers its date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from sifasuo_desktop.core.errors import NotFoundError, ValidationError
from sifasuo_desktop.db.models import CorrectionActivity, CorrectionTerm, Person, Village
from sifasuo_desktop.domain.visits import HOURS_KINDS, activity_problems
from sifasuo_desktop.services import audit
from sifasuo_desktop.services.context import AppContext


@dataclass(frozen=True)
class ActivityData:
    person_id: str
    activity_date: date | None
    kind: str
    hours: float | None = None
    end_date: date | None = None       # 请假 until
    content: str = ""
    staff: str = ""


@dataclass(frozen=True)
class ActivityRow:
    id: str
    person_id: str
    person_name: str
    village_name: str
    activity_date: date
    kind: str
    hours: float | None
    end_date: date | None
    content: str
    staff: str


def check(ctx: AppContext, data: ActivityData) -> dict[str, str]:
    return activity_problems(person_id=data.person_id, activity_date=data.activity_date, kind=data.kind,
                             hours=data.hours, end_date=data.end_date, today=ctx.today())


def _covering_term(session: Session, ctx: AppContext, person_id: str, day: date) -> str:
    person = ctx.live_row(session, Person, person_id)
    if person is None:
        raise ValidationError({"person_id": "该对象不存在或已删除"})
    term_id = session.scalar(
        select(CorrectionTerm.id)
        .where(CorrectionTerm.person_id == person_id, CorrectionTerm.deleted_at.is_(None),
               CorrectionTerm.start_date <= day,
               # within the term, or after its planned end while the release is not recorded
               or_(CorrectionTerm.end_date >= day, CorrectionTerm.actual_end_date.is_(None)),
               or_(CorrectionTerm.actual_end_date.is_(None), CorrectionTerm.actual_end_date > day))
        .order_by(CorrectionTerm.start_date.desc()).limit(1))
    if term_id is None:
        raise ValidationError({"activity_date": f"{person.name}在{day.isoformat()}不在社区矫正期内"})
    return term_id


def _live_activity(session: Session, ctx: AppContext, activity_id: str) -> CorrectionActivity:
    row = ctx.live_row(session, CorrectionActivity, activity_id)
    if row is None:
        raise NotFoundError("该矫正活动记录不存在或已删除")
    return row


def save_activity(ctx: AppContext, activity_id: str | None, data: ActivityData) -> str:
    problems = check(ctx, data)
    if problems:
        raise ValidationError(problems)
    with ctx.transaction() as session:
        term_id = _covering_term(session, ctx, data.person_id, data.activity_date)
        if activity_id:
            row = _live_activity(session, ctx, activity_id)
            before = audit.snapshot(row)
        else:
            row, before = CorrectionActivity(office_id=ctx.office_id), None
        row.person_id, row.correction_term_id = data.person_id, term_id
        row.activity_date, row.kind = data.activity_date, data.kind
        row.hours = data.hours if data.kind in HOURS_KINDS else None
        row.end_date = data.end_date
        row.content, row.staff = data.content.strip() or None, data.staff.strip() or None
        session.add(row)
        audit.record_change(session, ctx, row, before, f"{data.kind} {data.activity_date}")
        return row.id


def delete_activity(ctx: AppContext, activity_id: str) -> None:
    with ctx.transaction() as session:
        row = _live_activity(session, ctx, activity_id)
        row.deleted_at = datetime.now()
        audit.record(session, ctx, audit.DELETE, table="correction_activity", record_id=row.id,
                     summary=f"{row.kind} {row.activity_date}")


def list_activities(ctx: AppContext, *, person_id: str | None = None, start: date | None = None,
                    end: date | None = None, kind: str | None = None, limit: int = 2000) -> list[ActivityRow]:
    query = (select(CorrectionActivity, Person.name, Village.name)
             .join(Person, Person.id == CorrectionActivity.person_id)
             .outerjoin(Village, Village.id == Person.village_id)
             .where(CorrectionActivity.office_id == ctx.office_id, CorrectionActivity.deleted_at.is_(None),
                    Person.deleted_at.is_(None)))
    if person_id:
        query = query.where(CorrectionActivity.person_id == person_id)
    if start:
        query = query.where(CorrectionActivity.activity_date >= start)
    if end:
        query = query.where(CorrectionActivity.activity_date <= end)
    if kind:
        query = query.where(CorrectionActivity.kind == kind)
    query = query.order_by(CorrectionActivity.activity_date.desc(), Person.name).limit(limit)
    with ctx.reading() as session:
        return [ActivityRow(a.id, a.person_id, name, village or "", a.activity_date, a.kind, a.hours, a.end_date,
                            a.content or "", a.staff or "") for a, name, village in session.execute(query)]


def hours_by_kind(ctx: AppContext, person_id: str, start: date, end: date) -> dict[str, float]:
    """教育学习 / 公益活动 hours of one person in [start, end] (e.g. a month)."""
    query = (select(CorrectionActivity.kind, func.sum(CorrectionActivity.hours))
             .where(CorrectionActivity.person_id == person_id, CorrectionActivity.deleted_at.is_(None),
                    CorrectionActivity.kind.in_(HOURS_KINDS), CorrectionActivity.activity_date >= start,
                    CorrectionActivity.activity_date <= end)
             .group_by(CorrectionActivity.kind))
    with ctx.reading() as session:
        totals = dict(session.execute(query).all())
    return {kind: float(totals.get(kind) or 0) for kind in HOURS_KINDS}
