"""Persons and terms written straight through the ORM, so visit and due tests need no dossier UI.

(The dossier service owns how persons are really created; these rows carry only what the visit
and due features read.)
"""

from __future__ import annotations

import itertools
from datetime import date

from sqlalchemy import select

from sifasuo_desktop.db.models import (
    AftercareTerm,
    CategoryChange,
    CorrectionTerm,
    HelperMember,
    Person,
    StatusEvent,
    SupervisionLevelChange,
    Village,
)
from sifasuo_desktop.domain.dates import add_years
from sifasuo_desktop.domain.idnumber import check_character

_seq = itertools.count(1)


def id_number(birth: date = date(1985, 5, 17)) -> str:
    first17 = f"410101{birth:%Y%m%d}{next(_seq) % 1000:03d}"
    return first17 + check_character(first17)


def village_id(ctx, name: str = "东街社区") -> str:
    with ctx.reading() as session:
        return session.scalar(select(Village.id).where(Village.name == name))


def person(ctx, name: str = "张三", *, village: str = "东街社区", initials: str = "", phone: str = "13800000000",
           address: str = "东街1号") -> str:
    with ctx.transaction() as session:
        row = Person(office_id=ctx.office_id, name=name, name_initials=initials, id_number=id_number(),
                     village_id=village_id(ctx, village), phone=phone, residence_address=address, sex="男")
        session.add(row)
        session.flush()
        return row.id


def aftercare(ctx, person_id: str, release: date, *, category: str = "一般", handover: date | None = "same",
              agreement: date | None = None, notice: date | None = None, dossier: date | None = None,
              removal: date | None = None, source: str = "监狱刑满释放", years: int = 5) -> str:
    expiry = add_years(release, years)
    with ctx.transaction() as session:
        term = AftercareTerm(office_id=ctx.office_id, person_id=person_id, source=source, release_date=release,
                             register_start=release, term_years=years, expiry=expiry, removal_date=removal,
                             end_date=min(expiry, removal) if removal else expiry, notice_date=notice,
                             dossier_date=dossier, handover_date=release if handover == "same" else handover,
                             agreement_date=agreement)
        session.add(term)
        session.flush()
        session.add(CategoryChange(term_id=term.id, effective_date=release, category=category))
        return term.id


def change_category(ctx, term_id: str, when: date, category: str) -> None:
    with ctx.transaction() as session:
        session.add(CategoryChange(term_id=term_id, effective_date=when, category=category))


def correction(ctx, person_id: str, start: date, end: date, *, level: str = "普管", report: date | None = None,
               judgment: date | None = None) -> str:
    with ctx.transaction() as session:
        term = CorrectionTerm(office_id=ctx.office_id, person_id=person_id, kind="缓刑", start_date=start,
                              end_date=end, report_date=report, judgment_effective_date=judgment)
        session.add(term)
        session.flush()
        session.add(SupervisionLevelChange(correction_term_id=term.id, effective_date=start, level=level))
        return term.id


def status_event(ctx, person_id: str, when: date, kind: str = "落户") -> None:
    with ctx.transaction() as session:
        session.add(StatusEvent(person_id=person_id, event_date=when, kind=kind))


def helper(ctx, person_id: str, name: str, role: str = "村(居)干部", phone: str = "13900000000") -> None:
    with ctx.transaction() as session:
        session.add(HelperMember(person_id=person_id, role=role, name=name, phone=phone))
