"""一人一档: create and update dossiers (person + aftercare terms + correction terms + history).

Public API (stable; other features build on it)::

    # inputs (frozen dataclasses, services.person_inputs, re-exported here)
    PersonInput, AftercareInput, CorrectionInput,
    CategoryInput, FlagInput, PlacementInput, ReoffenseInput, StatusEventInput, HelperInput,
    LevelInput, HistoryRef

    create_person(ctx, person, *, aftercare=(), corrections=(), history=()) -> str   # new person id
    create_person_in(session, ctx, person, *, aftercare=(), corrections=(), history=()) -> str
    update_person(ctx, person_id, person, *, aftercare=(), corrections=(), history=(), removed=()) -> None
    update_person_in(session, ctx, person_id, person, *, aftercare=(), corrections=(), history=(), removed=())
    # many new dossiers at once (Excel import): services.person_bulk.create_many(session, ctx, people)
    add_history(ctx, person_id, item) -> str          # services.person_history
    remove_history(ctx, kind, row_id) -> None
    delete_person(ctx, person_id) -> None             # to the 回收站
    restore_person(ctx, person_id) -> None
    list_deleted(ctx) -> list[DeletedPerson]
    find_by_id_number(ctx, id_number) -> str | None   # live person id in this office

    # reading: services.person_dossier.get_dossier(ctx, person_id) -> Dossier
    # the list: services.person_list.list_persons(ctx, filters=None, day=None, limit=None) -> list[PersonRow]
    #           (states: domain.person_state; filter_rows(rows, filters) for in-memory filtering)
    # checks as the user types: services.person_validation (person_problems, aftercare_problems, ...)
    # attachments: services.attachments (owner_table "person")
    # printing: services.person_print.print_person_form(ctx, person_id, form, target=None) -> PrintResult

Rules (DOMAIN §7.1, §11):
- Everything in one call is one transaction: on any problem nothing is written.
- Wrong input raises ``ValidationError`` (field code -> Chinese reason; term fields are prefixed
  ``aftercare.`` / ``correction.``, history items ``history.<index>.``). A 公民身份号码 failing the
  check is kept only with ``id_number_verified`` (号码经核实无误), which is written to the audit log.
  Sex and birth date come from a valid number; when given they must agree with it.
- The same 公民身份号码 twice in the office raises ``DuplicateError(existing_id=...)`` (also when the
  other dossier is in the 回收站: restore it instead).
- ``expiry`` = release date + term years (office rules per source); ``end_date`` = min(expiry,
  removal date) is kept in step on every save.
- History items with no term id attach to the term saved in the same call, else the latest term.
- A correction term ending with 期满解除 opens an aftercare term (source 解除社区矫正, release date =
  actual end date, handed over that day, category 一般) when ``rules.include_correction_ended``;
  its dates follow later edits and it is removed if the term no longer ends by 期满解除.
- Delete moves the person and their aftercare and correction terms to the 回收站 (same
  ``deleted_at``), so report queries need only look at the term rows. Deleting needs
  ``permissions.DELETE_PERSON``, restoring ``permissions.RESTORE_DELETED`` (管理员).
- A dossier whose village was deleted while it lay in the 回收站 is not restored: the message names
  the village, to be restored first (设置 → 村(社区)). Restoring it with no village would bring
  back a dossier that fails its own check (所属村(社区) is required) and drops out of every
  village's list and report row; the village's restore is one click for the same 管理员.
- Every write records an audit row (services.audit).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sifasuo_desktop.core.errors import DuplicateError, ValidationError
from sifasuo_desktop.db.models import AftercareTerm, CorrectionTerm, Person, Village
from sifasuo_desktop.domain import idnumber
from sifasuo_desktop.services import audit, pinyin
from sifasuo_desktop.services import permissions as perm
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.office import rules as office_rules
from sifasuo_desktop.services.person_history import add_history, add_in, live_person, remove_history, remove_in
from sifasuo_desktop.services.person_inputs import (
    AftercareInput,
    CategoryInput,
    CorrectionInput,
    FlagInput,
    HelperInput,
    HistoryInput,
    HistoryRef,
    LevelInput,
    PersonInput,
    PlacementInput,
    ReoffenseInput,
    StatusEventInput,
)
from sifasuo_desktop.services.person_terms import save_aftercare, save_correction
from sifasuo_desktop.services.person_validation import (
    aftercare_problems,
    correction_problems,
    history_problems,
    normalise_person,
    person_problems,
)

__all__ = [
    "AftercareInput", "CategoryInput", "CorrectionInput", "DeletedPerson", "FlagInput", "HelperInput",
    "HistoryRef", "LevelInput", "PersonInput", "PlacementInput", "ReoffenseInput", "StatusEventInput",
    "add_history", "create_person", "create_person_in", "delete_person", "find_by_id_number", "list_deleted",
    "remove_history", "restore_person", "update_person", "update_person_in",
]

VERIFY = "核实号码"


@dataclass(frozen=True)
class DeletedPerson:
    id: str
    name: str
    id_number_masked: str
    village: str | None           # "南关村（已删除）" when the village was deleted meanwhile
    deleted_at: datetime


_PERSON_FIELDS = [
    "name", "id_number", "id_number_verified", "sex", "birth_date", "ethnicity", "village_id", "archive_no",
    "former_name", "education", "health", "political_status", "marital_status", "household_address",
    "residence_address", "phone", "work_unit", "resume", "family_members", "prior_record", "notes",
]


def _check(session: Session, ctx: AppContext, person: PersonInput, aftercare: Sequence[AftercareInput],
           corrections: Sequence[CorrectionInput], history: Sequence[HistoryInput], person_id: str | None) -> None:
    today = ctx.today()
    problems = person_problems(person, today)
    for term in aftercare:
        for code, reason in aftercare_problems(term, today, person.birth_date).items():
            problems.setdefault(code, reason)
    for term in corrections:
        for code, reason in correction_problems(term, today).items():
            problems.setdefault(code, reason)
    for index, item in enumerate(history):
        problems.update({f"history.{index}.{k}": v for k, v in history_problems(item, today).items()})
    if person.village_id and "village_id" not in problems:
        if ctx.live_row(session, Village, person.village_id) is None:
            problems["village_id"] = "所属村(社区)不存在"
    if problems:
        raise ValidationError(problems)
    clash = session.execute(
        select(Person.id, Person.name, Person.deleted_at).where(
            Person.office_id == ctx.office_id, Person.id_number == person.id_number, Person.id != (person_id or ""))
    ).first()
    if clash:
        where = "回收站中" if clash.deleted_at else "本所"
        hint = "，请从回收站恢复该档案" if clash.deleted_at else ""
        raise DuplicateError(f"公民身份号码 {person.id_number} 已在{where}登记（{clash.name}）{hint}", clash.id)


def _fill(person: Person, data: PersonInput) -> None:
    for field in _PERSON_FIELDS:
        setattr(person, field, getattr(data, field))
    person.id_number_verified = bool(data.id_number_verified and idnumber.problem(data.id_number) is not None)
    person.name_initials = pinyin.initials(data.name)
    person.name_pinyin = pinyin.full(data.name)


def _audit_verified(session: Session, ctx: AppContext, person: Person, old_number: str | None) -> None:
    if person.id_number_verified and person.id_number != old_number:
        reason = idnumber.problem(person.id_number) or ""
        audit.record(session, ctx, VERIFY, table="person", record_id=person.id,
                     summary=f"{person.name} 公民身份号码 {person.id_number} 未通过校验（{reason}），经核实无误保留")


def _save_parts(session: Session, ctx: AppContext, person: Person, aftercare: Sequence[AftercareInput],
                corrections: Sequence[CorrectionInput], history: Sequence[HistoryInput]) -> None:
    rules = office_rules(ctx)
    aftercare_ids = [save_aftercare(session, ctx, person, term, rules) for term in aftercare]
    correction_ids = [save_correction(session, ctx, person, term, rules) for term in corrections]
    for item in history:
        add_in(session, ctx, person, item, aftercare_id=next(iter(aftercare_ids), None),
               correction_id=next(iter(correction_ids), None))


def create_person_in(session: Session, ctx: AppContext, person: PersonInput, *,
                     aftercare: Sequence[AftercareInput] = (), corrections: Sequence[CorrectionInput] = (),
                     history: Sequence[HistoryInput] = ()) -> str:
    """:func:`create_person` inside the caller's transaction (for imports that write many)."""
    data = normalise_person(person, ctx.today())
    _check(session, ctx, data, aftercare, corrections, history, None)
    row = Person(office_id=ctx.office_id)
    _fill(row, data)
    session.add(row)
    audit.record_change(session, ctx, row, None, f"新建档案 {row.name}")
    _audit_verified(session, ctx, row, None)
    _save_parts(session, ctx, row, aftercare, corrections, history)
    return row.id


