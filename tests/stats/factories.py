"""Rows for report scenarios, inserted as ORM objects (the feature services are built elsewhere).

Every helper writes in its own transaction and returns the new row's id. Dates are given as
``date`` objects; terms compute ``expiry``/``end_date`` the way DOMAIN §7.1 says.
"""

from __future__ import annotations

from datetime import date, datetime
from itertools import count

from sifasuo_desktop.db.models import (
    AftercareTerm, CategoryChange, FlagPeriod, MediationCase, MediationFollowup, Office, Person, Placement, Reoffense,
    Village, Visit,
)
from sifasuo_desktop.domain import terms
from sifasuo_desktop.services.context import AppContext

DELETED = datetime(2026, 1, 1, 8, 0)


class Factory:
    def __init__(self, ctx: AppContext):
        self.ctx = ctx
        self._seq = count(1)

    def _add(self, obj):
        with self.ctx.transaction() as session:
            session.add(obj)
            session.flush()
            return obj.id

    def office(self, code: str, name: str, county: str | None = None) -> str:
        return self._add(Office(code=code, name=name, county=county))

    def village(self, name: str, sort_order: int = 0) -> str:
        return self._add(Village(office_id=self.ctx.office_id, name=name, sort_order=sort_order))

    def person(self, name: str = "张三", *, sex: str = "男", birth: date | None = date(1980, 1, 1),
               village_id: str | None = None, deleted: bool = False, office_id: str | None = None) -> str:
        n = next(self._seq)
        return self._add(Person(
            office_id=office_id or self.ctx.office_id, name=name, name_pinyin=f"p{n:04d}",
            id_number=f"41010119800101{n:04d}", sex=sex, birth_date=birth, village_id=village_id,
            deleted_at=DELETED if deleted else None,
        ))

    def term(self, person_id: str, release: date, *, source: str = "监狱刑满释放", transfer_in: date | None = None,
             years: int = 5, removal: date | None = None, reason: str | None = None, handover: date | None = None,
             method: str | None = None, agreement: date | None = None, category: str | None = "一般",
             category_date: date | None = None, deleted: bool = False, office_id: str | None = None) -> str:
        start = terms.register_start(source, release, transfer_in)
        window = terms.TermWindow(start, terms.expiry(release, years), removal, reason)
        term_id = self._add(AftercareTerm(
            office_id=office_id or self.ctx.office_id, person_id=person_id, source=source, release_date=release,
            transfer_in_date=transfer_in, register_start=start, term_years=years, expiry=window.expiry,
            removal_date=removal, removal_reason=reason, end_date=window.end, handover_date=handover,
            handover_method=method, agreement_date=agreement, deleted_at=DELETED if deleted else None,
        ))
        if category:
            self.category(term_id, category_date or start, category)
        return term_id

    def category(self, term_id: str, day: date, category: str, deleted: bool = False) -> str:
        return self._add(CategoryChange(term_id=term_id, effective_date=day, category=category,
                                        deleted_at=DELETED if deleted else None))

    def flag(self, person_id: str, flag: str, start: date, end: date | None = None) -> str:
        return self._add(FlagPeriod(person_id=person_id, flag=flag, start_date=start, end_date=end))

    def placement(self, term_id: str, day: date, method: str, deleted: bool = False) -> str:
        return self._add(Placement(term_id=term_id, placement_date=day, method=method,
                                   deleted_at=DELETED if deleted else None))

    def reoffense(self, person_id: str, day: date, kind: str = "犯罪", deleted: bool = False) -> str:
        return self._add(Reoffense(person_id=person_id, offense_date=day, kind=kind,
                                   deleted_at=DELETED if deleted else None))

    def visit(self, person_id: str, day: date, visit_type: str = "谈话", deleted: bool = False) -> str:
        return self._add(Visit(office_id=self.ctx.office_id, person_id=person_id, visit_date=day,
                               visit_type=visit_type, deleted_at=DELETED if deleted else None))

    def case(self, accepted: date, *, dispute_type: str = "邻里", source: str = "当事人申请", result: str = "调解中",
             concluded: date | None = None, form: str | None = None, amount: float | None = None,
             performance: str | None = None, confirmed: date | None = None, deleted: bool = False,
             **prevent: int) -> str:
        seq = next(self._seq)
        return self._add(MediationCase(
            office_id=self.ctx.office_id, year=accepted.year, seq=seq, acceptance_date=accepted, source=source,
            dispute_type=dispute_type, result=result, concluded_date=concluded, agreement_form=form,
            agreement_amount=amount, performance_status=performance, judicial_confirm_date=confirmed,
            deleted_at=DELETED if deleted else None, summary=f"纠纷{seq}", **prevent,
        ))

    def followup(self, case_id: str, day: date, deleted: bool = False) -> str:
        return self._add(MediationFollowup(case_id=case_id, followup_date=day,
                                           deleted_at=DELETED if deleted else None))
