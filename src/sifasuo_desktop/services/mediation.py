"""人民调解: create and change a case with its parties and mediators, extend, close, reopen, delete.

Every function is one user action in one transaction and returns a ``domain.mediation.Case``.
Deleting and restoring a case is for 管理员 (``permissions.DELETE_RECORD`` / ``RESTORE_DELETED``).
Records and follow-ups are in ``mediation_records``, lists and searches in ``mediation_query``.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sifasuo_desktop.core.errors import LockedRecordError, NotFoundError, UserError, ValidationError
from sifasuo_desktop.db.models import (
    MediationCase,
    MediationFollowup,
    MediationMediator,
    MediationParty,
    MediationRecord,
    Office,
    Person,
)
from sifasuo_desktop.domain import idnumber
from sifasuo_desktop.domain.mediation import (
    DEFAULT_RETENTION,
    Case,
    Followup,
    Party,
    Record,
    close_problem,
    default_prefix,
    edit_problem,
    next_seq,
    reopen_problem,
)
from sifasuo_desktop.domain.mediation_checks import case_problems, extension_problems, normalise
from sifasuo_desktop.services import audit, pinyin
from sifasuo_desktop.services import permissions as perm
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.office import rules
from sifasuo_desktop.services.text_limits import length_problems, limit_of, text_problem

_CHILDREN = {"parties", "mediators", "clauses", "file_materials", "records", "followups", "id"}
CASE_COLUMNS = [f.name for f in fields(Case) if f.name not in _CHILDREN]
# What the case form may change; the rest changes through its own action (extend, close).
_EDITABLE = [c for c in CASE_COLUMNS if c not in ("year", "seq", "extension_days", "extension_reason", "closed")]
PARTY_COLUMNS = [f.name for f in fields(Party) if f.name not in ("id", "person_id")]


# --- reading -------------------------------------------------------------------------------

def _linked_persons(session: Session, office_id: str, numbers: list[str]) -> dict[str, str]:
    """公民身份号码 -> id of the office's dossier person with that number."""
    if not numbers:
        return {}
    rows = session.execute(
        select(Person.id_number, Person.id).where(
            Person.office_id == office_id, Person.id_number.in_(numbers), Person.deleted_at.is_(None)
        )
    )
    return {number: person_id for number, person_id in rows}


def load_case(session: Session, row: MediationCase) -> Case:
    """The case with its children as plain data."""
    def children(model, order):
        return session.scalars(
            select(model).where(model.case_id == row.id, model.deleted_at.is_(None)).order_by(*order)
        ).all()

    parties = children(MediationParty, [MediationParty.sort_order])
    links = _linked_persons(session, row.office_id, [p.id_number for p in parties if p.id_number])
    mediators = session.scalars(
        select(MediationMediator.name).where(MediationMediator.case_id == row.id).order_by(MediationMediator.sort_order)
    ).all()
    records = children(MediationRecord, [MediationRecord.record_date, MediationRecord.created_at])
    followups = children(MediationFollowup, [MediationFollowup.followup_date, MediationFollowup.created_at])
    return Case(
        **{name: getattr(row, name) for name in CASE_COLUMNS},
        id=row.id,
        parties=tuple(
            Party(**{n: getattr(p, n) for n in PARTY_COLUMNS}, id=p.id, person_id=links.get(p.id_number or ""))
            for p in parties
        ),
        mediators=tuple(mediators),
        clauses=tuple(json.loads(row.agreement_clauses or "[]")),
        file_materials=json.loads(row.file_materials or "{}"),
        records=tuple(Record(r.kind, r.record_date, r.place, r.participants, r.recorder, r.text, r.id) for r in records),
        followups=tuple(Followup(f.followup_date, f.method, f.visitor, f.content, f.result, f.id) for f in followups),
    )


def case_row(session: Session, ctx: AppContext, case_id: str, *, deleted: bool = False) -> MediationCase:
    row = session.get(MediationCase, case_id)
    if row is None or row.office_id != ctx.office_id or (row.deleted_at is not None) != deleted:
        raise NotFoundError("找不到该调解案件（可能已被删除）")
    return row


def editable_case_row(session: Session, ctx: AppContext, case_id: str) -> MediationCase:
    """The case, refused with the lock message when it is closed."""
    row = case_row(session, ctx, case_id)
    problem = edit_problem(row.closed)
    if problem:
        raise LockedRecordError(problem)
    return row


def get_case(ctx: AppContext, case_id: str) -> Case:
    with ctx.reading() as session:
        return load_case(session, case_row(session, ctx, case_id))


def default_number_prefix(ctx: AppContext) -> str:
    """The prefix of the office's latest case, else one made from the committee or office name."""
    with ctx.reading() as session:
        last = session.scalar(
            select(MediationCase.number_prefix).where(MediationCase.office_id == ctx.office_id)
            .order_by(MediationCase.created_at.desc()).limit(1)
        )
        if last:
            return last
        office = session.get(Office, ctx.office_id)
        return default_prefix(office.committee_name, office.name) if office else default_prefix(None, None)