def create_person(ctx: AppContext, person: PersonInput, *, aftercare: Sequence[AftercareInput] = (),
                  corrections: Sequence[CorrectionInput] = (), history: Sequence[HistoryInput] = ()) -> str:
    """Create a dossier with its terms and history in one transaction; returns the person id."""
    with ctx.transaction() as session:
        return create_person_in(session, ctx, person, aftercare=aftercare, corrections=corrections, history=history)


def update_person(ctx: AppContext, person_id: str, person: PersonInput, *,
                  aftercare: Sequence[AftercareInput] = (), corrections: Sequence[CorrectionInput] = (),
                  history: Sequence[HistoryInput] = (), removed: Sequence[HistoryRef] = ()) -> None:
    """Update 基本信息, save the given terms (new ones when ``id`` is None), add ``history`` rows and
    remove the ``removed`` ones, all in one transaction. Terms not given stay as they are."""
    with ctx.transaction() as session:
        update_person_in(session, ctx, person_id, person, aftercare=aftercare, corrections=corrections,
                         history=history, removed=removed)


def update_person_in(session: Session, ctx: AppContext, person_id: str, person: PersonInput, *,
                     aftercare: Sequence[AftercareInput] = (), corrections: Sequence[CorrectionInput] = (),
                     history: Sequence[HistoryInput] = (), removed: Sequence[HistoryRef] = ()) -> None:
    """:func:`update_person` inside the caller's transaction (for imports that update many)."""
    data = normalise_person(person, ctx.today())
    row = live_person(session, ctx, person_id)
    _check(session, ctx, data, aftercare, corrections, history, person_id)
    before = audit.snapshot(row)
    old_number = row.id_number
    _fill(row, data)
    audit.record_change(session, ctx, row, before, f"修改档案 {row.name}")
    _audit_verified(session, ctx, row, old_number)
    for ref in removed:
        remove_in(session, ctx, ref.kind, ref.id)
    _save_parts(session, ctx, row, aftercare, corrections, history)


