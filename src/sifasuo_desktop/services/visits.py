"""走访记录: record, edit and delete visits (one transaction each, audited), 集中教育 sessions
recorded once for many persons, and the visit list with its filters and search."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from sifasuo_desktop.core.errors import NotFoundError, ValidationError
from sifasuo_desktop.db.models import AftercareTerm, CorrectionTerm, Person, Village, Visit, new_id
from sifasuo_desktop.domain import codes
from sifasuo_desktop.domain.idnumber import mask
from sifasuo_desktop.domain.visits import visit_problems
from sifasuo_desktop.services import audit
from sifasuo_desktop.services.context import AppContext

REVIEW_FIELDS = (
    "review_period_start", "review_period_end", "review_method", "review_conduct_thought",
    "review_conduct_law", "review_conduct_work", "review_conduct_family", "review_conduct_social",
    "review_measures", "review_group_opinion", "reviewer", "review_office_opinion",
)


@dataclass(frozen=True)
class VisitData:
    """What the visit form holds. Texts are '' when empty; review fields only for 跟踪考察."""

    person_id: str
    visit_date: date | None
    visit_type: str
    place: str = ""
    staff: str = ""
    recorder: str = ""
    participants: str = ""
    content_thought: str = ""
    content_work: str = ""
    content_life: str = ""
    content_family: str = ""
    content: str = ""
    problems: str = ""
    help_given: str = ""
    next_step: str = ""
    review_period_start: date | None = None
    review_period_end: date | None = None
    review_method: str = ""
    review_conduct_thought: str = ""
    review_conduct_law: str = ""
    review_conduct_work: str = ""
    review_conduct_family: str = ""
    review_conduct_social: str = ""
    review_measures: str = ""
    review_group_opinion: str = ""
    reviewer: str = ""
    review_office_opinion: str = ""


DATA_FIELDS = tuple(f.name for f in fields(VisitData))
TEXT_FIELDS = frozenset(f.name for f in fields(VisitData) if f.type == "str")


@dataclass(frozen=True)
class VisitRecord:
    id: str
    person_name: str
    id_number_masked: str
    village_name: str
    batch_id: str | None
    data: VisitData


@dataclass(frozen=True)
class VisitRow:
    id: str
    person_id: str
    person_name: str
    village_name: str
    visit_date: date
    visit_type: str
    staff: str
    place: str
    summary: str
    batch_id: str | None


@dataclass(frozen=True)
class VisitFilter:
    start: date | None = None
    end: date | None = None
    village_id: str | None = None
    person_id: str | None = None
    visit_type: str | None = None
    staff: str | None = None
    text: str | None = None           # name, pinyin initials, ID number (part), place or content


@dataclass(frozen=True)
class PersonChoice:
    id: str
    name: str
    id_number_masked: str
    village_id: str | None
    village_name: str
    population: str                   # 安置帮教 / 社区矫正


@dataclass(frozen=True)
class BatchData:
    """One 集中教育 session: recorded once, one visit per attending person sharing a batch id."""

    visit_date: date | None
    person_ids: tuple[str, ...]
    place: str = ""
    staff: str = ""
    recorder: str = ""
    content: str = ""


def check(ctx: AppContext, data: VisitData) -> dict[str, str]:
    return visit_problems(person_id=data.person_id, visit_date=data.visit_date, visit_type=data.visit_type,
                          review_period_start=data.review_period_start,
                          review_period_end=data.review_period_end, today=ctx.today())


def _clean(data: VisitData) -> dict[str, object]:
    values = {name: getattr(data, name) for name in DATA_FIELDS}
    for name, value in values.items():
        if isinstance(value, str):
            values[name] = value.strip() or None
    if data.visit_type != codes.VISIT_TYPE_REVIEW:
        values.update({name: None for name in REVIEW_FIELDS})
    return values


def _live_person(session: Session, ctx: AppContext, person_id: str) -> Person:
    person = ctx.live_row(session, Person, person_id)
    if person is None:
        raise ValidationError({"person_id": "走访对象不存在或已删除"})
    return person


def live_visit(session: Session, ctx: AppContext, visit_id: str) -> Visit:
    """The office's visit (not deleted), or NotFoundError."""
    visit = ctx.live_row(session, Visit, visit_id)
    if visit is None:
        raise NotFoundError("该走访记录不存在或已删除")
    return visit


