"""Reading one dossier: the person, their terms and all dated history, as frozen data objects."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sifasuo_desktop.db.models import (
    AftercareTerm,
    CategoryChange,
    CorrectionTerm,
    FlagPeriod,
    HelperMember,
    Placement,
    Reoffense,
    StatusEvent,
    SupervisionLevelChange,
    Village,
)
from sifasuo_desktop.domain import codes, terms
from sifasuo_desktop.services.attachments import AttachmentInfo, list_attachments
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.person_history import live_person
from sifasuo_desktop.services.person_inputs import AftercareInput, CorrectionInput, PersonInput


@dataclass(frozen=True)
class PersonView(PersonInput):
    id: str = ""
    village_name: str | None = None
    name_initials: str = ""


@dataclass(frozen=True)
class AftercareTermView(AftercareInput):
    register_start: date | None = None
    expiry: date | None = None
    end_date: date | None = None
    end_reason: str = ""
    correction_term_id: str | None = None


@dataclass(frozen=True)
class CorrectionTermView(CorrectionInput):
    pass


@dataclass(frozen=True)
class CategoryRow:
    id: str
    term_id: str
    effective_date: date
    category: str
    reason: str | None


@dataclass(frozen=True)
class FlagRow:
    id: str
    flag: str
    start_date: date
    end_date: date | None
    notes: str | None

    @property
    def label(self) -> str:
        return codes.FLAGS.get(self.flag, self.flag)


@dataclass(frozen=True)
class PlacementRow:
    id: str
    term_id: str
    placement_date: date
    method: str
    employer: str | None
    notes: str | None

    @property
    def method_name(self) -> str:
        return codes.PLACEMENT_METHODS.get(self.method, self.method)


@dataclass(frozen=True)
class ReoffenseRow:
    id: str
    offense_date: date
    kind: str
    charge: str | None
    handling: str | None


@dataclass(frozen=True)
class StatusEventRow:
    id: str
    event_date: date
    kind: str
    notes: str | None


@dataclass(frozen=True)
class HelperRow:
    id: str
    role: str
    name: str
    unit: str | None
    phone: str | None


@dataclass(frozen=True)
class LevelRow:
    id: str
    correction_term_id: str
    effective_date: date
    level: str
    reason: str | None


@dataclass(frozen=True)
class Dossier:
    person: PersonView
    aftercare_terms: list[AftercareTermView]      # oldest first
    correction_terms: list[CorrectionTermView]    # oldest first
    categories: list[CategoryRow]
    flags: list[FlagRow]
    placements: list[PlacementRow]
    reoffenses: list[ReoffenseRow]
    status_events: list[StatusEventRow]
    helpers: list[HelperRow]
    levels: list[LevelRow]
    attachments: list[AttachmentInfo]
    deleted_at: datetime | None = None

    @property
    def current_aftercare(self) -> AftercareTermView | None:
        return self.aftercare_terms[-1] if self.aftercare_terms else None

    @property
    def current_correction(self) -> CorrectionTermView | None:
        return self.correction_terms[-1] if self.correction_terms else None


def _copy(cls, obj, **extra):
    names = {f.name for f in fields(cls)}
    values = {name: getattr(obj, name) for name in names if name not in extra and hasattr(obj, name)}
    return cls(**values, **extra)


def _rows(session: Session, cls, model, owner, order):
    query = select(model).where(owner, model.deleted_at.is_(None)).order_by(order, model.created_at)
    return [_copy(cls, row) for row in session.scalars(query)]


def get_dossier(ctx: AppContext, person_id: str) -> Dossier:
    """Everything about one live person (NotFoundError when deleted or unknown)."""
    with ctx.reading() as session:
        person = live_person(session, ctx, person_id)
        village = session.get(Village, person.village_id) if person.village_id else None
        after = list(session.scalars(select(AftercareTerm).where(
            AftercareTerm.person_id == person.id, AftercareTerm.deleted_at.is_(None))
            .order_by(AftercareTerm.register_start)))
        corr = list(session.scalars(select(CorrectionTerm).where(
            CorrectionTerm.person_id == person.id, CorrectionTerm.deleted_at.is_(None))
            .order_by(CorrectionTerm.start_date)))
        after_ids = [t.id for t in after] or [""]
        corr_ids = [t.id for t in corr] or [""]
        own = {m: m.person_id == person.id for m in (FlagPeriod, Reoffense, StatusEvent, HelperMember)}
        categories = _rows(session, CategoryRow, CategoryChange, CategoryChange.term_id.in_(after_ids),
                           CategoryChange.effective_date)
        levels = _rows(session, LevelRow, SupervisionLevelChange,
                       SupervisionLevelChange.correction_term_id.in_(corr_ids), SupervisionLevelChange.effective_date)
        today = ctx.today()
        return Dossier(
            person=_copy(PersonView, person, village_name=village.name if village else None),
            aftercare_terms=[_copy(AftercareTermView, t, category=_category_on(categories, t.id, today),
                                   end_reason=_end_reason(t)) for t in after],
            correction_terms=[_copy(CorrectionTermView, t, supervision_level=_level_on(levels, t.id, today))
                              for t in corr],
            categories=categories,
            flags=_rows(session, FlagRow, FlagPeriod, own[FlagPeriod], FlagPeriod.start_date),
            placements=_rows(session, PlacementRow, Placement, Placement.term_id.in_(after_ids),
                             Placement.placement_date),
            reoffenses=_rows(session, ReoffenseRow, Reoffense, own[Reoffense], Reoffense.offense_date),
            status_events=_rows(session, StatusEventRow, StatusEvent, own[StatusEvent], StatusEvent.event_date),
            helpers=_rows(session, HelperRow, HelperMember, own[HelperMember], HelperMember.created_at),
            levels=levels,
            attachments=list_attachments(ctx, "person", person.id),
        )


def _end_reason(term: AftercareTerm) -> str:
    return terms.TermWindow(term.register_start, term.expiry, term.removal_date, term.removal_reason).end_reason


def _as_of(rows: list, owner_attr: str, owner: str, value_attr: str, day: date, default: str) -> str:
    """The value of the owner's latest change on or before ``day`` (its first when all lie ahead)."""
    own = [r for r in rows if getattr(r, owner_attr) == owner]
    current = [r for r in own if r.effective_date <= day]
    row = current[-1] if current else (own[0] if own else None)
    return getattr(row, value_attr) if row is not None else default


def _category_on(categories: list[CategoryRow], term_id: str, day: date) -> str:
    return _as_of(categories, "term_id", term_id, "category", day, codes.CATEGORY_GENERAL)


def _level_on(levels: list[LevelRow], term_id: str, day: date) -> str:
    return _as_of(levels, "correction_term_id", term_id, "level", day, "")
