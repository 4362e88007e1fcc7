"""人民调解: investigation and mediation records (调查记录 / 调解记录) and follow-ups (回访).

Anyone may add and change them; deleting one is for 管理员 (``permissions.DELETE_RECORD``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from sifasuo_desktop.core.errors import LockedRecordError, NotFoundError, ValidationError
from sifasuo_desktop.db.models import MediationCase, MediationFollowup, MediationRecord
from sifasuo_desktop.domain.mediation import Case, Followup, Record, edit_problem
from sifasuo_desktop.domain.mediation_checks import followup_problems, record_problems
from sifasuo_desktop.services.text_limits import length_problems
from sifasuo_desktop.services import audit
from sifasuo_desktop.services import permissions as perm
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.mediation import editable_case_row, load_case

_RECORD_FIELDS = ("kind", "record_date", "place", "participants", "recorder", "text")
_FOLLOWUP_FIELDS = ("followup_date", "method", "visitor", "content", "result")


def _child(session: Session, ctx: AppContext, model, child_id: str):
    """A record or follow-up of an editable case of this office."""
    row = session.get(model, child_id)
    case = session.get(MediationCase, row.case_id) if row is not None else None
    if row is None or row.deleted_at is not None or case is None or case.office_id != ctx.office_id:
        raise NotFoundError("找不到该记录（可能已被删除）")
    problem = edit_problem(case.closed)
    if problem:
        raise LockedRecordError(problem)
    return row, case


def _save(session: Session, ctx: AppContext, model, row, values: dict, what: str) -> str:
    before = audit.snapshot(row) if row is not None else None
    row = row or model()
    for name, value in values.items():
        setattr(row, name, (value.strip() or None) if isinstance(value, str) else value)
    session.add(row)
    audit.record_change(session, ctx, row, before, what)
    return row.id


def _remove(session: Session, ctx: AppContext, row, what: str) -> None:
    before = audit.snapshot(row)
    row.deleted_at = datetime.now()
    audit.record(session, ctx, audit.DELETE, table=row.__tablename__, record_id=row.id, summary=what, before=before)


def save_record(ctx: AppContext, case_id: str, record: Record) -> Case:
    """Add (``record.id`` None) or change an investigation or mediation record."""
    with ctx.transaction() as session:
        case_row = editable_case_row(session, ctx, case_id)
        case = load_case(session, case_row)
        problems = {**length_problems(MediationRecord, record), **record_problems(record, case, ctx.today())}
        if problems:
            raise ValidationError(problems)
        row = None
        if record.id:
            row, owner = _child(session, ctx, MediationRecord, record.id)
            if owner.id != case_id:
                raise NotFoundError("该记录不属于这个案件")
        values = {name: getattr(record, name) for name in _RECORD_FIELDS}
        _save(session, ctx, MediationRecord, row, {**values, "case_id": case_id},
              f"{record.kind}记录 {record.record_date.isoformat()}（{case.number}）")
        session.flush()
        return load_case(session, case_row)


def delete_record(ctx: AppContext, record_id: str) -> Case:
    perm.require(ctx, perm.DELETE_RECORD)
    with ctx.transaction() as session:
        row, case_row = _child(session, ctx, MediationRecord, record_id)
        _remove(session, ctx, row, f"删除{row.kind}记录 {row.record_date.isoformat()}")
        session.flush()
        return load_case(session, case_row)


def save_followup(ctx: AppContext, case_id: str, followup: Followup) -> Case:
    """Add or change a 回访 of a case with an agreement."""
    with ctx.transaction() as session:
        case_row = editable_case_row(session, ctx, case_id)
        case = load_case(session, case_row)
        problems = {**length_problems(MediationFollowup, followup), **followup_problems(followup, case, ctx.today())}
        if problems:
            raise ValidationError(problems)
        row = None
        if followup.id:
            row, owner = _child(session, ctx, MediationFollowup, followup.id)
            if owner.id != case_id:
                raise NotFoundError("该记录不属于这个案件")
        values = {name: getattr(followup, name) for name in _FOLLOWUP_FIELDS}
        _save(session, ctx, MediationFollowup, row, {**values, "case_id": case_id},
              f"回访 {followup.followup_date.isoformat()}（{case.number}）")
        session.flush()
        return load_case(session, case_row)


def delete_followup(ctx: AppContext, followup_id: str) -> Case:
    perm.require(ctx, perm.DELETE_RECORD)
    with ctx.transaction() as session:
        row, case_row = _child(session, ctx, MediationFollowup, followup_id)
        _remove(session, ctx, row, f"删除回访 {row.followup_date.isoformat()}")
        session.flush()
        return load_case(session, case_row)

