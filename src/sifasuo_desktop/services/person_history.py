"""Dated history of a dossier: category changes, flags, placements, reoffenses, status events,
helper-group members and supervision-level changes. Rows are added and removed (soft), never
overwritten, so reports can ask "as of date E".
"""

from __future__ import annotations


from sqlalchemy import select
from sqlalchemy.orm import Session

from sifasuo_desktop.core.errors import NotFoundError, ValidationError
from sifasuo_desktop.db.models import (
    AftercareTerm,
    Base,
    CategoryChange,
    CorrectionTerm,
    FlagPeriod,
    HelperMember,
    Person,
    Placement,
    Reoffense,
    StatusEvent,
    SupervisionLevelChange,
)
from sifasuo_desktop.domain import codes
from sifasuo_desktop.services import audit
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.person_inputs import (
    CategoryInput,
    FlagInput,
    HelperInput,
    HistoryInput,
    LevelInput,
    PlacementInput,
    ReoffenseInput,
    StatusEventInput,
)
from sifasuo_desktop.services.person_validation import history_problems

MODELS: dict[str, type[Base]] = {
    "category": CategoryChange, "flag": FlagPeriod, "placement": Placement, "reoffense": Reoffense,
    "status_event": StatusEvent, "helper": HelperMember, "level": SupervisionLevelChange,
}
LABELS = {
    "category": "帮教类别", "flag": "标记", "placement": "安置", "reoffense": "重新违法犯罪",
    "status_event": "状态", "helper": "帮教小组成员", "level": "管理等级",
}


def live_person(session: Session, ctx: AppContext, person_id: str, *, deleted: bool = False) -> Person:
    """The office's person (in the 回收站 when ``deleted``), or NotFoundError."""
    person = session.get(Person, person_id)
    if person is None or person.office_id != ctx.office_id or (person.deleted_at is not None) != deleted:
        raise NotFoundError("回收站中没有该档案" if deleted else "档案不存在或已删除")
    return person


def _latest(session: Session, model: type[AftercareTerm] | type[CorrectionTerm], person_id: str) -> str | None:
    order = model.register_start if model is AftercareTerm else model.start_date
    return session.scalar(select(model.id).where(model.person_id == person_id, model.deleted_at.is_(None))
                          .order_by(order.desc()).limit(1))


def _term_id(session: Session, model, person: Person, given: str | None, default: str | None, what: str) -> str:
    term_id = given or default or _latest(session, model, person.id)
    term = session.get(model, term_id) if term_id else None
    if term is None or term.person_id != person.id or term.deleted_at is not None:
        kind = "帮教期" if model is AftercareTerm else "社区矫正期"
        raise ValidationError({"term_id": f"{person.name}没有{kind}，不能添加{what}"})
    return term.id


def _build(session: Session, person: Person, item: HistoryInput, aftercare_id: str | None,
           correction_id: str | None) -> Base:
    if isinstance(item, CategoryInput):
        term = _term_id(session, AftercareTerm, person, item.term_id, aftercare_id, "帮教类别")
        return CategoryChange(term_id=term, effective_date=item.effective_date, category=item.category,
                              reason=item.reason)
    if isinstance(item, PlacementInput):
        term = _term_id(session, AftercareTerm, person, item.term_id, aftercare_id, "安置记录")
        return Placement(term_id=term, placement_date=item.placement_date,
                         method=codes.placement_code(item.method), employer=item.employer, notes=item.notes)
    if isinstance(item, LevelInput):
        term = _term_id(session, CorrectionTerm, person, item.correction_term_id, correction_id, "管理等级")
        return SupervisionLevelChange(correction_term_id=term, effective_date=item.effective_date,
                                      level=item.level, reason=item.reason)
    if isinstance(item, FlagInput):
        return FlagPeriod(person_id=person.id, flag=item.flag, start_date=item.start_date,
                          end_date=item.end_date, notes=item.notes)
    if isinstance(item, ReoffenseInput):
        return Reoffense(person_id=person.id, offense_date=item.offense_date, kind=item.kind,
                         charge=item.charge, handling=item.handling)
    if isinstance(item, StatusEventInput):
        return StatusEvent(person_id=person.id, event_date=item.event_date, kind=item.kind, notes=item.notes)
    if isinstance(item, HelperInput):
        return HelperMember(person_id=person.id, role=item.role, name=item.name.strip(), unit=item.unit,
                            phone=item.phone)
    raise TypeError(item)


def add_in(session: Session, ctx: AppContext, person: Person, item: HistoryInput, *,
           aftercare_id: str | None = None, correction_id: str | None = None) -> str:
    """Add one history row inside the caller's transaction (audited). Returns the row id."""
    problems = history_problems(item, ctx.today())
    if problems:
        raise ValidationError(problems)
    row = _build(session, person, item, aftercare_id, correction_id)
    session.add(row)
    audit.record_change(session, ctx, row, None, f"{person.name} 新增{LABELS[item.KIND]}")
    return row.id


def _owner(session: Session, kind: str, row: Base) -> str | None:
    if kind in ("category", "placement"):
        return session.scalar(select(AftercareTerm.person_id).where(AftercareTerm.id == row.term_id))
    if kind == "level":
        return session.scalar(select(CorrectionTerm.person_id).where(CorrectionTerm.id == row.correction_term_id))
    return row.person_id


def remove_in(session: Session, ctx: AppContext, kind: str, row_id: str) -> None:
    model = MODELS.get(kind)
    row = session.get(model, row_id) if model else None
    person_id = _owner(session, kind, row) if row is not None and row.deleted_at is None else None
    if person_id is None:
        raise NotFoundError("记录不存在或已删除")
    person = live_person(session, ctx, person_id)
    audit.mark_deleted(session, ctx, row, f"{person.name} 删除{LABELS[kind]}")


def add_history(ctx: AppContext, person_id: str, item: HistoryInput) -> str:
    """Add one dated history row to a dossier; returns its id."""
    with ctx.transaction() as session:
        return add_in(session, ctx, live_person(session, ctx, person_id), item)


def remove_history(ctx: AppContext, kind: str, row_id: str) -> None:
    """Remove (soft delete) one history row; ``kind`` is a key of ``MODELS``."""
    with ctx.transaction() as session:
        remove_in(session, ctx, kind, row_id)
