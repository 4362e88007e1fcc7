"""人民调解: the case list with its filters and search, the 登记簿, the cases of a dossier person,
and the cases near or past their limit (for the 工作台).

The days left are computed in SQL (julianday), so the state filters and the count stay queries.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Integer, and_, cast, exists, func, or_, select
from sqlalchemy.orm import Session

from sifasuo_desktop.db.models import MediationCase, MediationFollowup, MediationMediator, MediationParty, Person
from sifasuo_desktop.domain import idnumber
from sifasuo_desktop.domain.mediation import (
    RESULT_OPEN,
    ROLE_APPLICANT,
    ROLE_RESPONDENT,
    STATE_CLOSED,
    STATE_CONCLUDED,
    STATE_NEAR,
    STATE_OPEN,
    STATE_PAST,
    LimitStatus,
    RegisterRow,
    case_number,
    open_limit,
)
from sifasuo_desktop.services.context import AppContext
from sifasuo_desktop.services.office import rules

_CHUNK = 900


@dataclass(frozen=True)
class CaseFilter:
    start: date | None = None          # acceptance date period
    end: date | None = None
    dispute_type: str = ""
    source: str = ""
    result: str = ""
    mediator: str = ""
    state: str = ""                    # one of domain.mediation.STATES
    search: str = ""                   # party name, pinyin initials, 公民身份号码 or number
    deleted: bool = False              # the 回收站


@dataclass(frozen=True)
class CaseRow:
    id: str
    number: str
    year: int
    seq: int
    acceptance_date: date
    source: str
    dispute_type: str
    applicants: str
    respondents: str
    mediators: str
    result: str
    concluded_date: date | None
    agreement_form: str | None
    performance_status: str | None
    closed: bool
    state: str
    limit: LimitStatus | None          # days left while 调解中

    @property
    def parties(self) -> str:
        return f"{self.applicants} / {self.respondents}"


def _days_left(today: date, limit_days: int):
    expr = func.julianday(MediationCase.acceptance_date) + limit_days + MediationCase.extension_days \
        - func.julianday(today.isoformat())
    return cast(func.round(expr), Integer)


def _open():
    return and_(MediationCase.result == RESULT_OPEN, MediationCase.closed.is_(False))


def _state_condition(state: str, days_left, soon: int):
    return {
        STATE_OPEN: _open(),
        STATE_NEAR: and_(_open(), days_left >= 0, days_left <= soon),
        STATE_PAST: and_(_open(), days_left < 0),
        STATE_CONCLUDED: and_(MediationCase.result != RESULT_OPEN, MediationCase.closed.is_(False)),
        STATE_CLOSED: MediationCase.closed.is_(True),
    }.get(state)


def _search_condition(text: str):
    """A party's name, part of it or its pinyin initials; part of a 公民身份号码 (4+ digits);
    a case number (``2026第12号``, ``〔2026〕第12号``) or just its sequence (1–3 digits)."""
    text = text.strip()
    numbered = re.search(r"(\d{4})\D+(\d{1,4})", text)
    if numbered:
        return and_(MediationCase.year == int(numbered[1]), MediationCase.seq == int(numbered[2]))
    if text.isdigit() and len(text) <= 3:
        return MediationCase.seq == int(text)
    party = select(MediationParty.id).where(MediationParty.case_id == MediationCase.id,
                                            MediationParty.deleted_at.is_(None))
    options = [MediationParty.name.like(f"%{text}%")]
    if text.isascii() and text.isalpha():
        options.append(MediationParty.name_initials.like(f"{text.lower()}%"))
    if len(text) >= 4 and text[:-1].isdigit():
        options.append(MediationParty.id_number.like(f"%{idnumber.normalise(text)}%"))
    conditions = [exists(party.where(or_(*options)))]
    if not text.isascii():
        conditions.append(MediationCase.number_prefix.like(f"%{text}%"))
    return or_(*conditions)


def _names(session: Session, ids: list[str]) -> tuple[dict, dict]:
    """case id -> {role: "甲、乙"}, case id -> "调解员一、调解员二"."""
    parties: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    mediators: dict[str, list[str]] = defaultdict(list)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        for case_id, role, name in session.execute(
            select(MediationParty.case_id, MediationParty.role, MediationParty.name)
            .where(MediationParty.case_id.in_(chunk), MediationParty.deleted_at.is_(None))
            .order_by(MediationParty.case_id, MediationParty.sort_order)
        ):
            parties[case_id][role].append(name)
        for case_id, name in session.execute(
            select(MediationMediator.case_id, MediationMediator.name)
            .where(MediationMediator.case_id.in_(chunk))
            .order_by(MediationMediator.case_id, MediationMediator.sort_order)
        ):
            mediators[case_id].append(name)
    return ({k: {r: "、".join(n) for r, n in v.items()} for k, v in parties.items()},
            {k: "、".join(v) for k, v in mediators.items()})


_ROW_COLUMNS = (
    MediationCase.id, MediationCase.number_prefix, MediationCase.year, MediationCase.seq,
    MediationCase.acceptance_date, MediationCase.source, MediationCase.dispute_type, MediationCase.result,
    MediationCase.concluded_date, MediationCase.agreement_form, MediationCase.performance_status,
    MediationCase.closed, MediationCase.extension_days,
)


def _rows(ctx: AppContext, session: Session, query, today: date | None = None) -> list[CaseRow]:
    settings = rules(ctx)
    today = today or ctx.today()
    found = session.execute(query).all()
    parties, mediators = _names(session, [r.id for r in found])
    rows = []
    for r in found:
        limit = None
        if r.result == RESULT_OPEN and not r.closed:
            limit = open_limit(r.acceptance_date, r.extension_days or 0, settings.mediation_limit_days,
                               settings.due_soon_days, today)
        state = STATE_CLOSED if r.closed else (limit.state if limit else STATE_CONCLUDED)
        names = parties.get(r.id, {})
        rows.append(CaseRow(
            r.id, case_number(r.number_prefix, r.year, r.seq), r.year, r.seq, r.acceptance_date, r.source, r.dispute_type,
            names.get(ROLE_APPLICANT, ""), names.get(ROLE_RESPONDENT, ""), mediators.get(r.id, ""),
            r.result, r.concluded_date, r.agreement_form, r.performance_status, r.closed, state, limit,
        ))
    return rows


def _base(ctx: AppContext, deleted: bool = False):
    deleted_cond = MediationCase.deleted_at.is_not(None) if deleted else MediationCase.deleted_at.is_(None)
    return (select(*_ROW_COLUMNS).where(MediationCase.office_id == ctx.office_id, deleted_cond)
            .order_by(MediationCase.year.desc(), MediationCase.seq.desc()))


def list_cases(ctx: AppContext, flt: CaseFilter = CaseFilter()) -> list[CaseRow]:
    settings = rules(ctx)
    query = _base(ctx, flt.deleted)
    if flt.start:
        query = query.where(MediationCase.acceptance_date >= flt.start)
    if flt.end:
        query = query.where(MediationCase.acceptance_date <= flt.end)
    for column, value in ((MediationCase.dispute_type, flt.dispute_type), (MediationCase.source, flt.source),
                          (MediationCase.result, flt.result)):
        if value:
            query = query.where(column == value)
    if flt.mediator:
        query = query.where(exists(select(MediationMediator.id).where(
            MediationMediator.case_id == MediationCase.id, MediationMediator.name == flt.mediator)))
    condition = _state_condition(flt.state, _days_left(ctx.today(), settings.mediation_limit_days),
                                 settings.due_soon_days)
    if condition is not None:
        query = query.where(condition)
    if flt.search.strip():
        query = query.where(_search_condition(flt.search))
    with ctx.reading() as session:
        return _rows(ctx, session, query)


def cases_near_limit(ctx: AppContext, today: date | None = None) -> list[CaseRow]:
    """Open cases within ``due_soon_days`` of their limit or past it, most urgent first."""
    settings = rules(ctx)
    day = today or ctx.today()
    days_left = _days_left(day, settings.mediation_limit_days)
    query = (select(*_ROW_COLUMNS)
             .where(MediationCase.office_id == ctx.office_id, MediationCase.deleted_at.is_(None), _open(),
                    days_left <= settings.due_soon_days)
             .order_by(days_left, MediationCase.seq))
    with ctx.reading() as session:
        return _rows(ctx, session, query, day)


def cases_for_person(ctx: AppContext, person_id: str) -> list[CaseRow]:
    """The cases where the dossier person is a party (same 公民身份号码), for the 一人一档."""
    number = select(Person.id_number).where(Person.id == person_id, Person.office_id == ctx.office_id)
    query = _base(ctx).where(exists(select(MediationParty.id).where(
        MediationParty.case_id == MediationCase.id, MediationParty.deleted_at.is_(None),
        MediationParty.id_number == number.scalar_subquery())))
    with ctx.reading() as session:
        return _rows(ctx, session, query)


def mediator_names(ctx: AppContext) -> list[str]:
    """Every mediator name used in the office, for the filter and the form's completion."""
    query = (select(MediationMediator.name).join(MediationCase, MediationCase.id == MediationMediator.case_id)
             .where(MediationCase.office_id == ctx.office_id).group_by(MediationMediator.name)
             .order_by(func.count().desc(), MediationMediator.name))
    with ctx.reading() as session:
        return list(session.scalars(query))