def save_visit(ctx: AppContext, visit_id: str | None, data: VisitData) -> str:
    """Create (``visit_id`` None) or update a visit; returns its id."""
    problems = check(ctx, data)
    if problems:
        raise ValidationError(problems)
    with ctx.transaction() as session:
        person = _live_person(session, ctx, data.person_id)
        visit = live_visit(session, ctx, visit_id) if visit_id else Visit(office_id=ctx.office_id)
        before = audit.snapshot(visit) if visit_id else None
        for name, value in _clean(data).items():
            setattr(visit, name, value)
        session.add(visit)
        audit.record_change(session, ctx, visit, before, f"{person.name} {data.visit_date} {data.visit_type}")
        return visit.id


def get_visit(ctx: AppContext, visit_id: str) -> VisitRecord:
    with ctx.reading() as session:
        visit = live_visit(session, ctx, visit_id)
        person = session.get(Person, visit.person_id)
        village = session.get(Village, person.village_id) if person.village_id else None
        values = {name: getattr(visit, name) for name in DATA_FIELDS}
        data = VisitData(**{k: ("" if v is None and k in TEXT_FIELDS else v) for k, v in values.items()})
        return VisitRecord(visit.id, person.name, mask(person.id_number), village.name if village else "",
                           visit.batch_id, data)


def _set_deleted(ctx: AppContext, visit_id: str, deleted: bool) -> None:
    with ctx.transaction() as session:
        visit = session.get(Visit, visit_id)
        if visit is None or visit.office_id != ctx.office_id or (visit.deleted_at is None) != deleted:
            raise NotFoundError("该走访记录不存在" if deleted else "该走访记录未被删除")
        visit.deleted_at = datetime.now() if deleted else None
        action = audit.DELETE if deleted else audit.RESTORE
        audit.record(session, ctx, action, table="visit", record_id=visit.id,
                     summary=f"{visit.visit_date} {visit.visit_type}")


def delete_visit(ctx: AppContext, visit_id: str) -> None:
    """Soft delete: the visit goes to the 回收站 and no longer counts as contact."""
    _set_deleted(ctx, visit_id, True)


def restore_visit(ctx: AppContext, visit_id: str) -> None:
    _set_deleted(ctx, visit_id, False)


def record_batch(ctx: AppContext, batch: BatchData) -> str:
    """One 集中教育 session for every ticked person: one visit each, sharing a batch id."""
    problems = visit_problems(person_id="-", visit_date=batch.visit_date, visit_type="集中教育", today=ctx.today())
    if not batch.person_ids:
        problems["person_ids"] = "请勾选参加集中教育的对象"
    if len(set(batch.person_ids)) != len(batch.person_ids):
        problems["person_ids"] = "同一对象不能勾选两次"
    if problems:
        raise ValidationError(problems)
    batch_id = new_id()
    template = VisitData(person_id="", visit_date=batch.visit_date, visit_type="集中教育", place=batch.place,
                         staff=batch.staff, recorder=batch.recorder, content=batch.content)
    with ctx.transaction() as session:
        for person_id in batch.person_ids:
            person = _live_person(session, ctx, person_id)
            visit = Visit(office_id=ctx.office_id, batch_id=batch_id, **_clean(replace(template, person_id=person_id)))
            session.add(visit)
            audit.record_change(session, ctx, visit, None, f"集中教育 {batch.visit_date} {person.name}")
    return batch_id


def batch_person_ids(ctx: AppContext, batch_id: str) -> list[str]:
    with ctx.reading() as session:
        query = select(Visit.person_id).where(Visit.batch_id == batch_id, Visit.deleted_at.is_(None))
        return list(session.scalars(query))


def _person_match(text: str):
    pattern = f"%{text}%"
    return or_(Person.name.like(pattern), Person.name_initials.like(f"{text.lower()}%"),
               Person.id_number.like(pattern))


