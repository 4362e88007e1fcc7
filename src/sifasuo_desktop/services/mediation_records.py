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


def _save_child(ctx: AppContext, case_id: str, model, item, fields: tuple[str, ...], check, what) -> Case:
    """Check ``item`` (text lengths, then ``check(item, case, today)``), then add it (``item.id``
    None) or change it as a ``model`` row of that case; ``what(case)`` names it in the audit."""
    with ctx.transaction() as session:
        case_row = editable_case_row(session, ctx, case_id)
        case = load_case(session, case_row)
        problems = {**length_problems(model, item), **check(item, case, ctx.today())}
        if problems:
            raise ValidationError(problems)
        row = None
        if item.id:
            row, owner = _child(session, ctx, model, item.id)
            if owner.id != case_id:
                raise NotFoundError("该记录不属于这个案件")
        before = audit.snapshot(row) if row is not None else None
        row = row or model()
        for name in fields:
            value = getattr(item, name)
            setattr(row, name, (value.strip() or None) if isinstance(value, str) else value)
        row.case_id = case_id
        session.add(row)
        audit.record_change(session, ctx, row, before, what(case))
        session.flush()
        return load_case(session, case_row)


def _delete_child(ctx: AppContext, model, child_id: str, what) -> Case:
    """Mark a record or follow-up deleted; ``what(row)`` names it in the audit."""
    perm.require(ctx, perm.DELETE_RECORD)
    with ctx.transaction() as session:
        row, case_row = _child(session, ctx, model, child_id)
        before = audit.snapshot(row)
        row.deleted_at = datetime.now()
        audit.record(session, ctx, audit.DELETE, table=row.__tablename__, record_id=row.id,
                     summary=what(row), before=before)
        session.flush()
        return load_case(session, case_row)


def save_record(ctx: AppContext, case_id: str, record: Record) -> Case:
    """Add (``record.id`` None) or change an investigation or mediation record."""
    return _save_child(ctx, case_id, MediationRecord, record, _RECORD_FIELDS, record_problems,
                       lambda case: f"{record.kind}记录 {record.record_date.isoformat()}（{case.number}）")


def delete_record(ctx: AppContext, record_id: str) -> Case:
    return _delete_child(ctx, MediationRecord, record_id,
                         lambda row: f"删除{row.kind}记录 {row.record_date.isoformat()}")


def save_followup(ctx: AppContext, case_id: str, followup: Followup) -> Case:
    """Add or change a 回访 of a case with an agreement."""
    return _save_child(ctx, case_id, MediationFollowup, followup, _FOLLOWUP_FIELDS, followup_problems,
                       lambda case: f"回访 {followup.followup_date.isoformat()}（{case.number}）")


def delete_followup(ctx: AppContext, followup_id: str) -> Case:
    return _delete_child(ctx, MediationFollowup, followup_id,
                         lambda row: f"删除回访 {row.followup_date.isoformat()}")