def _used_seqs(session: Session, office_id: str, year: int, exclude_id: str | None = None) -> list[int]:
    query = select(MediationCase.seq).where(MediationCase.office_id == office_id, MediationCase.year == year)
    if exclude_id:
        query = query.where(MediationCase.id != exclude_id)
    return list(session.scalars(query))


def next_number(ctx: AppContext, acceptance_date: date) -> int:
    """The sequence a new case accepted on that day gets (numbers restart each year)."""
    with ctx.reading() as session:
        return next_seq(_used_seqs(session, ctx.office_id, acceptance_date.year))


# --- writing -------------------------------------------------------------------------------

def _checked(ctx: AppContext, case: Case) -> Case:
    case = normalise(case)
    problems = {**length_problems(MediationCase, case),
                **case_problems(case, ctx.today(), rules(ctx).judicial_confirmation_days)}
    for index, party in enumerate(case.parties, start=1):
        if too_long := length_problems(MediationParty, party):
            problems.setdefault("parties", f"第{index}位当事人：" + "；".join(too_long.values()))
    for name in case.mediators:
        if too_long := text_problem(name, limit_of(MediationMediator, "name")):
            problems.setdefault("mediators", f"调解员{too_long}")
    if problems:
        raise ValidationError(problems)
    return case


def _assign_number(session: Session, ctx: AppContext, row: MediationCase, wanted: int | None) -> None:
    year = row.acceptance_date.year
    used = _used_seqs(session, ctx.office_id, year, exclude_id=row.id)
    if wanted is None:
        wanted = next_seq(used)
    elif wanted in used:
        raise ValidationError({"seq": f"{year}年第{wanted}号已被其他案件使用"})
    row.year, row.seq = year, wanted


def _save_parties(session: Session, ctx: AppContext, row: MediationCase, parties: tuple[Party, ...]) -> None:
    existing = {p.id: p for p in session.scalars(
        select(MediationParty).where(MediationParty.case_id == row.id, MediationParty.deleted_at.is_(None))
    )}
    keep = {p.id for p in parties if p.id}
    for party_id, gone in existing.items():
        if party_id not in keep:
            before = audit.snapshot(gone)
            gone.deleted_at = datetime.now()
            audit.record(session, ctx, audit.DELETE, table=gone.__tablename__, record_id=gone.id,
                         summary=f"删除当事人 {gone.name}", before=before)
    for order, party in enumerate(parties):
        target = existing.get(party.id) if party.id else None
        if party.id and target is None:
            raise NotFoundError(f"当事人“{party.name}”已不存在，请重新打开案件")
        before = audit.snapshot(target) if target else None
        target = target or MediationParty(case_id=row.id)
        values = {n: getattr(party, n) for n in PARTY_COLUMNS}
        if values["id_number"]:
            values["id_number"] = idnumber.normalise(values["id_number"])
        for name, value in values.items():
            setattr(target, name, value if value != "" else None)
        target.name = party.name.strip()
        target.name_initials = pinyin.initials(target.name)[:50]
        target.sort_order = order
        session.add(target)
        if before is None or before != audit.snapshot(target):
            audit.record_change(session, ctx, target, before, f"{party.role} {target.name}")


def _save_mediators(session: Session, row: MediationCase, mediators: tuple[str, ...]) -> None:
    for old in session.scalars(select(MediationMediator).where(MediationMediator.case_id == row.id)):
        session.delete(old)
    names = [m.strip() for m in mediators if m.strip()]
    for order, name in enumerate(dict.fromkeys(names)):
        session.add(MediationMediator(case_id=row.id, sort_order=order, name=name))


def _write(session: Session, ctx: AppContext, row: MediationCase, case: Case) -> None:
    for name in _EDITABLE:
        value = getattr(case, name)
        if isinstance(value, str):
            value = value.strip() or None
        setattr(row, name, value)
    row.number_prefix = (case.number_prefix or "").strip()
    row.agreement_clauses = json.dumps(list(case.clauses), ensure_ascii=False) if case.clauses else None
    materials = {k: int(v) for k, v in case.file_materials.items() if v is not None}
    row.file_materials = json.dumps(materials, ensure_ascii=False) if materials else None


def _mediator_summary(case: Case) -> str:
    return "、".join(m.strip() for m in case.mediators if m.strip())


def create_case(ctx: AppContext, case: Case) -> Case:
    """受理: a new case with its parties and mediators, numbered in its acceptance year."""
    case = _checked(ctx, case)
    with ctx.transaction() as session:
        row = MediationCase(office_id=ctx.office_id)
        _write(session, ctx, row, case)
        _assign_number(session, ctx, row, case.seq)
        session.add(row)
        session.flush()
        _save_mediators(session, row, case.mediators)
        audit.record_change(session, ctx, row, None,
                            f"受理调解案件 {row.number_prefix}〔{row.year}〕第{row.seq}号，调解员 {_mediator_summary(case)}")
        _save_parties(session, ctx, row, case.parties)
        session.flush()
        return load_case(session, row)


