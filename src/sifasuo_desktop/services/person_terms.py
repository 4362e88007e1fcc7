"""Writing aftercare and correction terms inside a dossier transaction (used by services.persons).

Input is validated by the caller (services.person_validation); these functions compute the
derived dates, record the first category / supervision level, and open the aftercare term that
follows a correction term ended by 期满解除.
"""

from __future__ import annotations

from dataclasses import fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from sifasuo_desktop.core.errors import NotFoundError
from sifasuo_desktop.db.models import AftercareTerm, CategoryChange, CorrectionTerm, Person, SupervisionLevelChange
from sifasuo_desktop.domain import codes, terms
from sifasuo_desktop.domain.rules import RuleSettings
from sifasuo_desktop.services import audit
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.person_inputs import AftercareInput, CorrectionInput

_NOT_COLUMNS = {"id", "category", "category_reason", "term_years", "supervision_level"}
AUTO_NOTE = "由社区矫正期满解除自动转入安置帮教"


def _term(session: Session, model, person: Person, data: AftercareInput | CorrectionInput):
    """The person's term ``data.id`` (a new one when None) with the input's columns written into
    it, and its values before (None when new)."""
    if data.id is None:
        term, before = model(office_id=person.office_id, person_id=person.id), None
    else:
        term = session.get(model, data.id)
        if term is None or term.person_id != person.id or term.deleted_at is not None:
            raise NotFoundError("该期别不存在或已删除")
        before = audit.snapshot(term)
    for f in fields(data):
        if f.name not in _NOT_COLUMNS:
            setattr(term, f.name, getattr(data, f.name))
    return term, before


def _set_dates(term: AftercareTerm) -> None:
    """register_start, expiry and end_date from the entered dates (DOMAIN §7.1)."""
    term.register_start = terms.register_start(term.source, term.release_date, term.transfer_in_date)
    term.expiry = terms.expiry(term.release_date, term.term_years)
    window = terms.TermWindow(term.register_start, term.expiry, term.removal_date, term.removal_reason)
    term.end_date = window.end


def save_aftercare(session: Session, ctx: AppContext, person: Person, data: AftercareInput,
                   rules: RuleSettings) -> str:
    term, before = _term(session, AftercareTerm, person, data)
    term.term_years = data.term_years or (term.term_years if before else rules.aftercare_years(data.source))
    _set_dates(term)
    session.add(term)
    audit.record_change(session, ctx, term, before, f"{person.name} {'修改' if before else '新增'}帮教期")
    if before is None:
        _first_category(session, ctx, person, term, data.category, data.category_reason)
    else:
        _align_first_category(session, term)
    return term.id


def _align_first_category(session: Session, term: AftercareTerm) -> None:
    """A register start moved earlier takes the first category with it (no day without one)."""
    first = session.scalar(select(CategoryChange).where(CategoryChange.term_id == term.id,
                                                        CategoryChange.deleted_at.is_(None))
                           .order_by(CategoryChange.effective_date).limit(1))
    if first is not None and first.effective_date > term.register_start:
        first.effective_date = term.register_start


def _first_category(session: Session, ctx: AppContext, person: Person, term: AftercareTerm, category: str,
                    reason: str | None) -> None:
    change = CategoryChange(term_id=term.id, effective_date=term.register_start, category=category, reason=reason)
    session.add(change)
    audit.record_change(session, ctx, change, None, f"{person.name} 帮教类别 {category}")


def save_correction(session: Session, ctx: AppContext, person: Person, data: CorrectionInput,
                    rules: RuleSettings) -> str:
    term, before = _term(session, CorrectionTerm, person, data)
    session.add(term)
    audit.record_change(session, ctx, term, before, f"{person.name} {'修改' if before else '新增'}社区矫正")
    if before is None:
        level = SupervisionLevelChange(correction_term_id=term.id, effective_date=term.start_date,
                                       level=data.supervision_level)
        session.add(level)
        audit.record_change(session, ctx, level, None, f"{person.name} 管理等级 {data.supervision_level}")
    _follow_with_aftercare(session, ctx, person, term, rules)
    return term.id


def _follow_with_aftercare(session: Session, ctx: AppContext, person: Person, correction: CorrectionTerm,
                           rules: RuleSettings) -> None:
    """Keep the aftercare term that follows a 期满解除 correction term in step with it."""
    linked = session.scalar(select(AftercareTerm).where(
        AftercareTerm.correction_term_id == correction.id, AftercareTerm.deleted_at.is_(None)))
    ended = correction.end_reason == codes.CORRECTION_END_EXPIRED and correction.actual_end_date is not None
    if linked is None and ended and rules.include_correction_ended:
        term = AftercareTerm(
            office_id=person.office_id, person_id=person.id, source=codes.SOURCE_CORRECTION_ENDED,
            release_date=correction.actual_end_date, term_years=rules.aftercare_years_correction,
            handover_date=correction.actual_end_date, handover_method="其他", dossier_date=ctx.today(),
            charge=correction.charge, original_sentence=correction.original_sentence,
            correction_term_id=correction.id, notes=AUTO_NOTE,
        )
        _set_dates(term)
        session.add(term)
        audit.record_change(session, ctx, term, None, f"{person.name} 社区矫正期满解除，转入安置帮教")
        _first_category(session, ctx, person, term, codes.CATEGORY_GENERAL, AUTO_NOTE)
    elif linked is not None and ended and linked.release_date != correction.actual_end_date:
        before = audit.snapshot(linked)
        linked.release_date = correction.actual_end_date
        if linked.handover_date and linked.handover_date < linked.release_date:
            linked.handover_date = linked.release_date
        _set_dates(linked)
        _align_first_category(session, linked)
        audit.record_change(session, ctx, linked, before, f"{person.name} 解矫日期变更，帮教期随之调整")
    elif linked is not None and not ended:
        audit.mark_deleted(session, ctx, linked, f"{person.name} 社区矫正不再为期满解除，撤销自动转入的帮教期")