def find_by_id_number(ctx: AppContext, id_number: str) -> str | None:
    """The id of the live person with this 公民身份号码 in the office (normalised first), or None."""
    number = idnumber.normalise(id_number)
    with ctx.reading() as session:
        return session.scalar(select(Person.id).where(
            Person.office_id == ctx.office_id, Person.id_number == number, Person.deleted_at.is_(None)))


# --- 回收站 ------------------------------------------------------------------------------------

def _mark_terms(session: Session, person_id: str, old: datetime | None, new: datetime | None) -> None:
    for model in (AftercareTerm, CorrectionTerm):
        condition = model.deleted_at.is_(None) if old is None else model.deleted_at == old
        session.execute(update(model).where(model.person_id == person_id, condition).values(deleted_at=new))


def delete_person(ctx: AppContext, person_id: str) -> None:
    """Move a dossier (with its terms) to the 回收站."""
    perm.require(ctx, perm.DELETE_PERSON)
    with ctx.transaction() as session:
        person = live_person(session, ctx, person_id)
        audit.mark_deleted(session, ctx, person, f"删除档案 {person.name}（移入回收站）")
        _mark_terms(session, person.id, None, person.deleted_at)


def restore_person(ctx: AppContext, person_id: str) -> None:
    """Bring a dossier back from the 回收站 (refused when its number is now used by another, or
    when its village has been deleted meanwhile)."""
    perm.require(ctx, perm.RESTORE_DELETED)
    with ctx.transaction() as session:
        person = live_person(session, ctx, person_id, deleted=True)
        village = session.get(Village, person.village_id) if person.village_id else None
        if village is not None and village.deleted_at is not None:
            raise ValidationError({"village_id": f"该档案所属的村(社区)“{village.name}”已被删除，请先在“设置 → 村(社区)”中"
                                                 f"恢复“{village.name}”，再恢复此档案"})
        clash = session.execute(select(Person.id, Person.name).where(
            Person.office_id == ctx.office_id, Person.id_number == person.id_number,
            Person.deleted_at.is_(None), Person.id != person.id)).first()
        if clash:
            raise DuplicateError(f"公民身份号码 {person.id_number} 已有档案（{clash.name}），不能恢复", clash.id)
        before = audit.snapshot(person)
        _mark_terms(session, person.id, person.deleted_at, None)
        person.deleted_at = None
        session.flush()
        audit.record(session, ctx, audit.RESTORE, table="person", record_id=person.id,
                     summary=f"恢复档案 {person.name}", before=before, after=audit.snapshot(person))


def list_deleted(ctx: AppContext) -> list[DeletedPerson]:
    """The 回收站: deleted dossiers, most recently deleted first."""
    with ctx.reading() as session:
        rows = session.execute(
            select(Person.id, Person.name, Person.id_number, Village.name.label("village"),
                   Village.deleted_at.label("village_deleted"), Person.deleted_at)
            .outerjoin(Village, Village.id == Person.village_id)
            .where(Person.office_id == ctx.office_id, Person.deleted_at.is_not(None))
            .order_by(Person.deleted_at.desc(), Person.name)
        )
        return [DeletedPerson(r.id, r.name, idnumber.mask(r.id_number),
                              f"{r.village}（已删除）" if r.village_deleted else r.village, r.deleted_at) for r in rows]