def register_rows(ctx: AppContext, start: date, end: date) -> list[RegisterRow]:
    """人民调解案件登记簿: the cases accepted in [start, end], in number order."""
    query = (select(MediationCase).where(
        MediationCase.office_id == ctx.office_id, MediationCase.deleted_at.is_(None),
        MediationCase.acceptance_date >= start, MediationCase.acceptance_date <= end)
        .order_by(MediationCase.year, MediationCase.seq))
    with ctx.reading() as session:
        cases = session.scalars(query).all()
        ids = [c.id for c in cases]
        parties, mediators = _names(session, ids)
        followups: dict[str, date] = {}
        for start_index in range(0, len(ids), _CHUNK):
            followups.update(session.execute(
                select(MediationFollowup.case_id, func.max(MediationFollowup.followup_date))
                .where(MediationFollowup.case_id.in_(ids[start_index:start_index + _CHUNK]),
                       MediationFollowup.deleted_at.is_(None))
                .group_by(MediationFollowup.case_id)).all())
        return [
            RegisterRow(
                number=case_number(c.number_prefix, c.year, c.seq), acceptance_date=c.acceptance_date,
                source=c.source + (f"（{c.referring_organ}）" if c.referring_organ else ""),
                dispute_type=c.dispute_type,
                applicants=parties.get(c.id, {}).get(ROLE_APPLICANT, ""),
                respondents=parties.get(c.id, {}).get(ROLE_RESPONDENT, ""),
                summary=c.summary or "", mediators=mediators.get(c.id, ""), result=c.result,
                concluded_date=c.concluded_date, agreement_form=c.agreement_form or "",
                agreement_amount=c.agreement_amount, performance_status=c.performance_status or "",
                followup_date=followups.get(c.id), judicial_confirm_date=c.judicial_confirm_date,
                notes=c.notes or "",
            )
            for c in cases
        ]