def update_case(ctx: AppContext, case_id: str, case: Case) -> Case:
    """Save the case form: acceptance data, parties, mediators, outcome, agreement, performance,
    司法确认, prevention flags and the paper documents of the file."""
    case = _checked(ctx, case)
    with ctx.transaction() as session:
        row = editable_case_row(session, ctx, case_id)
        before = audit.snapshot(row)
        old_mediators = "、".join(load_case(session, row).mediators)
        old_year, old_seq = row.year, row.seq
        _write(session, ctx, row, case)
        wanted = case.seq
        if row.acceptance_date.year != old_year and wanted == old_seq:
            wanted = None   # moved to another year: number it there
        _assign_number(session, ctx, row, wanted)
        _save_mediators(session, row, case.mediators)
        summary = f"修改调解案件 {row.number_prefix}〔{row.year}〕第{row.seq}号"
        if old_mediators != _mediator_summary(case):
            summary += f"；调解员 {old_mediators} → {_mediator_summary(case)}"
        audit.record_change(session, ctx, row, before, summary)
        _save_parties(session, ctx, row, case.parties)
        session.flush()
        return load_case(session, row)


def extend_limit(ctx: AppContext, case_id: str, *, days: int, consent_date: date | None,
                 both_consent: bool, reason: str) -> Case:
    """延长调解期限 with both parties' consent; every extension is kept in the reason text."""
    with ctx.transaction() as session:
        row = case_row(session, ctx, case_id)
        limit_days = rules(ctx).mediation_limit_days
        problems = extension_problems(load_case(session, row), days=days, consent_date=consent_date,
                                      both_consent=both_consent, reason=reason, limit_days=limit_days,
                                      today=ctx.today())
        if problems:
            raise ValidationError(problems)
        before = audit.snapshot(row)
        line = f"{consent_date.isoformat()} 经双方当事人同意延长{days}天：{reason.strip()}"
        row.extension_days = (row.extension_days or 0) + days
        row.extension_reason = "\n".join(filter(None, [row.extension_reason, line]))[:300]
        audit.record_change(session, ctx, row, before, f"延长调解期限{days}天")
        return load_case(session, row)


def close_case(ctx: AppContext, case_id: str) -> Case:
    """结案归档: the case is locked from now on."""
    with ctx.transaction() as session:
        row = case_row(session, ctx, case_id)
        case = load_case(session, row)
        problem = close_problem(case)
        if problem:
            raise UserError(problem)
        problems = case_problems(case, ctx.today(), rules(ctx).judicial_confirmation_days)
        if problems:
            raise ValidationError(problems)
        before = audit.snapshot(row)
        row.closed, row.closed_at = True, datetime.now()
        row.filer = row.filer or ctx.user.display_name
        row.retention = row.retention or DEFAULT_RETENTION
        audit.record_change(session, ctx, row, before, f"结案归档 {case.number}")
        return load_case(session, row)


def reopen_case(ctx: AppContext, case_id: str, reason: str) -> Case:
    """重新打开 an archived case; the reason goes into the audit log."""
    with ctx.transaction() as session:
        row = case_row(session, ctx, case_id)
        problem = reopen_problem(row.closed, reason)
        if problem:
            raise ValidationError({"reason": problem})
        before = audit.snapshot(row)
        row.closed, row.closed_at = False, None
        session.flush()
        after = {**audit.snapshot(row), "reopen_reason": reason.strip()}
        audit.record(session, ctx, audit.UPDATE, table=row.__tablename__, record_id=row.id,
                     summary=f"重新打开 {row.number_prefix}〔{row.year}〕第{row.seq}号：{reason.strip()}",
                     before=before, after=after)
        return load_case(session, row)


def delete_case(ctx: AppContext, case_id: str) -> None:
    """Into the 回收站 (an archived case must be reopened first); 管理员 only."""
    perm.require(ctx, perm.DELETE_RECORD)
    with ctx.transaction() as session:
        row = editable_case_row(session, ctx, case_id)
        before = audit.snapshot(row)
        row.deleted_at = datetime.now()
        audit.record(session, ctx, audit.DELETE, table=row.__tablename__, record_id=row.id,
                     summary=f"删除调解案件 {row.number_prefix}〔{row.year}〕第{row.seq}号", before=before)


def restore_case(ctx: AppContext, case_id: str) -> Case:
    """Out of the 回收站; 管理员 only."""
    perm.require(ctx, perm.RESTORE_DELETED)
    with ctx.transaction() as session:
        row = case_row(session, ctx, case_id, deleted=True)
        row.deleted_at = None
        audit.record(session, ctx, audit.RESTORE, table=row.__tablename__, record_id=row.id,
                     summary=f"恢复调解案件 {row.number_prefix}〔{row.year}〕第{row.seq}号")
        return load_case(session, row)