def _summary(row) -> str:
    parts = [p for p in (row.content, row.content_thought, row.content_work, row.content_life,
                         row.content_family) if p]
    text = " ".join(parts).replace("\n", " ")
    return text[:60] + ("…" if len(text) > 60 else "")


def list_visits(ctx: AppContext, flt: VisitFilter = VisitFilter(), limit: int = 2000) -> list[VisitRow]:
    """Visits newest first, filtered; at most ``limit`` rows (narrow the filter for older ones)."""
    query = (
        select(Visit.id, Visit.person_id, Person.name, Village.name.label("village"), Visit.visit_date,
               Visit.visit_type, Visit.staff, Visit.place, Visit.batch_id, Visit.content, Visit.content_thought,
               Visit.content_work, Visit.content_life, Visit.content_family)
        .join(Person, Person.id == Visit.person_id)
        .outerjoin(Village, Village.id == Person.village_id)
        .where(Visit.office_id == ctx.office_id, Visit.deleted_at.is_(None), Person.deleted_at.is_(None))
    )
    if flt.start:
        query = query.where(Visit.visit_date >= flt.start)
    if flt.end:
        query = query.where(Visit.visit_date <= flt.end)
    if flt.village_id:
        query = query.where(Person.village_id == flt.village_id)
    if flt.person_id:
        query = query.where(Visit.person_id == flt.person_id)
    if flt.visit_type:
        query = query.where(Visit.visit_type == flt.visit_type)
    if flt.staff:
        query = query.where(Visit.staff.like(f"%{flt.staff.strip()}%"))
    text = (flt.text or "").strip()
    if text:
        pattern = f"%{text}%"
        query = query.where(or_(_person_match(text), Visit.place.like(pattern), Visit.content.like(pattern),
                                Visit.problems.like(pattern)))
    query = query.order_by(Visit.visit_date.desc(), Person.name).limit(limit)
    with ctx.reading() as session:
        return [VisitRow(r.id, r.person_id, r.name, r.village or "", r.visit_date, r.visit_type, r.staff or "",
                         r.place or "", _summary(r), r.batch_id) for r in session.execute(query)]


def staff_names(ctx: AppContext) -> list[str]:
    """Names already used as 走访人, most frequent first (the form's suggestions)."""
    query = (select(Visit.staff).where(Visit.office_id == ctx.office_id, Visit.staff.is_not(None),
                                       Visit.deleted_at.is_(None))
             .group_by(Visit.staff).order_by(func.count().desc()).limit(30))
    with ctx.reading() as session:
        return list(session.scalars(query))


def person_choices(ctx: AppContext, text: str = "", village_id: str | None = None,
                   on_register: bool = True, limit: int = 500) -> list[PersonChoice]:
    """Persons to pick for a visit: by default those in an aftercare or correction term today."""
    today = ctx.today()
    aftercare = (select(AftercareTerm.person_id)
                 .where(AftercareTerm.deleted_at.is_(None), AftercareTerm.register_start <= today,
                        AftercareTerm.end_date > today))
    correction = (select(CorrectionTerm.person_id)
                  .where(CorrectionTerm.deleted_at.is_(None), CorrectionTerm.start_date <= today,
                         or_(CorrectionTerm.actual_end_date.is_(None), CorrectionTerm.actual_end_date > today)))
    in_correction = Person.id.in_(correction)
    query = (select(Person.id, Person.name, Person.id_number, Person.village_id, Village.name.label("village"),
                    in_correction.label("in_correction"))
             .outerjoin(Village, Village.id == Person.village_id)
             .where(Person.office_id == ctx.office_id, Person.deleted_at.is_(None)))
    if on_register:
        query = query.where(or_(Person.id.in_(aftercare), in_correction))
    if village_id:
        query = query.where(Person.village_id == village_id)
    if text.strip():
        query = query.where(_person_match(text.strip()))
    query = query.order_by(Village.sort_order, Person.name_pinyin, Person.name).limit(limit)
    with ctx.reading() as session:
        return [PersonChoice(r.id, r.name, mask(r.id_number), r.village_id, r.village or "",
                             codes.POPULATION_CORRECTION if r.in_correction else codes.POPULATION_AFTERCARE)
                for r in session.execute(query)]
